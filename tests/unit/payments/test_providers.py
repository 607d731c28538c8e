"""Bank-feed webhooks are accepted only with the right key or a valid, fresh signature."""

import json

import pytest

from payments.providers.base import ForgedRequest
from payments.providers.casso import casso_signature, verify_casso
from payments.providers.sepay import verify_sepay

# Casso's published sample (CassoHQ/casso-webhook-v2-verify-signature).
CASSO_KEY = "mgExMrjj4i7a1p8Cs6LmFbpCd8lbw4sSX4LZXPag7TKazeIogtR90tvWYTkwQbvs"
CASSO_BODY = {
    "error": 0,
    "data": {
        "id": 0,
        "reference": "MA_GIAO_DICH_THU_NGHIEM",
        "description": "giao dich thu nghiem",
        "amount": 599000,
        "runningBalance": 25000000,
        "transactionDateTime": "2024-10-03 15:06:37",
        "accountNumber": "88888888",
        "bankName": "VPBank",
        "bankAbbreviation": "VPB",
        "virtualAccountNumber": "",
        "virtualAccountName": "",
        "counterAccountName": "NGUYEN VAN A",
        "counterAccountNumber": "8888888888",
        "counterAccountBankId": "970415",
        "counterAccountBankName": "VietinBank",
    },
}
CASSO_HEADER = (
    "t=1727948258788,v1=ed0a4bd2e826d5cb69988cdb141e6c1a080e21f3b57eb72cd78192220042b9e7dde0868fc667faea8e224900fa79"
    "04e7c88dfa098032fb2d6b6996856e8b7ff3"
)
SIGNED_AT = 1727948258.788


def test_cassos_published_sample_verifies():
    body = verify_casso(
        signature_header=CASSO_HEADER,
        raw_body=json.dumps(CASSO_BODY).encode(),
        checksum_key=CASSO_KEY,
        now=SIGNED_AT,
    )

    assert body["data"]["amount"] == 599000


def test_the_signature_holds_whatever_the_order_and_spacing_of_the_raw_json():
    raw = json.dumps({"data": dict(reversed(CASSO_BODY["data"].items())), "error": 0}, indent=2).encode()

    verify_casso(signature_header=CASSO_HEADER, raw_body=raw, checksum_key=CASSO_KEY, now=SIGNED_AT)


def test_vietnamese_text_in_the_body_verifies_as_signed():
    body = {"error": 0, "data": {**CASSO_BODY["data"], "description": "Thanh toán đơn CSK7RMQ4X"}}
    header = casso_signature(timestamp_ms=1_800_000_000_000, body=body, checksum_key=CASSO_KEY)

    verify_casso(
        signature_header=header,
        raw_body=json.dumps(body, ensure_ascii=False).encode(),
        checksum_key=CASSO_KEY,
        now=1_800_000_000,
    )


@pytest.mark.parametrize(
    ("header", "raw_body", "key", "now", "reason"),
    [
        (
            CASSO_HEADER,
            json.dumps({**CASSO_BODY, "error": 1}).encode(),
            CASSO_KEY,
            SIGNED_AT,
            "does not match",
        ),
        (CASSO_HEADER, json.dumps(CASSO_BODY).encode(), "khoa-sai", SIGNED_AT, "does not match"),
        (CASSO_HEADER, json.dumps(CASSO_BODY).encode(), CASSO_KEY, SIGNED_AT + 301, "stale"),
        (CASSO_HEADER, json.dumps(CASSO_BODY).encode(), CASSO_KEY, SIGNED_AT - 301, "stale"),
        ("v1=abc", json.dumps(CASSO_BODY).encode(), CASSO_KEY, SIGNED_AT, "malformed"),
        ("", json.dumps(CASSO_BODY).encode(), CASSO_KEY, SIGNED_AT, "malformed"),
        (CASSO_HEADER, b"{not json", CASSO_KEY, SIGNED_AT, "not JSON"),
        (CASSO_HEADER, b"[1, 2]", CASSO_KEY, SIGNED_AT, "not a JSON object"),
        (CASSO_HEADER, json.dumps(CASSO_BODY).encode(), "", SIGNED_AT, "not configured"),
    ],
)
def test_forged_stale_and_malformed_casso_requests_are_refused(header, raw_body, key, now, reason):
    with pytest.raises(ForgedRequest, match=reason):
        verify_casso(signature_header=header, raw_body=raw_body, checksum_key=key, now=now)


def test_sepay_needs_its_api_key():
    verify_sepay(authorization_header="Apikey s3cr3t-key", api_key="s3cr3t-key")
    verify_sepay(authorization_header="apikey s3cr3t-key", api_key="s3cr3t-key")
    for header in ["Apikey wrong", "Bearer s3cr3t-key", "s3cr3t-key", "", None]:
        with pytest.raises(ForgedRequest):
            verify_sepay(authorization_header=header, api_key="s3cr3t-key")
    with pytest.raises(ForgedRequest, match="not configured"):
        verify_sepay(authorization_header="Apikey ", api_key="")
