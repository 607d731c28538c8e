"""What a certificate scan in PDF may hold: the document as issued, and nothing that runs.

Mentors open scans in their browser's PDF viewer. A PDF can carry JavaScript (run on opening or on
an event), launch programs, embed other files, rich media or XFA forms, and a file can be PDF and
HTML at once. Such a scan is refused rather than cleaned: the mentor must see the document exactly
as issued, and a genuine certificate never needs any of it. Checking is done by parsing the file
(pypdf), so names written in hex escapes (`/J#53` is `/JS`) or hidden in compressed object
streams are found too.
"""

import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Keys that exist only to run something, embed something, or show an XFA form.
ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/EF", "/RichMedia",
     "/RichMediaContent", "/RichMediaSettings", "/XFA"}
)  # fmt: skip
# Values of /S (an action's kind), /Subtype and /Type that do the same. Going to a page (/GoTo),
# a named page action and a web link stay allowed.
ACTIVE_KINDS = frozenset(
    {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/GoToR", "/Rendition",
     "/RichMediaExecute", "/RichMedia", "/EmbeddedFile", "/Movie", "/Sound", "/Screen", "/3D"}
)  # fmt: skip
KIND_KEYS = ("/S", "/Subtype", "/Type")
# An HTML tag a browser would act on, anywhere in the file (tags, not "<" alone: binary image data
# is full of "<"; PDF hex strings hold only 0-9 and a-f).
HTML_TAG = re.compile(
    rb"<(?:!doctype|script|html|head|body|iframe|frame|frameset|object|embed|svg|img|meta|link|base|"
    rb"style|form|input|a\s+href)[\s/>]",
    re.IGNORECASE,
)
MAX_NODES = 500_000  # dictionaries and arrays walked; a real certificate has a few hundred


class ScanRejected(ValidationError):
    pass


def _unreadable() -> ScanRejected:
    return ScanRejected(
        _(
            "Không đọc được tệp PDF này. Hãy lưu lại thành PDF từ máy quét, "
            "hoặc tải lên ảnh chụp giấy chứng nhận."
        )
    )


def _active() -> ScanRejected:
    return ScanRejected(
        _(
            "Tệp PDF có mã chạy tự động, tệp đính kèm hoặc biểu mẫu động nên không được nhận. "
            "Hãy in ra PDF thường (hoặc chụp ảnh giấy chứng nhận) rồi tải lên lại."
        )
    )


def check_pdf_scan(data: bytes) -> None:
    """Refuse a PDF that pypdf cannot read, that is encrypted, or that holds active content or HTML."""
    if HTML_TAG.search(data):
        raise ScanRejected(
            _(
                "Tệp PDF có chứa mã trang web (HTML) nên không được nhận. "
                "Hãy in ra PDF thường (hoặc chụp ảnh giấy chứng nhận) rồi tải lên lại."
            )
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ScanRejected(_("Tệp PDF có mật khẩu hoặc bị mã hoá. Hãy tải lên bản không đặt mật khẩu."))
        if len(reader.pages) == 0:
            raise _unreadable()
        active = _has_active_content(reader)
    except ValidationError:
        raise
    except Exception:  # pypdf fails in many ways on a damaged or hostile file
        raise _unreadable() from None
    if active:
        raise _active()


def _has_active_content(reader: PdfReader) -> bool:
    """Walk every object: those the trailer reaches, and every one the cross-reference tables list."""
    pending: list = [reader.trailer]
    for generation, numbers in reader.xref.items():
        pending.extend(IndirectObject(number, generation, reader) for number in numbers)
    pending.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    seen_references: set[tuple[int, int]] = set()
    walked = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen_references:
                continue
            seen_references.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # streams too: their dictionary is walked, not their data
            walked += 1
            for name, value in item.items():
                if name in ACTIVE_KEYS:
                    return True
                if name in KIND_KEYS and _resolved(value) in ACTIVE_KINDS:
                    return True
                pending.append(value)
        elif isinstance(item, ArrayObject):
            walked += 1
            pending.extend(item)
        if walked > MAX_NODES:
            raise ValueError("too many objects")
    return False


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value
