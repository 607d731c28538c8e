"""The Pillow pipeline for product photos and certificate scans: formats, EXIF, sizes, bombs."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfWriter

from catalogue.images import MAX_EDGE, ImageRejected, prepare_product_image
from ocop.services import add_months, clean_certificate_scan

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def encoded(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def phone_photo_lying_on_its_side() -> bytes:
    """A 300x100 landscape JPEG whose EXIF says "rotate 90°" and carries a GPS position."""
    image = Image.new("RGB", (300, 100), "white")
    image.paste((200, 0, 0), (0, 0, 150, 100))  # left half red
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)})
    return encoded(image, "JPEG", exif=exif.tobytes())


def opened(content) -> Image.Image:
    return Image.open(io.BytesIO(content.read()))


def test_a_phone_photo_is_turned_upright_and_loses_all_exif_including_gps():
    cleaned = opened(prepare_product_image(phone_photo_lying_on_its_side(), name="IMG_0001.JPG"))

    assert cleaned.format == "JPEG"
    assert cleaned.size == (100, 300)  # orientation 6 applied: portrait now
    assert cleaned.getexif() == {}
    assert "exif" not in cleaned.info


def test_a_large_photo_is_resized_to_the_maximum_edge_keeping_its_shape():
    photo = encoded(Image.new("RGB", (4000, 3000), "green"), "JPEG")

    cleaned = opened(prepare_product_image(photo, name="big.jpg"))

    assert cleaned.size == (MAX_EDGE, MAX_EDGE * 3 // 4)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "HEIF"])
def test_png_webp_and_heic_become_jpeg(fmt):
    source = Image.new("RGBA", (80, 60), (0, 128, 0, 0) if fmt == "PNG" else (0, 128, 0, 255))
    if fmt == "HEIF":
        source = source.convert("RGB")

    content = prepare_product_image(encoded(source, fmt), name=f"anh.{fmt.lower()}")

    cleaned = opened(content)
    assert (cleaned.format, cleaned.size, content.name) == ("JPEG", (80, 60), "anh.jpg")
    if fmt == "PNG":  # transparent pixels land on white, not black
        assert cleaned.getpixel((10, 10)) == (255, 255, 255)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not a photo", "Tệp không phải là ảnh hợp lệ"),
        (b"GIF89a" + b"\0" * 40, "Tệp không phải là ảnh hợp lệ"),
        (b"\0" * (10 * 1024 * 1024 + 1), "Ảnh quá lớn (tối đa 10 MB)."),
    ],
)
def test_files_that_are_not_usable_photos_get_a_vietnamese_reason(data, message):
    with pytest.raises(ImageRejected, match=message.replace("(", r"\(").replace(")", r"\)")):
        prepare_product_image(data, name="x.jpg")


def test_a_gif_is_refused_by_format():
    with pytest.raises(ImageRejected, match="Chỉ nhận ảnh JPEG, PNG, WebP hoặc HEIC"):
        prepare_product_image(encoded(Image.new("RGB", (10, 10)), "GIF"), name="a.gif")


def test_a_decompression_bomb_is_refused_without_being_decoded():
    """A tiny PNG that claims 20000x20000 pixels (400 megapixels) is refused before decoding."""
    bomb = encoded(Image.new("1", (20000, 20000)), "PNG", optimize=True)
    assert len(bomb) < 200_000

    with pytest.raises(ImageRejected):
        prepare_product_image(bomb, name="bomb.png")


def test_a_truncated_jpeg_is_refused():
    photo = encoded(Image.new("RGB", (400, 400), "blue"), "JPEG")

    with pytest.raises(ImageRejected):
        prepare_product_image(photo[: len(photo) // 3], name="half.jpg")


def test_a_certificate_scan_may_be_a_pdf_checked_by_content_not_name():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    written = io.BytesIO()
    writer.write(written)
    pdf = written.getvalue()

    assert clean_certificate_scan(pdf, name="giay.jpg").name == "giay.pdf"
    with pytest.raises(ValidationError, match="PDF bị hỏng"):
        clean_certificate_scan(pdf[:-8], name="giay.pdf")
    with pytest.raises(ValidationError, match="ảnh .* hoặc tệp PDF"):
        clean_certificate_scan(b"MZ\x90\x00 an .exe named pdf", name="giay.pdf")


def test_a_certificate_scan_photo_is_cleaned_like_a_product_photo():
    scan = clean_certificate_scan(phone_photo_lying_on_its_side(), name="scan.jpg")

    assert opened(scan).getexif() == {}


@pytest.mark.parametrize(
    ("issued", "months", "expected"),
    [("2025-01-15", 36, "2028-01-15"), ("2024-02-29", 36, "2027-02-28"), ("2025-11-30", 3, "2026-02-28")],
)
def test_expiry_defaults_to_36_months_after_issue_even_at_month_ends(issued, months, expected):
    assert add_months(datetime.date.fromisoformat(issued), months) == datetime.date.fromisoformat(expected)
