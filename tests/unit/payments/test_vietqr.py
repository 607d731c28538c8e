"""VietQR payloads come out byte for byte as the test vectors of payments.md, and draw as a QR."""

import io

import pytest
from PIL import Image

from payments.vietqr import VietQRError, clean_memo, vietqr_payload, vietqr_png, vietqr_svg


def test_a_dynamic_qr_with_amount_and_memo_matches_the_vector():
    payload = vietqr_payload(
        bank_bin="970436", account_number="0011001234567", amount=150000, memo="DH100023"
    )

    assert payload == (
        "00020101021238570010A00000072701270006970436011300110012345670208QRIBFTTA530370454061500005802VN"
        "62120808DH1000236304FFD6"
    )


def test_a_static_qr_without_amount_matches_the_vector():
    payload = vietqr_payload(bank_bin="970416", account_number="257678859")

    assert (
        payload
        == "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"
    )


def test_a_qr_to_a_card_matches_the_vector():
    payload = vietqr_payload(
        bank_bin="970436", account_number="9704368625581601018", amount=2000000, to_card=True
    )

    assert payload == (
        "00020101021238630010A00000072701330006970436011997043686255816010180208QRIBFTTC5303704540720000005802VN"
        "6304A2DC"
    )


@pytest.mark.parametrize(
    ("memo", "cleaned"),
    [
        ("Thanh toán đơn CSK7RMQ4X", "Thanh toan don CSK7RMQ4X"),
        ("Đặc sản – Hà Giang!", "Dac san Ha Giang"),
        ("   ", ""),
        ("Một lời nhắn rất dài quá hai mươi lăm ký tự", "Mot loi nhan rat dai qua"),
    ],
)
def test_memos_are_ascii_without_diacritics_and_short_enough_for_banks(memo, cleaned):
    assert clean_memo(memo) == cleaned


@pytest.mark.parametrize(
    "values",
    [
        {"bank_bin": "97043", "account_number": "0011001234567"},
        {"bank_bin": "970436", "account_number": "00110012345678901234"},
        {"bank_bin": "970436", "account_number": "0011-001"},
        {"bank_bin": "970436", "account_number": "0011001234567", "amount": 0},
        {"bank_bin": "970436", "account_number": "0011001234567", "amount": 150000.5},
        {"bank_bin": "970436", "account_number": "0011001234567", "amount": 10**13},
    ],
)
def test_values_a_bank_would_refuse_are_refused_before_drawing(values):
    with pytest.raises(VietQRError):
        vietqr_payload(**values)


def test_the_qr_is_a_png_a_phone_can_save_and_an_svg_for_the_page():
    payload = vietqr_payload(
        bank_bin="970436", account_number="0011001234567", amount=150000, memo="DH100023"
    )

    png = Image.open(io.BytesIO(vietqr_png(payload)))
    svg = vietqr_svg(payload)

    assert png.format == "PNG" and png.width == png.height >= 300
    assert svg.startswith("<svg") and "path" in svg
