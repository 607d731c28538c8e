"""The whole path through a real Celery worker: a signed webhook in, the order paid, emails out."""

import json
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.urls import reverse
from django.utils import timezone

from payments.models import Payment, PaymentEvent, PaymentStatus
from payments.tasks import expire_overdue_payments
from tests.conftest import wait_for, wait_for_delivery
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_order


def sent_subjects(email_dir) -> dict[str, list[str]]:
    by_recipient: dict[str, list[str]] = {}
    for path in sorted(email_dir.glob("*.log")):
        for raw in path.read_bytes().split(b"-" * 79):
            if raw.strip():
                message = message_from_bytes(raw.strip())
                subject = str(make_header(decode_header(message["Subject"])))
                by_recipient.setdefault(message["To"], []).append(subject)
    return by_recipient


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_sepay_webhook_is_processed_by_the_worker_and_everyone_hears(
    celery_worker_process, client, settings
):
    settings.SEPAY_API_KEY = "worker-test-key"
    vendor = UserFactory(email="chi.lan.paid@example.vn")
    product = ProductFactory(stock__price=180_000, shop=ShopFactory(owner=vendor, shipping_fee=20_000))
    order = an_order((product, 1), email="mai.pays@example.vn")
    body = {
        "id": 880011,
        "transferType": "in",
        "transferAmount": 200_000,
        "content": f"NGUYEN THI MAI chuyen tien {order.payment.reference}",
        "accountNumber": "",
        "transactionDate": "2026-11-23 10:15:00",
    }

    response = client.post(
        reverse("webhooks:sepay"),
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION="Apikey worker-test-key",
    )

    assert response.status_code == 200
    wait_for(
        lambda: Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.PAID,
        message="the worker to match the transfer",
    )
    paid = PaymentEvent.objects.get(payment=order.payment, to_status="paid")
    wait_for_delivery(f"payment:{paid.pk}", message="the worker to send the paid emails")
    subjects = sent_subjects(celery_worker_process.email_dir)
    assert subjects["mai.pays@example.vn"] == [f"[Chợ Sen] Đã nhận đủ tiền đơn hàng {order.number}"]
    shop_order = order.shop_orders.get()
    assert subjects["chi.lan.paid@example.vn"] == [
        f"[Chợ Sen] Đơn {shop_order.number} đã thanh toán, mời chị chuẩn bị hàng"
    ]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_job_expires_an_overdue_payment_in_the_worker(celery_worker_process):
    order = an_order((ProductFactory(), 1), email="hoa.expired@example.vn")
    Payment.objects.filter(pk=order.payment.pk).update(expires_at=timezone.now())

    expire_overdue_payments.delay()

    wait_for(
        lambda: Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.EXPIRED,
        message="the worker to expire the payment",
    )
    expired = PaymentEvent.objects.get(payment=order.payment, to_status="expired")
    wait_for_delivery(f"payment:{expired.pk}", message="the worker to tell the buyer")
    assert sent_subjects(celery_worker_process.email_dir)["hoa.expired@example.vn"] == [
        f"[Chợ Sen] Đơn hàng {order.number} đã huỷ vì quá hạn thanh toán"
    ]
