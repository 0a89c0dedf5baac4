"""CSV/XLSX export: formula neutralisation, accents, plain text."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.export import FORMULA_PREFIXES, neutralise, to_csv_bytes, to_xlsx_bytes

HTML_TITLE = "<b>Atelier</b> <script>alert(1)</script>"
DANGEROUS = ["=1+1", "+33 6 12", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\")"]


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "=title": [HTML_TITLE, "Élève « ça »", "=1+1"],
            "note": ["+", "-", "@"],
            "score": [-3, 4, 5],
            "mean": [-1.5, float("nan"), 2.0],
        }
    )


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(data)).active


@pytest.mark.parametrize("value", DANGEROUS + ["+", "-", "@", "="])
def test_neutralise_prefixes_formula_cells(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Atelier", "", " =1", "'=1", HTML_TITLE, 3, -3, -1.5, None])
def test_neutralise_leaves_other_values(value: object) -> None:
    assert neutralise(value) == value


@given(st.text())
def test_neutralise_never_returns_a_formula_and_keeps_safe_text(text: str) -> None:
    result = neutralise(text)
    assert not result.startswith(FORMULA_PREFIXES)
    if text.startswith(FORMULA_PREFIXES):
        assert result == "'" + text
    else:
        assert result == text


def test_csv_has_a_bom_keeps_accents_and_neutralises() -> None:
    data = to_csv_bytes(frame())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_csv(data)
    assert rows[0] == ["'=title", "note", "score", "mean"]
    assert rows[1] == [HTML_TITLE, "'+", "-3", "-1.5"]
    assert rows[2] == ["Élève « ça »", "'-", "4", ""]
    assert rows[3] == ["'=1+1", "'@", "5", "2.0"]


def test_csv_writes_a_named_index_as_a_column() -> None:
    answers = pd.DataFrame({"d1": [4, 2]}, index=pd.Index(["=a", "b"], name="submission_id"))
    rows = read_csv(to_csv_bytes(answers))
    assert rows == [["submission_id", "d1"], ["'=a", "4"], ["b", "2"]]
    assert read_csv(to_csv_bytes(pd.DataFrame({"x": [1]}))) == [["x"], ["1"]]


def test_xlsx_round_trips_as_text_never_formulas() -> None:
    sheet = read_xlsx(to_xlsx_bytes(frame(), sheet_name="Atelier: mars/avril"))
    assert sheet.title == "Atelier_ mars_avril"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        ["'=title", "note", "score", "mean"],
        [HTML_TITLE, "'+", -3, -1.5],
        ["Élève « ça »", "'-", 4, None],
        ["'=1+1", "'@", 5, 2],
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_handles_dates_index_and_illegal_characters() -> None:
    when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    df = pd.DataFrame(
        {"when": [when], "text": ["\x01=1+1"]}, index=pd.Index(["s1"], name="submission_id")
    )
    sheet = read_xlsx(to_xlsx_bytes(df))
    assert sheet.title == "Reflet"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [["submission_id", "when", "text"], ["s1", datetime(2026, 3, 1, 9, 30), "'=1+1"]]


@given(st.text(max_size=30))
def test_xlsx_never_stores_a_formula(text: str) -> None:
    sheet = read_xlsx(to_xlsx_bytes(pd.DataFrame({"c": [text]})))
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type != "f"
    assert not str(cell.value or "").startswith(("=", "+", "-", "@"))
