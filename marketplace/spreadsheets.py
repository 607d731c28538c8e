"""Spreadsheets the project writes for people to open (CSV and .xlsx downloads).

Text that a spreadsheet would run as a formula (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`,
`-2+3`, a leading tab or carriage return) is written with a leading apostrophe, as OWASP recommends
against "CSV injection": Excel, LibreOffice and Google Sheets then show it as text. Numbers stay
numbers. CSV files carry a UTF-8 byte order mark so Excel shows Vietnamese accents.

Every CSV or .xlsx download goes through `csv_response` or `xlsx_response`.
"""

import csv
import io
import itertools
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """The value as a spreadsheet should show it: text never starts a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(*, filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download: UTF-8 with BOM (for Excel), every cell quoted and made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, quoting=csv.QUOTE_ALL)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return _attachment(response, filename)


def xlsx_response(
    *, filename: str, header: Sequence, rows: Iterable[Sequence], title: str = "Sheet1"
) -> HttpResponse:
    """An .xlsx download, written row by row; text cells are always text, never formulas."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for values in itertools.chain([header], rows):
        cells = []
        for value in values:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value)))
                cell.data_type = "s"
            else:
                cell = WriteOnlyCell(sheet, value=value)
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)
