"""The limits of an uploaded product file: a zip bomb disguised as .xlsx is refused before anything
is unpacked, no file brings more than IMPORT_MAX_ROWS product rows, a damaged file fails with a
reason the vendor can read, and the import page tells her the limits before she uploads."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from catalogue.importing import IMPORT_MAX_ROWS, IMPORT_MAX_UNPACKED_BYTES, ImportFileError, read_rows
from catalogue.imports import product_import_run, product_import_start
from catalogue.models import ProductImport
from tests.factories import ShopFactory

HEADER = ["sku", "title", "price_vnd", "stock"]
HEADER_ROW = (
    b'<row r="1">'
    + b"".join(
        f'<c r="{column}1" t="inlineStr"><is><t>{name}</t></is></c>'.encode()
        for column, name in zip("ABCD", HEADER, strict=True)
    )
    + b"</row>"
)


def workbook(rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(data: bytes, **parts: bytes) -> bytes:
    """The same workbook with some parts replaced (names with "/" passed as "xl__worksheets__...")."""
    replace = {name.replace("__", "/"): content for name, content in parts.items()}
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.pop(item.filename, source.read(item.filename)))
        for name, content in replace.items():
            target.writestr(name, content)
    return buffer.getvalue()


def sheet_part(data: bytes) -> str:
    return next(name for name in zipfile.ZipFile(io.BytesIO(data)).namelist() if "worksheets/sheet" in name)


def zip_bomb() -> bytes:
    """A real workbook whose sheet is padded with 60 MB of blanks after its last tag: ~60 KB packed."""
    data = workbook([["B-1", "Bánh đa", 1000, 1]])
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(sheet_part(data))
    padded = sheet + b" " * (IMPORT_MAX_UNPACKED_BYTES + 10 * 2**20)
    return rewritten(data, **{sheet_part(data).replace("/", "__"): padded})


def test_a_zip_bomb_is_refused_from_its_declared_sizes_before_openpyxl_opens_it(monkeypatch):
    bomb = zip_bomb()
    assert len(bomb) < 200 * 1024
    opened = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *args, **kwargs: opened.append(args))

    with pytest.raises(ImportFileError, match="khi giải nén lớn hơn 50 MB"):
        list(read_rows(bomb, filename="hang.xlsx"))
    assert opened == []


def test_a_workbook_under_the_unpacked_limit_still_reads():
    rows = list(read_rows(workbook([["B-1", "Bánh đa", 1000, 1]]), filename="hang.xlsx"))

    assert rows == [(2, {"sku": "B-1", "title": "Bánh đa", "price_vnd": "1000", "stock": "1"})]


@pytest.mark.django_db
def test_an_uploaded_zip_bomb_ends_as_a_failed_import_with_the_limit_in_words():
    shop = ShopFactory()
    product_import = product_import_start(
        file=SimpleUploadedFile("hang.xlsx", zip_bomb()), uploaded_by=shop.members.get(), shop=shop
    )

    finished = product_import_run(import_id=product_import.pk)

    assert finished.status == ProductImport.Status.FAILED
    assert "50 MB" in finished.failure and "CSV" in finished.failure
    assert finished.finished_at is not None


def csv_rows(count: int, *, blank_every: int = 0) -> bytes:
    lines = [",".join(HEADER)]
    for number in range(1, count + 1):
        lines.append(f"S-{number},Sản phẩm {number},1000,1")
        if blank_every and number % blank_every == 0:
            lines.append(",,,")
    return ("\n".join(lines) + "\n").encode()


def test_a_csv_of_exactly_the_limit_reads_and_blank_lines_do_not_count():
    rows = list(read_rows(csv_rows(IMPORT_MAX_ROWS, blank_every=100), filename="hang.csv"))

    assert len(rows) == IMPORT_MAX_ROWS


def test_a_csv_over_the_row_limit_is_refused_whole():
    with pytest.raises(ImportFileError, match="hơn 10.000 dòng sản phẩm"):
        list(read_rows(csv_rows(IMPORT_MAX_ROWS + 1), filename="hang.csv"))


def test_a_workbook_over_the_row_limit_is_refused_whole():
    data = workbook([[f"S-{n}", "Sản phẩm", 1000, 1] for n in range(IMPORT_MAX_ROWS + 1)])

    with pytest.raises(ImportFileError, match="mỗi tệp tối đa 10.000 dòng"):
        list(read_rows(data, filename="hang.xlsx"))


def test_union_staff_loading_a_catalogue_have_no_row_limit():
    assert len(list(read_rows(csv_rows(IMPORT_MAX_ROWS + 1), filename="hang.csv", max_rows=None))) == (
        IMPORT_MAX_ROWS + 1
    )


def test_a_sheet_claiming_thousands_of_columns_and_far_rows_reads_quickly():
    """A few bytes can claim the sheet spans A1:XFD200000; only the first columns are ever read."""
    data = workbook([["B-1", "Bánh đa", 1000, 1]])
    far = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:XFD200000"/><sheetData>'
        + HEADER_ROW
        + b'<row r="200000"><c r="A200000" t="inlineStr"><is><t>F-1</t></is></c>'
        b'<c r="B200000" t="inlineStr"><is><t>Xa</t></is></c>'
        b'<c r="C200000"><v>5</v></c><c r="D200000"><v>1</v></c>'
        b'<c r="XFD200000"><v>1</v></c></row>'
        b"</sheetData></worksheet>"
    )
    data = rewritten(data, **{sheet_part(data).replace("/", "__"): far})
    started = time.monotonic()

    rows = list(read_rows(data, filename="hang.xlsx"))

    assert time.monotonic() - started < 10
    assert [(line, row["sku"], row["title"]) for line, row in rows] == [(200000, "F-1", "Xa")]


def test_a_workbook_with_xml_entities_is_refused():
    """Entities are how "billion laughs" grow a few bytes into gigabytes: no DTD is read at all."""
    data = workbook([["B-1", "Bánh đa", 1000, 1]])
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + HEADER_ROW
        + b'<row r="2"><c r="A2" t="inlineStr"><is><t>B-1</t></is></c>'
        b'<c r="B2" t="inlineStr"><is><t>&b;&b;</t></is></c>'
        b'<c r="C2"><v>1000</v></c><c r="D2"><v>1</v></c></row>'
        b"</sheetData></worksheet>"
    )
    data = rewritten(data, **{sheet_part(data).replace("/", "__"): sheet})

    with pytest.raises(ImportFileError, match="Không đọc được tệp Excel"):
        list(read_rows(data, filename="hang.xlsx"))


def test_a_csv_cell_too_long_for_the_reader_fails_with_its_line():
    data = f"{','.join(HEADER)}\nS-1,Tên,1000,1\nS-2,{'x' * 200_000},1000,1\n".encode()

    with pytest.raises(ImportFileError, match="Tệp CSV bị hỏng ở dòng 3"):
        list(read_rows(data, filename="hang.csv"))


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "rows"), [("", "10.000"), ("/en", "10,000")])
def test_the_import_page_tells_her_the_limits_before_she_uploads(client, prefix, rows):
    shop = ShopFactory()
    client.force_login(shop.members.get())

    page = client.get(prefix + reverse("seller:product-import-new")).content.decode()

    assert rows in page and "5 MB" in page and "50 MB" in page


@pytest.mark.django_db
def test_a_file_over_the_upload_size_is_refused_on_the_form_with_the_limit(client, monkeypatch):
    monkeypatch.setattr("seller.product_forms.IMPORT_MAX_BYTES", 10)
    shop = ShopFactory()
    client.force_login(shop.members.get())

    response = client.post(
        reverse("seller:product-import-new"), {"file": SimpleUploadedFile("hang.csv", csv_rows(3))}
    )

    assert response.status_code == 400
    assert "Tệp quá lớn (tối đa 5 MB)." in response.content.decode()
