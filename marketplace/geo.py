"""Vietnam's administrative units in force since 1 July 2025 (34 provinces and their wards).

Data comes from the `vietnam-provinces` package; we store the official numeric codes only.
"""

from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from vietnam_provinces import Province, ProvinceCode, Ward, WardCode


@cache
def province_choices() -> list[tuple[int, str]]:
    provinces = sorted(Province.iter_all(), key=lambda p: p.codename)
    return [(int(p.code), p.name) for p in provinces]


@cache
def ward_choices(province_code: int) -> list[tuple[int, str]]:
    wards = Ward.iter_by_province(ProvinceCode(province_code))
    return [(int(w.code), w.name) for w in sorted(wards, key=lambda w: w.codename)]


def province_name(code: int | None) -> str:
    try:
        return Province.from_code(ProvinceCode(code)).name
    except ValueError:
        return ""


def ward_name(code: int | None) -> str:
    try:
        return Ward.from_code(WardCode(code)).name
    except ValueError:
        return ""


def province_code_from(value) -> int | None:
    """A province code as a form or a link sent it, when it names one of the 34 provinces; None for
    anything else (empty, text, a number too long for int(), a code that does not exist)."""
    try:
        code = int(value)
    except (TypeError, ValueError):
        return None
    return code if province_name(code) else None


def validate_province_code(code: int) -> None:
    if not province_name(code):
        raise ValidationError(_("Tỉnh/thành phố không tồn tại."), code="invalid_province")


def validate_ward_in_province(*, ward_code: int, province_code: int) -> None:
    try:
        ward = Ward.from_code(WardCode(ward_code))
    except ValueError:
        ward = None
    if ward is None or int(ward.province_code) != province_code:
        raise ValidationError(_("Phường/xã không thuộc tỉnh/thành phố đã chọn."), code="invalid_ward")
