"""Product photos: checked, turned upright, stripped of EXIF (no GPS leaks) and resized with Pillow."""

import io
import warnings
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()  # iPhones and many Android phones shoot HEIC

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_SOURCE_PIXELS = 40_000_000  # larger than any phone camera; anything bigger is a bomb
MAX_EDGE = 1600
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
JPEG_QUALITY = 85


class ImageRejected(ValueError):
    """A file a person sent that cannot become a product photo; the message is for her."""


def prepare_product_image(data: bytes, *, name: str, max_edge: int = MAX_EDGE) -> ContentFile:
    """Return a clean JPEG of at most max_edge pixels a side, or raise ImageRejected."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRejected(_("Ảnh quá lớn (tối đa 10 MB)."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise ImageRejected(_("Chỉ nhận ảnh JPEG, PNG, WebP hoặc HEIC."))
                if probe.width * probe.height > MAX_SOURCE_PIXELS:
                    raise ImageRejected(_("Ảnh có kích thước quá lớn."))
                probe.verify()
            with Image.open(io.BytesIO(data)) as source:
                image = ImageOps.exif_transpose(source)
                image.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
                image = _flatten(image)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(_("Tệp không phải là ảnh hợp lệ hoặc ảnh quá lớn.")) from None
    except (OSError, SyntaxError) as broken:
        raise ImageRejected(_("Ảnh bị hỏng, không đọc được.")) from broken
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name=f"{Path(name).stem or 'anh'}.jpg")


def _flatten(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: put transparent pixels on white."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
