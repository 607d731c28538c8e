"""Demo orders, placed and paid through the real checkout and payment services.

The demo buyer has one order paid by a bank transfer (so the first two shops have an order to ship)
and one waiting for her transfer (its QR page is live); union staff find one transfer whose memo
named no order in their reconciliation list.
"""

from django.contrib.auth import get_user_model
from oscar.core.loading import get_class, get_model

from checkout.services import Delivery, place_order
from marketplace import geo
from marketplace.accounts.phones import normalize_vn_phone
from payments import transitions
from payments.models import BankTransfer, Provider

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


def seed_orders(*, shops: list) -> int:
    """Two orders for the demo buyer, once; returns how many were placed."""
    buyer = get_user_model().objects.get(phone=normalize_vn_phone(data.BUYER.phone))
    if buyer.orders.exists() or len(shops) < 3:
        return 0
    first_products = [
        Product.objects.filter(shop=shop, is_public=True, stockrecords__num_in_stock__gt=1).first()
        for shop in shops[:3]
    ]
    if None in first_products:
        return 0
    paid = _order(buyer=buyer, products=first_products[:2])
    transfer = BankTransfer.objects.create(
        provider=Provider.SEPAY,
        provider_transaction_id="demo-1",
        amount=paid.payment.amount_due,
        memo=f"MBVCB.1001.{paid.payment.reference}.CT tu PHAM MINH ANH",
    )
    transitions.transfer_process(transfer_id=transfer.pk)
    _order(buyer=buyer, products=first_products[2:])
    unmatched = BankTransfer.objects.create(
        provider=Provider.SEPAY, provider_transaction_id="demo-2", amount=95_000, memo="chuyen tien mua hang"
    )
    transitions.transfer_process(transfer_id=unmatched.pk)
    return 2
