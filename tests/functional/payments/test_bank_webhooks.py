"""Bank-feed webhooks: verified on the raw body, stored first, answered fast, counted once."""

import json
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from payments import matching
from payments.models import BankTransfer, PaymentStatus, TransferOutcome, WebhookCall
from payments.providers.casso import casso_signature
from tests.factories import ProductFactory, an_order

pytestmark = pytest.mark.django_db
SEPAY_KEY = "sepay-test-key-7f3a"
CASSO_KEY = "casso-checksum-key-91bd"
ACCOUNT = "0011001234567"


@pytest.fixture(autouse=True)
def _feed_keys(settings):
    settings.SEPAY_API_KEY = SEPAY_KEY
    settings.CASSO_CHECKSUM_KEY = CASSO_KEY
    settings.VIETQR_ACCOUNT_NUMBER = ACCOUNT


@pytest.fixture
def order():
    return an_order((ProductFactory(stock__price=120_000, shop__shipping_fee=30_000), 1))


def sepay_body(reference: str, *, amount=150_000, transfer_id=92704, direction="in") -> dict:
    return {
        "id": transfer_id,
        "gateway": "Vietcombank",
        "transactionDate": "2026-11-23 10:15:00",
        "accountNumber": ACCOUNT,
        "subAccount": None,
        "code": None,
        "content": f"{reference} Thanh toan don hang",
        "transferType": direction,
        "description": f"BankAPINotify {reference} Thanh toan don hang",
        "transferAmount": amount,
        "referenceCode": "FT26327123456",
        "accumulated": 19_077_000,
    }


def post_sepay(client, body, *, key=SEPAY_KEY):
    return client.post(
        reverse("webhooks:sepay"),
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Apikey {key}",
    )


def casso_body(reference: str, *, amount=150_000, transfer_id=3125) -> dict:
    return {
        "error": 0,
        "data": {
            "id": transfer_id,
            "reference": "BANK_REF_ID",
            "description": f"MBVCB.1234.{reference}.CT tu 0123 TRAN THI MAI",
            "amount": amount,
            "runningBalance": 25_000_000,
            "transactionDateTime": "2026-11-23 10:15:00",
            "accountNumber": ACCOUNT,
            "bankName": "Vietcombank",
            "bankAbbreviation": "VCB",
            "virtualAccountNumber": "",
            "virtualAccountName": "",
            "counterAccountName": "TRAN THI MAI",
            "counterAccountNumber": "0123456789",
            "counterAccountBankId": "970436",
            "counterAccountBankName": "Vietcombank",
        },
    }


def post_casso(client, body, *, key=CASSO_KEY, timestamp_ms=None, raw=None):
    timestamp_ms = timestamp_ms or int(time.time() * 1000)
    return client.post(
        reverse("webhooks:casso"),
        data=raw if raw is not None else json.dumps(body, ensure_ascii=False),
        content_type="application/json",
        HTTP_X_CASSO_SIGNATURE=casso_signature(timestamp_ms=timestamp_ms, body=body, checksum_key=key),
    )


def test_a_sepay_transfer_is_stored_then_counted_once_even_when_delivered_twice(client, order):
    body = sepay_body(order.payment.reference)
    first, second = post_sepay(client, body), post_sepay(client, body)

    assert first.status_code == second.status_code == 200
    assert first.json() == {"success": True}
    transfer = BankTransfer.objects.get()
    assert (transfer.provider_transaction_id, transfer.amount, transfer.incoming) == ("92704", 150_000, True)
    assert transfer.occurred_at == datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    calls = WebhookCall.objects.order_by("pk")
    assert [call.valid for call in calls] == [True, True]
    assert all(call.transfer == transfer for call in calls)
    assert calls[0].headers["Authorization"] == "•••"  # the API key is never stored
    assert SEPAY_KEY not in json.dumps(calls[0].headers)

    matching.transfer_process(transfer_id=transfer.pk)  # what the queued task does
    matching.transfer_process(transfer_id=transfer.pk)  # ... and a redelivery of it
    order.payment.refresh_from_db()
    assert order.payment.status == PaymentStatus.PAID and order.payment.amount_received == 150_000


@pytest.mark.parametrize("key", ["wrong-key", ""])
def test_a_forged_sepay_call_is_stored_as_invalid_and_refused(client, order, key):
    response = post_sepay(client, sepay_body(order.payment.reference), key=key)
    assert response.status_code == 401
    call = WebhookCall.objects.get()
    assert not call.valid and "SePay" in call.error and call.transfer is None
    assert not BankTransfer.objects.exists()


def test_an_outgoing_sepay_transfer_is_recorded_and_not_matched(client, order):
    post_sepay(client, sepay_body(order.payment.reference, direction="out"))
    transfer = matching.transfer_process(transfer_id=BankTransfer.objects.get().pk)
    assert transfer.outcome == TransferOutcome.OUTGOING


@pytest.mark.parametrize(
    "body",
    [
        {"id": 1, "transferType": "in"},  # no amount
        {"id": 2, "transferType": "in", "transferAmount": 1500.5},  # not whole dong
        {"id": 3, "transferType": "sideways", "transferAmount": 1000},
        [1, 2, 3],
    ],
)
def test_a_malformed_but_authentic_sepay_body_is_stored_and_answered_400(client, body):
    response = post_sepay(client, body)
    assert response.status_code == 400
    call = WebhookCall.objects.get()
    assert call.valid and call.error and call.transfer is None
    assert not BankTransfer.objects.exists()


def test_a_signed_casso_transfer_pays_the_order(client, order):
    response = post_casso(client, casso_body(order.payment.reference))
    assert response.status_code == 200
    transfer = BankTransfer.objects.get()
    assert transfer.provider == "casso" and transfer.provider_transaction_id == "3125"
    matching.transfer_process(transfer_id=transfer.pk)
    order.payment.refresh_from_db()
    assert order.payment.status == PaymentStatus.PAID


def test_casso_and_sepay_ids_do_not_collide(client, order):
    post_casso(client, casso_body(order.payment.reference, transfer_id=77, amount=50_000))
    post_sepay(client, sepay_body(order.payment.reference, transfer_id=77, amount=100_000))
    assert sorted(BankTransfer.objects.values_list("provider", flat=True)) == ["casso", "sepay"]


def test_a_casso_body_changed_after_signing_is_refused(client, order):
    body = casso_body(order.payment.reference)
    tampered = json.loads(json.dumps(body))
    tampered["data"]["amount"] = 15_000_000
    response = post_casso(client, body, raw=json.dumps(tampered))
    assert response.status_code == 401
    assert not WebhookCall.objects.get().valid and not BankTransfer.objects.exists()


def test_a_stale_casso_signature_is_refused(client, order):
    an_hour_ago = int((time.time() - 3600) * 1000)
    response = post_casso(client, casso_body(order.payment.reference), timestamp_ms=an_hour_ago)
    assert response.status_code == 401
    assert "stale" in WebhookCall.objects.get().error


def test_a_casso_call_signed_with_another_key_or_unsigned_is_refused(client, order):
    assert post_casso(client, casso_body(order.payment.reference), key="not-our-key").status_code == 401
    unsigned = client.post(
        reverse("webhooks:casso"), data=json.dumps(casso_body("X")), content_type="application/json"
    )
    assert unsigned.status_code == 401
    assert WebhookCall.objects.filter(valid=False).count() == 2


def test_webhooks_accept_only_post(client):
    assert client.get(reverse("webhooks:sepay")).status_code == 405
