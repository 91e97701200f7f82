"""The two ways outside data can be bad, kept apart on purpose.

A :class:`SourceError` means the whole input is unusable (wrong header, empty,
binary, a URL that failed): the caller must not write anything. A
:class:`RowError` means one line is bad: the caller reports it and keeps every
good line next to it; :class:`RowErrors` keeps them for a whole file without letting a
file of junk fill memory or the terminal.
"""

import heapq
from dataclasses import dataclass

# A user fixes a file from its first few bad lines; a junk file's millions of messages would
# only fill memory and bury the summary.
MAX_KEPT_ROW_ERRORS = 20


class SourceError(Exception):
    """The input as a whole cannot be read; the message is one line for a user."""


def first_line(exc: BaseException) -> str:
    """An exception's message cut to one short line, fit to put in a one-line error."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def clipped(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters (ending in "…"): a cell quoted in a message could
    be a megabyte long."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based, the header being line 1
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class RowErrors:
    """The bad lines of one input: every one counted, the lowest-numbered ``keep`` kept.

    Errors may arrive out of line order (the reader's, then the loader's checks against the
    catalog), so the kept ones are the first by line number, not the first to arrive.
    """

    def __init__(self, keep: int = MAX_KEPT_ROW_ERRORS) -> None:
        self.keep = keep
        self.count = 0
        # A max-heap by line (negated), so the highest kept line is the one to drop.
        self._kept: list[tuple[int, int, RowError]] = []

    def add(self, line: int, reason: str) -> None:
        self.count += 1
        entry = (-line, -self.count, RowError(line, reason))
        if len(self._kept) < self.keep:
            heapq.heappush(self._kept, entry)
        elif entry > self._kept[0]:
            heapq.heapreplace(self._kept, entry)

    @property
    def kept(self) -> list[RowError]:
        """The kept errors, by line."""
        return [error for *_, error in sorted(self._kept, reverse=True)]

    @property
    def unshown(self) -> int:
        """How many errors were counted but not kept."""
        return self.count - len(self._kept)
