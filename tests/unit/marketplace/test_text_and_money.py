import pytest
from django.utils import translation
from oscar.core.utils import slugify as oscar_slugify
from oscar.templatetags.currency_filters import currency

from marketplace.text import slugify, strip_diacritics


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Nước mắm 30 độ đạm", "nuoc-mam-30-do-dam"),
        ("Đặc sản Đắk Lắk", "dac-san-dak-lak"),
        ("Trà Shan tuyết – Hà Giang (hộp 100g)", "tra-shan-tuyet-ha-giang-hop-100g"),
        ("Gạo ST25 Sóc Trăng", "gao-st25-soc-trang"),
    ],
)
def test_vietnamese_titles_make_clean_ascii_slugs_through_oscar(title, slug):
    assert oscar_slugify(title) == slug
    assert slugify(title) == slug


def test_strip_diacritics_keeps_case_and_maps_d_with_stroke():
    assert strip_diacritics("Nước Mắm ĐẶC BIỆT đạm") == "Nuoc Mam DAC BIET dam"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_vnd_is_whole_dong_with_dots_and_the_symbol_after(language):
    with translation.override(language):
        assert currency(150000) == "150.000\xa0₫"
        assert currency("1250000.00") == "1.250.000\xa0₫"
        assert currency(0) == "0\xa0₫"


def test_counts_are_grouped_the_vietnamese_way():
    from django.contrib.humanize.templatetags.humanize import intcomma

    with translation.override("vi"):
        assert intcomma(9948) == "9.948"
    with translation.override("en"):
        assert intcomma(9948) == "9,948"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_read_and_shown_day_first_in_both_languages(language):
    from datetime import date

    from django import forms
    from django.utils.formats import date_format

    with translation.override(language):
        field = forms.DateField()
        assert field.clean("05/03/2026") == date(2026, 3, 5)
        assert field.clean("2026-03-05") == date(2026, 3, 5)
        assert date_format(date(2026, 3, 5), "SHORT_DATE_FORMAT") == "05/03/2026"
