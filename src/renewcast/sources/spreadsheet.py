"""Cells a spreadsheet will not run: every CSV the product writes passes through here.

A title such as ``=HYPERLINK("http://evil.example","click")`` or ``@SUM(A1)`` in a CSV
becomes a live formula when the file is opened in Excel, LibreOffice or Google Sheets
(CSV injection). Text from outside (show titles, reasons quoting them, errors naming a
typed value) that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
written with a leading apostrophe, which spreadsheets show as text and drop from the cell;
numbers are left as they are.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value  # a negative number is a number


def safe_row(row):
    """A dict or a sequence of cells, each made safe."""
    if isinstance(row, dict):
        return {key: safe_cell(value) for key, value in row.items()}
    return [safe_cell(value) for value in row]
