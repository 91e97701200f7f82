"""Write what :mod:`renewcast.sources` read into the knowledge base.

Each ingest is one transaction, compares every row with what is stored, and
returns an :class:`IngestReport`: rows read, created, updated, unchanged,
rejected (with their line numbers) and skipped. Running the same input twice
changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from renewcast.sources.errors import RowError

Progress = Callable[[int], None]  # called with how many rows were just handled


@dataclass
class IngestReport:
    what: str
    location: str  # the file or URL that was read
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    skipped_why: str = ""
    errors: list[RowError] = field(default_factory=list)
    unshown: int = 0  # bad lines counted beyond the ``errors`` kept (a file of junk)
    shows_created: int = 0
    seasons_created: int = 0
    events_created: int = 0

    @property
    def rejected(self) -> int:
        return len(self.errors) + self.unshown

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.shows_created or self.seasons_created
                    or self.events_created)

    def summary_lines(self) -> list[str]:
        lines = [
            f"{self.what}: read {self.read:,} rows: {self.created:,} created, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged, {self.rejected:,} rejected"
            + (f", {self.skipped:,} skipped ({self.skipped_why})" if self.skipped else "")
        ]
        new = [
            f"{n:,} {label}"
            for n, label in (
                (self.shows_created, "shows"),
                (self.seasons_created, "seasons"),
                (self.events_created, "events"),
            )
            if n
        ]
        if new:
            lines.append("new: " + ", ".join(new))
        if not self.changed:
            lines.append("nothing changed: the database already held every row")
        return lines
