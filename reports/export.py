"""CSV and XLSX export with spreadsheet formula injection neutralised.

Every string cell and column name that starts with =, +, -, @, tab or carriage return
gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
"""

from __future__ import annotations

import io
import math
import re
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31


def neutralise(value: Any) -> Any:
    """A string starting with a formula character gets a leading apostrophe; others pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _prepared(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with a named index as first column and every string cell and name neutralised."""
    frame = df.reset_index() if any(name is not None for name in df.index.names) else df.copy()
    frame.columns = [neutralise(str(column)) for column in frame.columns]
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if not pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_datetime64_any_dtype(column):
            frame.isetitem(position, column.map(neutralise, na_action="ignore"))
    return frame


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (Excel reads the accents); a named index is written as a column."""
    return _prepared(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _xlsx_cell(value: Any) -> Any:
    """A value openpyxl writes as data: no NaN, no timezone, no XML-illegal characters."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, str):  # removing characters may uncover a formula prefix
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "Reflet") -> bytes:
    """An XLSX workbook of one sheet; strings are stored as text, never as formulas."""
    frame = _prepared(df)
    workbook = Workbook(write_only=True)
    title = _SHEET_FORBIDDEN.sub("_", sheet_name).strip("'")[:_SHEET_MAX] or "Reflet"
    sheet = workbook.create_sheet(title=title)
    sheet.append([_xlsx_cell(name) for name in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([_xlsx_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
