"""Demo orders, placed, paid and paid out through the real checkout, payment and payout services.

The demo buyer has one order paid by a bank transfer (so the first two shops have an order to ship),
one waiting for her transfer (its QR page is live), one paid whose first shop cancelled its part
for want of stock (union staff find that refund to send, and one transfer whose memo named no order,
in their reconciliation list), and one the first shop delivered last week: its money became
available, and the Union paid it out, so that shop's balance shows the whole way of a sale.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from checkout.services import Delivery, place_order
from marketplace import geo
from marketplace.accounts.phones import normalize_vn_phone
from marketplace.lifecycle import TransitionRefused
from order import transitions as order_transitions
from order.models import ShopOrder
from order.transitions import CancelReason, Carrier
from payments import matching, payouts, settlement, transitions
from payments.models import BankTransfer
from payments.providers.sepay import SePay

from . import data

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")
HA_NOI = 1


def _order(*, buyer, products: list) -> object:
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product, 1)
    delivery = Delivery(
        name=data.BUYER.name,
        phone=normalize_vn_phone(data.BUYER.phone),
        province_code=HA_NOI,
        ward_code=geo.ward_choices(HA_NOI)[0][0],
        street="18 phố Lý Thường Kiệt",
        email=data.BUYER.email or "",
    )
    return place_order(basket=basket, buyer=buyer, delivery=delivery)


def _pay(order, *, transaction_id: str) -> None:
    transfer = BankTransfer.objects.create(
        provider=SePay.code,
        provider_transaction_id=transaction_id,
        amount=order.payment.amount_due,
        memo=f"MBVCB.1001.{order.payment.reference}.CT tu PHAM MINH ANH",
    )
    matching.transfer_process(transfer_id=transfer.pk)


def _delivered_and_paid_out(order, *, shop, staff) -> None:
    """The shop sent and delivered the order a week ago; its money was released and paid out."""
    part = order.shop_orders.get()
    vendor = shop.members.first()
    order_transitions.shop_order_ship(
        shop_order_id=part.pk, actor=vendor, carrier=Carrier.GHN, tracking_number="GHN0101DEMO"
    )
    order_transitions.shop_order_deliver(shop_order_id=part.pk, actor=vendor)
    a_week_ago = timezone.now() - datetime.timedelta(days=7)
    ShopOrder.objects.filter(pk=part.pk).update(shipped_at=a_week_ago, delivered_at=a_week_ago)
    settlement.release_due_funds()
    try:
        batch = payouts.payout_batch_create(actor=staff, shop_ids=[shop.pk])
    except TransitionRefused:  # a small demo whose sale is below the payout minimum
        return
    payout = batch.payouts.get()
    sent = BankTransfer.objects.create(
        provider=SePay.code,
        provider_transaction_id="demo-5",
        incoming=False,
        amount=payout.amount,
        memo=f"Cho Sen chi tra {payout.reference}",
    )
    matching.transfer_process(transfer_id=sent.pk)


def seed_orders(*, shops: list) -> int:
    """Four orders for the demo buyer, once; returns how many were placed."""
    buyer = get_user_model().objects.get(phone=normalize_vn_phone(data.BUYER.phone))
    if buyer.orders.exists() or len(shops) < 3:
        return 0
    first_products = [
        Product.objects.filter(shop=shop, is_public=True, stockrecords__num_in_stock__gt=1).first()
        for shop in shops[:3]
    ]
    if None in first_products:
        return 0
    _pay(_order(buyer=buyer, products=first_products[:2]), transaction_id="demo-1")
    _order(buyer=buyer, products=first_products[2:])
    unmatched = BankTransfer.objects.create(
        provider=SePay.code, provider_transaction_id="demo-2", amount=95_000, memo="chuyen tien mua hang"
    )
    matching.transfer_process(transfer_id=unmatched.pk)
    partly_cancelled = _order(buyer=buyer, products=[first_products[0], first_products[2]])
    _pay(partly_cancelled, transaction_id="demo-3")
    first_part = partly_cancelled.shop_orders.get(shop=shops[0])
    transitions.payment_cancel_shop_order(
        shop_order_id=first_part.pk,
        actor=shops[0].members.first(),
        reason=CancelReason.OUT_OF_STOCK,
        details="Hàng vụ này đã bán hết, hẹn chị vụ sau.",
    )
    delivered = _order(buyer=buyer, products=[first_products[0]])
    _pay(delivered, transaction_id="demo-4")
    staff = get_user_model().objects.get(phone=normalize_vn_phone(data.STAFF.phone))
    _delivered_and_paid_out(delivered, shop=shops[0], staff=staff)
    return 4
