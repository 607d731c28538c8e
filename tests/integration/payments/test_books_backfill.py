"""Money that moved before the books existed is written into them by a migration, and the books
then balance and agree with every payment, transfer and shop."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ledger.selectors import balance, shop_owed
from ledger.services import SystemAccount
from order import transitions as order_transitions
from order.models import ShopOrder
from payments import matching, transitions
from payments.models import BankTransfer, Payment
from payments.providers.sepay import SePay
from payments.reconciliation import books_problems
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_order

BEFORE_THE_BOOKS = [("payments", "0004_payouts_commission_and_feed_details")]


def transfer(memo, amount, *, incoming=True):
    created = BankTransfer.objects.create(
        provider=SePay.code,
        provider_transaction_id=f"b-{BankTransfer.objects.count()}",
        incoming=incoming,
        amount=amount,
        memo=memo,
    )
    return matching.transfer_process(transfer_id=created.pk)


def forget_the_books():
    """The database as it was before the books: no ledger rows, no commission or release recorded."""
    tables = ["ledger_entry", "ledger_transaction", "ledger_account"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
    ShopOrder.objects.update(commission=0, commission_rate_bp=None, released_at=None)
    Payment.objects.update(awaiting_feed=0)


@pytest.mark.django_db(transaction=True)
def test_the_backfill_puts_past_money_in_the_books_and_they_balance():
    staff = UserFactory(is_staff=True)
    shop = ShopFactory(shipping_fee=0)
    vendor = shop.members.get()
    delivered = an_order((ProductFactory(shop=shop, stock__price=100_000), 1))
    transfer(delivered.payment.reference, 100_000)
    part = delivered.shop_orders.get()
    order_transitions.shop_order_ship(
        shop_order_id=part.pk, actor=vendor, carrier="GHN", tracking_number="A1"
    )
    order_transitions.shop_order_deliver(shop_order_id=part.pk, actor=vendor)
    ShopOrder.objects.filter(pk=part.pk).update(delivered_at=timezone.now() - datetime.timedelta(days=10))
    partly = an_order((ProductFactory(shop=shop, stock__price=80_000), 1))
    transfer(partly.payment.reference, 30_000)
    by_hand = an_order((ProductFactory(shop=shop, stock__price=60_000), 1))
    transitions.payment_confirm_by_hand(payment_id=by_hand.payment.pk, actor=staff, note="sao kê")
    cancelled = an_order(
        (ProductFactory(shop=shop, stock__price=50_000), 1), (ProductFactory(stock__price=40_000), 1)
    )
    transfer(cancelled.payment.reference, cancelled.payment.amount_due + 5_000)
    transitions.payment_cancel_shop_order(
        shop_order_id=cancelled.shop_orders.get(shop=shop).pk, actor=vendor, reason="out_of_stock"
    )
    transitions.payment_record_refund(payment_id=cancelled.payment.pk, actor=staff, amount=5_000, note="FT1")
    transfer("khong ro don", 12_000)
    transfer("phi ngan hang", 3_000, incoming=False)
    forget_the_books()

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_BOOKS)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(books_problems()) == []
    assert (
        balance(SystemAccount.BANK)
        == 100_000 + 30_000 + cancelled.payment.amount_due + 5_000 + 12_000 - 3_000
    )
    assert shop_owed(shop) == {"pending": 60_000, "available": 100_000}  # no commission agreed back then
    assert Payment.objects.get(pk=by_hand.payment.pk).awaiting_feed == 60_000
