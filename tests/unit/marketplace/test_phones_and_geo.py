import pytest
from django.core.exceptions import ValidationError

from marketplace import geo
from marketplace.accounts.phones import display_vn_phone, normalize_vn_phone


@pytest.mark.parametrize(
    "typed", ["0912345678", "0912 345 678", "+84 912 345 678", "84912345678", "091-234-5678"]
)
def test_the_usual_ways_of_writing_a_mobile_number_are_one_number(typed):
    assert normalize_vn_phone(typed) == "+84912345678"


@pytest.mark.parametrize("typed", ["", "12345", "09123456789999", "+1 202 555 0100", "số điện thoại"])
def test_wrong_numbers_get_a_vietnamese_message(typed):
    with pytest.raises(ValidationError) as error:
        normalize_vn_phone(typed)
    assert "Số điện thoại không hợp lệ" in str(error.value.messages[0])


def test_numbers_display_the_vietnamese_way():
    assert display_vn_phone("+84912345678") == "0912 345 678"


def test_the_34_provinces_of_2025_and_their_wards():
    provinces = dict(geo.province_choices())
    assert len(provinces) == 34
    assert provinces[1] == "Thành phố Hà Nội"
    assert "Phường Hoàn Kiếm" in dict(geo.ward_choices(1)).values()
    geo.validate_ward_in_province(ward_code=70, province_code=1)
    with pytest.raises(ValidationError):
        geo.validate_ward_in_province(ward_code=70, province_code=79)
    with pytest.raises(ValidationError):
        geo.validate_province_code(2)  # Hà Giang merged into Tuyên Quang in 2025
