"""A certificate scan in PDF is the document as issued and nothing that runs: real PDFs written by
pypdf in the test, each with one kind of active content, are refused with a Vietnamese reason;
a plain one is kept as it was sent."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from ocop.services import clean_certificate_scan
from tests.factories import a_pdf

ACTIVE = "mã chạy tự động, tệp đính kèm hoặc biểu mẫu động"


def written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def plain_writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def action(kind: str, **entries) -> DictionaryObject:
    values = {NameObject("/S"): NameObject(kind)}
    values.update({NameObject(f"/{key}"): value for key, value in entries.items()})
    return DictionaryObject(values)


def with_open_action_javascript() -> bytes:
    writer = plain_writer()
    writer._root_object[NameObject("/OpenAction")] = action(
        "/JavaScript", JS=TextStringObject("app.alert(1)")
    )
    return written(writer)


def with_document_javascript() -> bytes:
    """Document-level scripts live in the catalogue's /Names /JavaScript tree, run on opening."""
    writer = plain_writer()
    script = writer._add_object(action("/JavaScript", JS=TextStringObject("this.print({bUI:false});")))
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {
            NameObject("/JavaScript"): DictionaryObject(
                {NameObject("/Names"): ArrayObject([TextStringObject("in"), script])}
            )
        }
    )
    return written(writer)


def with_page_additional_action() -> bytes:
    writer = plain_writer()
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): action("/GoTo", D=ArrayObject([NumberObject(0)]))}
    )
    return written(writer)


def with_launch() -> bytes:
    writer = plain_writer()
    writer._root_object[NameObject("/OpenAction")] = action("/Launch", F=TextStringObject("cmd.exe"))
    return written(writer)


def with_embedded_file() -> bytes:
    writer = plain_writer()
    writer.add_attachment("hoa-don.exe", b"MZ not really")
    return written(writer)


def with_rich_media() -> bytes:
    writer = plain_writer()
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/RichMedia"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return written(writer)


def with_xfa() -> bytes:
    writer = plain_writer()
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): TextStringObject("<xdp:xdp/>")}
    )
    return written(writer)


def with_javascript_names_in_hex_escapes() -> bytes:
    """`/J#61vaScript` and `/J#53` are how a PDF may spell `/JavaScript` and `/JS`; the script loses
    two letters so that every offset stays right."""
    data = with_open_action_javascript()
    assert data.count(b"/S /JavaScript\n/JS (app") == 1
    return data.replace(b"/S /JavaScript\n/JS (app", b"/S /J#61vaScript\n/J#53(")


@pytest.mark.parametrize(
    "make",
    [
        with_open_action_javascript,
        with_document_javascript,
        with_page_additional_action,
        with_launch,
        with_embedded_file,
        with_rich_media,
        with_xfa,
        with_javascript_names_in_hex_escapes,
    ],
)
def test_a_pdf_with_active_content_is_refused(make):
    with pytest.raises(ValidationError, match=ACTIVE):
        clean_certificate_scan(make(), name="giay.pdf")


def test_a_pdf_with_html_inside_is_refused():
    writer = plain_writer()
    writer.add_metadata({"/Title": " " * 40})
    data = written(writer)
    html = b"<script>alert(document.cookie)</script>".ljust(40)
    assert data.count(b"(" + b" " * 40 + b")") == 1
    data = data.replace(b"(" + b" " * 40 + b")", b"(" + html + b")")

    with pytest.raises(ValidationError, match="mã trang web"):
        clean_certificate_scan(data, name="giay.pdf")


def test_an_encrypted_pdf_is_refused():
    writer = plain_writer()
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm="RC4-128")

    with pytest.raises(ValidationError, match="mật khẩu hoặc bị mã hoá"):
        clean_certificate_scan(written(writer), name="giay.pdf")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",  # no catalogue, no page
        b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n",
    ],
)
def test_a_pdf_pypdf_cannot_read_is_refused(data):
    with pytest.raises(ValidationError, match="Không đọc được tệp PDF"):
        clean_certificate_scan(data, name="giay.pdf")


def test_a_plain_pdf_is_kept_byte_for_byte():
    data = a_pdf(pages=2)

    scan = clean_certificate_scan(data, name="Giấy chứng nhận.pdf")

    assert scan.read() == data
    assert scan.name.endswith(".pdf")


def test_a_pdf_opening_on_its_first_page_is_fine():
    """Scanners often write an open action that only shows page 1: going to a page runs nothing."""
    writer = plain_writer()
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/Fit")]
    )

    clean_certificate_scan(written(writer), name="giay.pdf")
