"""Money moved through the real services, for the tests of balances, statements and payouts.

An order is paid by hand (payments.transitions.payment_confirm_by_hand) or by a bank transfer
(payments.matching.transfer_process), delivered through order.transitions, released by
payments.settlement.release_due_funds and paid out by payments.payouts.payout_batch_create; the bank
feed then closes the payout with an outgoing transfer carrying its reference.
"""

import datetime
import itertools

from django.utils import timezone

from order.transitions import shop_order_deliver, shop_order_ship
from payments import books, matching
from payments.models import BankTransfer, Payout
from payments.payouts import payout_batch_create
from payments.providers.sepay import SePay
from payments.settlement import release_due_funds
from payments.transitions import payment_cancel_shop_order, payment_confirm_by_hand

from . import ProductFactory, ShopFactory, UserFactory, an_order

BANK_ACCOUNT = {"bank_bin": "970436", "account_number": "0123456789", "account_holder": "Nguyen Thi Lan"}
_transfer_ids = itertools.count(1)


def a_paying_shop(**overrides):
    """A live shop with a complete bank account (Vietcombank 0123456789, NGUYEN THI LAN)."""
    return ShopFactory(**{**BANK_ACCOUNT, **overrides})


def a_staff_member():
    return UserFactory(is_staff=True, first_name="Thu", last_name="Phạm")


def paid_order(shop, *, price: int = 150_000, quantity: int = 1, staff=None):
    """An order of one of the shop's products, paid (by hand) in full."""
    product = ProductFactory(shop=shop, stock__price=price, stock__num_in_stock=100)
    order = an_order((product, quantity))
    payment_confirm_by_hand(payment_id=order.payment.pk, actor=staff or a_staff_member(), note="Sao kê")
    return order.shop_orders.get(shop=shop)


def delivered(shop_order):
    vendor = shop_order.shop.members.first()
    shop_order_ship(shop_order_id=shop_order.pk, actor=vendor, carrier="GHN", tracking_number="GHN123")
    shop_order_deliver(shop_order_id=shop_order.pk, actor=vendor)
    shop_order.refresh_from_db()
    return shop_order


def release_due(*, days: int = 4) -> int:
    """Run the hourly release as if `days` had passed."""
    return release_due_funds(now=timezone.now() + datetime.timedelta(days=days))


def bank_feed(*, amount: int, memo: str, incoming: bool, **details) -> BankTransfer:
    """A transfer the bank feed reports on the collection account, matched at once."""
    transfer = BankTransfer.objects.create(
        provider=SePay.code,
        provider_transaction_id=f"money-{next(_transfer_ids)}-{timezone.now().timestamp()}",
        incoming=incoming,
        amount=amount,
        memo=memo,
        **details,
    )
    return matching.transfer_process(transfer_id=transfer.pk)


def paid_out(shop, *, staff=None, sent: bool = True) -> Payout:
    """Her available money paid out in a batch of its own; `sent`: the feed saw it leave."""
    batch = payout_batch_create(actor=staff or a_staff_member(), shop_ids=[shop.pk])
    payout = batch.payouts.get()
    if sent:
        bank_feed(amount=payout.amount, memo=f"CHOSEN {payout.reference}", incoming=False)
        payout.refresh_from_db()
    return payout


def owing(shop, *, staff=None):
    """A shop whose available balance is below zero: an order's money released early, paid out, then
    the order taken back (as a card dispute after release will): she owes its share."""
    shop_order = paid_order(shop, staff=staff)
    books.funds_released(shop_order)
    paid_out(shop, staff=staff)
    payment_cancel_shop_order(shop_order_id=shop_order.pk, actor=shop.members.first(), reason="out_of_stock")
    return shop
