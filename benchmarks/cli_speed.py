"""How long does a CLI command make a user wait, from launch to exit?

An argument error and ``--help`` should answer at once (they are checked before Django,
scikit-learn or the URL map load); ``renewcast show`` opens with the answer a fan wants
and should come back in well under two seconds. The database is created first and not
timed.

    python benchmarks/cli_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time

from ingest_top10 import scratch_env

COMMANDS = (
    ("--help", ["--help"]),
    ("forecast with no title (an argument error)", ["forecast"]),
    ('show "Partner Track" (canceled: the answer and the tables)', ["show", "Partner Track"]),
    ('show "BEEF" (awaiting: the chance and the premiere window too)', ["show", "BEEF"]),
    ('forecast "BEEF"', ["forecast", "BEEF"]),
)


def timed(env: dict, args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "renewcast", *args], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        env, drop = scratch_env(data_dir)
        try:
            subprocess.run([sys.executable, "-m", "renewcast", "init"], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for name, command in COMMANDS:
                runs = [timed(env, command) for _ in range(args.repeat)]
                print(f"{name:<62} median {statistics.median(runs):.2f} s  "
                      f"(min {min(runs):.2f}, max {max(runs):.2f})")
        finally:
            drop()


if __name__ == "__main__":
    main()
