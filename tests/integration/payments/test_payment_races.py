"""Money arriving twice, at once, or together with the expiry job, on real concurrent connections.

On PostgreSQL the threads really overlap and row locks decide; SQLite serialises writers, which
must give the same end state.
"""

import json
import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from checkout.services import CheckoutRefused, place_order
from order.models import ShopOrderStatus
from payments import matching, transitions
from payments.models import BankTransfer, Payment, PaymentStatus, WebhookCall
from payments.providers.sepay import SePay
from payments.transitions import payment_cancel_shop_order
from tests.factories import ProductFactory, a_basket, a_delivery, an_order

StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*calls) -> list:
    """Start every call at the same instant, each on its own database connection."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001  (the test inspects what each thread met)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def a_transfer(payment, amount, txn) -> BankTransfer:
    return BankTransfer.objects.create(
        provider=SePay.code, provider_transaction_id=txn, amount=amount, memo=payment.reference
    )


def test_one_transfer_processed_by_two_workers_at_once_counts_once():
    order = an_order((ProductFactory(stock__price=100_000, shop__shipping_fee=0), 1))
    transfer = a_transfer(order.payment, 100_000, "dup-1")

    run_together(*[lambda: matching.transfer_process(transfer_id=transfer.pk)] * 4)

    payment = Payment.objects.get(pk=order.payment.pk)
    assert payment.status == PaymentStatus.PAID and payment.amount_received == 100_000
    assert payment.events.filter(transfer=transfer).count() == 1


def test_two_transfers_for_one_payment_at_once_both_count():
    order = an_order((ProductFactory(stock__price=100_000, shop__shipping_fee=0), 1))
    first, second = a_transfer(order.payment, 40_000, "a"), a_transfer(order.payment, 60_000, "b")

    run_together(
        lambda: matching.transfer_process(transfer_id=first.pk),
        lambda: matching.transfer_process(transfer_id=second.pk),
    )

    payment = Payment.objects.get(pk=order.payment.pk)
    assert payment.amount_received == 100_000 and payment.status == PaymentStatus.PAID


def test_the_same_webhook_delivered_twice_at_the_same_moment_records_one_transfer(settings):
    settings.SEPAY_API_KEY = "k"
    order = an_order((ProductFactory(), 1))
    body = json.dumps(
        {"id": 555, "transferType": "in", "transferAmount": 1_000, "content": order.payment.reference}
    )

    def deliver():
        return (
            Client()
            .post(
                reverse("webhooks:sepay"),
                data=body,
                content_type="application/json",
                HTTP_AUTHORIZATION="Apikey k",
            )
            .status_code
        )

    assert run_together(deliver, deliver, deliver) == [200, 200, 200]
    assert BankTransfer.objects.count() == 1
    assert WebhookCall.objects.filter(valid=True, transfer__isnull=False).count() == 3


def test_a_transfer_and_the_expiry_job_together_leave_one_consistent_state():
    product = ProductFactory(stock__price=100_000, stock__num_in_stock=3, shop__shipping_fee=0)
    order = an_order((product, 2))
    Payment.objects.filter(pk=order.payment.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    transfer = a_transfer(order.payment, 200_000, "late")

    run_together(
        lambda: matching.transfer_process(transfer_id=transfer.pk),
        lambda: transitions.expire_overdue_payments(),
    )

    payment = Payment.objects.get(pk=order.payment.pk)
    assert payment.status == PaymentStatus.PAID and payment.amount_received == 200_000
    assert payment.refund_due == 0
    assert set(Order.objects.get(pk=order.pk).shop_orders.values_list("status", flat=True)) == {
        ShopOrderStatus.PAID
    }
    assert StockRecord.objects.get(product=product).num_allocated == 2  # reserved once, not twice


def test_two_buyers_racing_for_the_last_unit_cannot_both_win():
    last_jar = ProductFactory(stock__num_in_stock=1)
    baskets = [a_basket((last_jar, 1)) for _ in range(3)]

    results = run_together(
        *[
            lambda basket=basket: place_order(basket=basket, buyer=None, delivery=a_delivery())
            for basket in baskets
        ]
    )

    assert sum(isinstance(result, Order) for result in results) == 1, results
    assert all(isinstance(result, (Order, CheckoutRefused)) for result in results), results
    assert Order.objects.count() == 1
    assert StockRecord.objects.get(product=last_jar).num_allocated == 1


def test_two_shops_cancelling_at_once_with_a_late_transfer_arriving_leave_every_dong_accounted_for():
    """Both shops of a paid order cancel at the same moment as an extra transfer comes in: no
    deadlock, the order is cancelled once, and everything received is owed back."""

    first = ProductFactory(stock__price=100_000, shop__shipping_fee=0)
    second = ProductFactory(stock__price=50_000, shop__shipping_fee=0)
    order = an_order((first, 1), (second, 1))
    matching.transfer_process(transfer_id=a_transfer(order.payment, 150_000, "paid").pk)
    extra = a_transfer(order.payment, 7_000, "extra")
    parts = list(order.shop_orders.select_related("shop"))

    results = run_together(
        *[
            lambda part=part: payment_cancel_shop_order(
                shop_order_id=part.pk, actor=part.shop.members.get(), reason="out_of_stock"
            )
            for part in parts
        ],
        lambda: matching.transfer_process(transfer_id=extra.pk),
    )

    assert not [result for result in results if isinstance(result, Exception)], results
    payment = Payment.objects.get(pk=order.payment.pk)
    assert payment.status == PaymentStatus.CANCELLED and payment.amount_due == 0
    assert (payment.amount_received, payment.refund_due) == (157_000, 157_000)
    assert Order.objects.get(pk=order.pk).status == "cancelled"
    assert set(
        StockRecord.objects.filter(product__in=[first, second]).values_list("num_allocated", flat=True)
    ) == {0}
