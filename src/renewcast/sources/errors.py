"""The two ways outside data can be bad, kept apart on purpose.

A :class:`SourceError` means the whole input is unusable (wrong header, empty,
binary, a URL that failed): the caller must not write anything. A
:class:`RowError` means one line is bad: the caller reports it and keeps every
good line next to it.
"""

from dataclasses import dataclass


class SourceError(Exception):
    """The input as a whole cannot be read; the message is one line for a user."""


def first_line(exc: BaseException) -> str:
    """An exception's message cut to one short line, fit to put in a one-line error."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based, the header being line 1
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"
