"""Turn uploaded or downloaded bytes into text, refusing what is not a text file.

Every text reader meets the same bad inputs (an empty file, a binary file, a
spreadsheet given where a CSV was expected, another encoding); this is the one
place that says so, in one line a user understands.
"""

from renewcast.sources.errors import SourceError

ZIP_MAGIC = b"PK\x03\x04"  # XLSX and other zipped office files


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


def positive_whole(text: str, name: str) -> int:
    """``text`` as a whole number of 1 or more; ValueError naming ``name`` otherwise."""
    try:
        number = int(text)
    except ValueError:
        raise ValueError(f"{name} {text!r} is not a whole number") from None
    if number < 1:
        raise ValueError(f"{name} {number} is below 1")
    return number
