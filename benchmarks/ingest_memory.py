"""Does ``renewcast ingest netflix-top10`` stay small on a 200 MiB file of junk?

Writes, in a temporary directory, a Top 10 file of the given size: the real header, a
few good rows at the start, middle and end, and junk between them (lines of random
text, rows with impossible numbers, NUL bytes, bytes that are not UTF-8, titles over
the catalog's length, a quarter-megabyte line now and then). Then runs the real command
on it in a subprocess, and on a file of the good rows alone for comparison, each from a
fresh helper process so ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is that ingest's peak
alone. SQLite in the temporary directory, or the PostgreSQL server named by
DATABASE_URL (a scratch database is created and dropped).

    python benchmarks/ingest_memory.py [--mib 200]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ingest_top10 import run, scratch_env

HEADER = ("week\tcategory\tweekly_rank\tshow_title\tseason_title\tweekly_hours_viewed\t"
          "runtime\tweekly_views\tcumulative_weeks_in_top_10\n")
GOOD = [
    f"2022-0{month}-{day}\tTV (English)\t{rank}\tBench Show {n}\tBench Show {n}: Season 1\t"
    f"{1_000_000 * n}\t\t\t1\n"
    for n, (month, day, rank) in enumerate(
        [(7, "03", 1), (7, "10", 2), (7, "17", 3), (7, 24, 4), (7, 31, 5), (8, "07", 6),
         (8, 14, 7), (8, 21, 8)], start=1)
]

# The helper that runs one ingest and reports its peak memory and time as JSON.
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - started
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(json.dumps({"rc": done.returncode, "seconds": seconds, "peak_kib": peak_kib,
                  "stdout": done.stdout, "stderr": done.stderr[-2000:]}))
"""


def junk_block(rng: random.Random, size: int) -> bytes:
    """About ``size`` bytes of bad lines of every kind the reader refuses."""
    letters = "abcdefghijklmnopqrstuvwxyz ,.;'\"=+-_/\\|!?0123456789éü€"
    lines: list[bytes] = []
    total = 0
    while total < size:
        kind = rng.randrange(7)
        if kind == 0:
            line = "".join(rng.choice(letters) for _ in range(rng.randrange(20, 200))).encode()
        elif kind == 1:
            line = (f"2022-08-28\tTV (English)\t{rng.randrange(1, 11)}\tJunk\tJunk: Season 1\t"
                    f"{rng.choice(['1e308', '9' * 26, 'inf', 'nan', '-5'])}\t\t\t1").encode()
        elif kind == 2:
            line = b"2022-08-28\tTV (English)\t3\tNul\x00Show\tN/A\t100\t\t\t1"
        elif kind == 3:
            line = b"2022-08-28\tTV (English)\t3\tLatin-1 Caf\xe9\tN/A\t100\t\t\t1"
        elif kind == 4:
            line = f"2022-08-28\tTV (English)\t3\t{'T' * 400}\tN/A\t100\t\t\t1".encode()
        elif kind == 5:
            line = bytes(rng.randrange(1, 256) for _ in range(rng.randrange(10, 120)))
            line = line.replace(b"\n", b" ")
        else:
            line = "\t".join(str(rng.random()) for _ in range(9)).encode()
        lines.append(line + b"\n")
        total += len(line) + 1
    return b"".join(lines) + b"y" * (256 * 1024) + b"\n"  # past the reader's line limit


def write_file(path: Path, mib: int) -> None:
    rng = random.Random(22)
    block = junk_block(rng, 8 * 1024 * 1024)
    # One byte kept for the newline that may end the junk: the file is at most ``mib`` MiB,
    # the largest a fetched file may be.
    target = mib * 1024 * 1024 - len(HEADER) - sum(len(g) for g in GOOD) - 1
    with path.open("wb") as out:
        out.write(HEADER.encode())
        out.writelines(g.encode() for g in GOOD[:3])
        written = 0
        while written < target:
            piece = block[: target - written]
            if written < target // 2 <= written + len(piece):
                out.writelines(g.encode() for g in GOOD[3:5])  # a few good rows halfway
            out.write(piece)
            written += len(piece)
        if not piece.endswith(b"\n"):
            out.write(b"\n")
        out.writelines(g.encode() for g in GOOD[5:])


def measure(env: dict, path: Path) -> dict:
    command = [sys.executable, "-m", "renewcast", "ingest", "netflix-top10", str(path)]
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=200, help="size of the junk file (200)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        junk = Path(tmp) / "junk.tsv"
        write_file(junk, args.mib)
        small = Path(tmp) / "good.tsv"
        small.write_text(HEADER + "".join(GOOD))
        print(f"wrote {junk.stat().st_size / 2**20:,.1f} MiB of junk and {len(GOOD)} good rows "
              f"in {time.perf_counter() - started:.1f} s")
        results = {}
        for name, path in (("good rows only", small), (f"{args.mib} MiB junk", junk)):
            env, drop = scratch_env(str(Path(tmp) / name.replace(" ", "-")))
            try:
                run(env, "init", "--empty")
                results[name] = measure(env, path)
            finally:
                drop()
    for name, result in results.items():
        summary = [line for line in result["stdout"].splitlines() if "rows:" in line]
        print(f"{name}: peak RSS {result['peak_kib'] / 1024:,.0f} MiB, "
              f"{result['seconds']:.1f} s, exit {result['rc']}")
        print(f"    {summary[0] if summary else result['stderr'].strip()}")
    junk_created = results[f"{args.mib} MiB junk"]["stdout"]
    if f"{len(GOOD)} created" not in junk_created:
        sys.exit(f"expected the {len(GOOD)} good rows to be created:\n{junk_created}")


if __name__ == "__main__":
    main()
