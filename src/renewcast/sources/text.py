"""Turn uploaded or downloaded bytes into text, refusing what is not a text file.

Every text reader meets the same bad inputs (an empty file, a binary file, a
spreadsheet given where a CSV was expected, another encoding); this is the one
place that says so, in one line a user understands. :func:`text_lines` reads a
stream line by line instead, so a huge file costs no more memory than a small
one and a bad byte costs its own line only, not the file.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import BinaryIO

from renewcast.sources.errors import RowError, SourceError, clipped

ZIP_MAGIC = b"PK\x03\x04"  # XLSX and other zipped office files
# Netflix's longest line is under 300 characters; past this a "line" is junk, and reading
# it whole would let one newline-free file take all memory.
MAX_LINE_LENGTH = 64 * 1024  # characters


def decode_text(data: bytes, expected: str) -> str:
    """``data`` as UTF-8 text (a BOM is dropped); ``expected`` names the format for messages."""
    if b"\x00" in data[:65536] or data.startswith(ZIP_MAGIC):
        raise SourceError(f"this is a binary file, not {expected}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"the file is not UTF-8 text (bad byte at offset {exc.start}); expected {expected}"
        ) from None
    if not text.strip():
        raise SourceError("the file is empty")
    return text


def text_lines(stream: BinaryIO, expected: str) -> Iterator[tuple[int, str] | RowError]:
    """The lines of a UTF-8 byte stream as ``(number, text)``, numbered from 1, one at a time.

    A line that is not text (a NUL byte, bytes that are not UTF-8, longer than
    ``MAX_LINE_LENGTH``) comes out as a :class:`RowError` and reading goes on. Up to and
    including the first non-blank line (a header), the same problems mean the file itself
    is not text, and so does having no such line: :class:`SourceError`. Lines end in
    ``\\n``, ``\\r\\n`` or ``\\r``; a BOM at the start is dropped.
    """
    # Bytes that are not UTF-8 become lone surrogates rather than stop the decoder, so
    # they can be found, and refused, one line at a time.
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
    number = offset = 0  # offset: bytes before this line, for a message about the header
    started = False  # seen a non-blank line yet?
    try:
        while line := text.readline(MAX_LINE_LENGTH + 1):
            number += 1
            if len(line) > MAX_LINE_LENGTH and not line.endswith(("\n", "\r")):
                if not started:
                    raise SourceError(f"line {number} is over {MAX_LINE_LENGTH:,} characters "
                                      f"long; expected {expected}")
                _skip_rest_of_line(text)
                yield RowError(number, f"longer than {MAX_LINE_LENGTH:,} characters")
                continue
            start = offset
            if not started:
                offset += len(line.encode("utf-8", "surrogateescape"))
            line = line.removesuffix("\n").removesuffix("\r")
            if number == 1 and line.startswith("\ufeff"):
                line, start = line[1:], start + len(codecs.BOM_UTF8)
            if "\x00" in line:
                if not started:
                    raise SourceError(f"this is a binary file, not {expected}")
                yield RowError(number, "contains a NUL byte")
                continue
            if not line.isascii() and (bad := _first_undecoded(line)) is not None:
                if not started:
                    at = start + len(line[:bad].encode("utf-8", "surrogateescape"))
                    raise SourceError(f"the file is not UTF-8 text (bad byte at offset {at}); "
                                      f"expected {expected}")
                yield RowError(number, f"not valid UTF-8 (byte 0x{ord(line[bad]) - 0xDC00:02X} "
                                       f"at character {bad + 1} of the line)")
                continue
            started = started or bool(line.strip())
            yield number, line
    finally:
        if not stream.closed:  # the caller's stream stays open, as it was given
            text.detach()
    if not started:
        raise SourceError("the file is empty")


def _first_undecoded(line: str) -> int | None:
    """Where the first byte that was not UTF-8 sits in a line, if any."""
    try:
        line.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _skip_rest_of_line(text: io.TextIOWrapper) -> None:
    """Read past the end of an over-long line a piece at a time, never holding it whole."""
    while piece := text.readline(MAX_LINE_LENGTH):
        if piece.endswith(("\n", "\r")):
            break


def positive_whole(text: str, name: str) -> int:
    """``text`` as a whole number of 1 or more; ValueError naming ``name`` otherwise."""
    try:
        number = int(text)
    except ValueError:
        raise ValueError(f"{name} {clipped(text)!r} is not a whole number") from None
    if number < 1:
        raise ValueError(f"{name} {clipped(str(number))} is below 1")
    return number
