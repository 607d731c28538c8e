"""Vendors' money under concurrency, on real connections: a payout batch made while a sale, a
cancellation and a refund land on the same shop, and one bank movement reported by both feeds at
the same instant. The books must balance afterwards (checked by this folder's conftest)."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ledger.selectors import shop_owed
from order import transitions as order_transitions
from payments import matching, payouts, settlement, transitions
from payments.models import BankTransfer, Payment, Payout, PayoutStatus
from payments.providers.casso import casso_signature
from payments.providers.sepay import SePay
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_order
from tests.integration.payments.test_payment_races import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def pay(order, amount=None, txn=None):
    created = BankTransfer.objects.create(
        provider=SePay.code,
        provider_transaction_id=txn or f"pay-{order.pk}",
        amount=amount or order.payment.amount_due,
        memo=order.payment.reference,
    )
    return matching.transfer_process(transfer_id=created.pk)


def test_a_payout_batch_racing_a_sale_a_cancellation_and_a_refund_pays_only_what_was_available():
    officer = UserFactory(is_staff=True)
    shop = ShopFactory(
        shipping_fee=0, bank_bin="970436", account_number="0011009998887", account_holder="NGUYEN THI LAN"
    )
    vendor = shop.members.get()
    delivered = an_order((ProductFactory(shop=shop, stock__price=300_000), 1))
    pay(delivered)
    part = delivered.shop_orders.get()
    order_transitions.shop_order_ship(
        shop_order_id=part.pk, actor=vendor, carrier="GHN", tracking_number="G1"
    )
    order_transitions.shop_order_deliver(shop_order_id=part.pk, actor=vendor)
    type(part).objects.filter(pk=part.pk).update(delivered_at=timezone.now() - datetime.timedelta(days=5))
    settlement.release_due_funds()
    to_cancel = an_order((ProductFactory(shop=shop, stock__price=100_000), 1))
    pay(to_cancel, amount=to_cancel.payment.amount_due + 20_000)  # 20.000 too much: a refund to send
    new_sale = an_order((ProductFactory(shop=shop, stock__price=50_000), 1))

    results = run_together(
        lambda: payouts.payout_batch_create(actor=officer, shop_ids=[shop.pk]),
        lambda: pay(new_sale),
        lambda: transitions.payment_cancel_shop_order(
            shop_order_id=to_cancel.shop_orders.get().pk, actor=vendor, reason="out_of_stock"
        ),
        lambda: transitions.payment_record_refund(
            payment_id=to_cancel.payment.pk, actor=officer, amount=20_000, note="FT99"
        ),
    )

    assert not [result for result in results if isinstance(result, Exception)], results
    payout = Payout.objects.get()
    assert (payout.amount, payout.status) == (285_000, PayoutStatus.IN_TRANSIT)  # 300.000 less 5 %
    assert shop_owed(shop) == {"pending": 47_500, "available": 0}  # the new sale, not yet delivered
    refund = Payment.objects.get(pk=to_cancel.payment.pk)
    assert (refund.refund_due, refund.amount_refunded) == (100_000, 20_000)


def test_one_bank_movement_reported_by_both_feeds_at_the_same_instant_counts_once(settings):
    settings.SEPAY_API_KEY, settings.CASSO_CHECKSUM_KEY = "sepay-key", "casso-key"
    settings.VIETQR_ACCOUNT_NUMBER = "0011001234567"
    order = an_order((ProductFactory(stock__price=150_000, shop__shipping_fee=0), 1))
    sepay = {
        "id": 81, "transferType": "in", "transferAmount": 150_000, "accountNumber": "0011001234567",
        "content": f"{order.payment.reference} mua hang", "referenceCode": "FT26330XYZ",
        "transactionDate": "2026-11-30 09:00:00",
    }  # fmt: skip
    casso = {
        "error": 0,
        "data": {
            "id": 5012, "amount": 150_000, "accountNumber": "0011001234567", "reference": "FT26330XYZ",
            "description": f"{order.payment.reference} mua hang",
            "transactionDateTime": "2026-11-30 09:00:01",
        },
    }  # fmt: skip

    def post_sepay():
        return Client().post(
            reverse("webhooks:sepay"), data=json.dumps(sepay), content_type="application/json",
            HTTP_AUTHORIZATION="Apikey sepay-key",
        ).status_code  # fmt: skip

    def post_casso():
        signature = casso_signature(
            timestamp_ms=int(timezone.now().timestamp() * 1000), body=casso, checksum_key="casso-key"
        )
        return Client().post(
            reverse("webhooks:casso"), data=json.dumps(casso), content_type="application/json",
            HTTP_X_CASSO_SIGNATURE=signature,
        ).status_code  # fmt: skip

    assert run_together(post_sepay, post_casso, post_sepay, post_casso) == [200, 200, 200, 200]
    transfers = list(BankTransfer.objects.all())
    run_together(
        *[
            lambda transfer=transfer: matching.transfer_process(transfer_id=transfer.pk)
            for transfer in transfers * 2
        ]
    )

    payment = Payment.objects.get(pk=order.payment.pk)
    assert len(transfers) == 1
    assert (payment.amount_received, payment.refund_due) == (150_000, 0)
