"""Placing an order from a basket that may hold several shops' products.

One order and one payment for the buyer, one shop order per shop (its lines and its shipping fee),
stock reserved in the same transaction: if any line cannot be reserved, nothing is written.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.sites.models import Site
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model
from oscar.core.prices import Price

from marketplace import geo
from order.models import OrderStatus, ShopOrder, ShopOrderStatus
from order.transitions import SHOP_ORDER
from order.utils import OrderCreator, OutOfStock
from payments.transitions import payment_open
from shipping.fees import ShopPart, basket_by_shop

FixedPrice = get_class("shipping.methods", "FixedPrice")
Product = get_model("catalogue", "Product")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")


class CheckoutRefused(Exception):
    """The order cannot be placed as it stands; the message tells the buyer what to change."""


@dataclass(frozen=True)
class Delivery:
    """Who receives the parcel and where (2025 administrative units)."""

    name: str
    phone: str  # E.164, already validated
    province_code: int
    ward_code: int
    street: str
    email: str = ""
    note: str = ""


def _check_basket(basket, parts: list[ShopPart]) -> None:
    if basket.is_empty:
        raise CheckoutRefused(_("Giỏ hàng đang trống."))
    for part in parts:
        if not part.shop.is_live:
            raise CheckoutRefused(
                _("Gian hàng “%(shop)s” đang tạm ngừng bán; hãy bỏ sản phẩm của gian hàng khỏi giỏ.")
                % {"shop": part.shop.name}
            )
        for line in part.lines:
            allowed, message = line.purchase_info.availability.is_purchase_permitted(line.quantity)
            if not allowed:
                raise CheckoutRefused(_line_refusal(line, message))


def _no_longer_sold(title: str) -> str:
    return _("“%(title)s” không còn được bán; hãy bỏ sản phẩm này khỏi giỏ.") % {"title": title}


def _check_still_for_sale(basket) -> None:
    """Read afresh, in the order's transaction, whether a product was hidden (by its vendor or the
    Union) since the basket was loaded: what buyers may not see, they may not buy."""
    hidden = Product.objects.filter(pk__in=[line.product_id for line in basket.all_lines()]).filter(
        Q(is_public=False) | Q(parent__is_public=False)
    )
    product = hidden.select_related("parent").first()
    if product is not None:
        raise CheckoutRefused(_no_longer_sold(product.get_title()))


def _line_refusal(line, availability_message: str) -> str:
    title = line.product.get_title()
    product = line.product
    if not product.is_public or (product.is_child and not product.parent.is_public):
        return _no_longer_sold(title)
    left = line.stockrecord.net_stock_level if line.stockrecord else None
    if left is not None and left < line.quantity:
        if left <= 0:
            return _("“%(title)s” đã hết hàng; hãy bỏ sản phẩm này khỏi giỏ.") % {"title": title}
        return _("“%(title)s” chỉ còn %(left)s sản phẩm; hãy giảm số lượng trong giỏ.") % {
            "title": title,
            "left": left,
        }
    return f"“{title}”: {availability_message}"


def _shipping_address(delivery: Delivery) -> ShippingAddress:
    address = ShippingAddress(
        first_name="",
        last_name=delivery.name,
        line1=delivery.street,
        line2=geo.ward_name(delivery.ward_code),
        line4=geo.province_name(delivery.province_code),
        province_code=delivery.province_code,
        ward_code=delivery.ward_code,
        phone_number=delivery.phone,
        notes=delivery.note,
        country=Country.objects.get_or_create(
            iso_3166_1_a2="VN", defaults={"printable_name": "Việt Nam", "name": "Việt Nam"}
        )[0],
    )
    address.save()
    return address


def place_order(*, basket, buyer, delivery: Delivery, request=None):
    """Create the order, its shop orders and its payment, or raise CheckoutRefused and write nothing."""
    parts = basket_by_shop(basket=basket)
    _check_basket(basket, parts)
    shipping_total = sum(part.shipping_fee for part in parts)
    items_total = sum(part.items_total for part in parts)
    shipping = FixedPrice(Decimal(shipping_total), Decimal(shipping_total))
    shipping_charge = shipping.calculate(basket)
    total = Price(currency=basket.currency, excl_tax=Decimal(items_total + shipping_total))
    total.incl_tax = total.excl_tax
    try:
        with transaction.atomic():
            _check_still_for_sale(basket)
            order = OrderCreator().place_order(
                basket=basket,
                total=total,
                shipping_method=shipping,
                shipping_charge=shipping_charge,
                user=buyer if buyer is not None and buyer.is_authenticated else None,
                shipping_address=_shipping_address(delivery),
                status=OrderStatus.AWAITING_PAYMENT,
                request=request,
                guest_email=delivery.email if not (buyer and buyer.is_authenticated) else "",
                site=Site.objects.get_current(request),
            )
            _split_into_shop_orders(order, parts)
            payment_open(order=order, amount_due=items_total + shipping_total)
            basket.submit()
    except OutOfStock as refused:
        raise CheckoutRefused(str(refused)) from refused
    return order


def _split_into_shop_orders(order, parts: list[ShopPart]) -> None:
    for part in parts:
        shop_order = ShopOrder.objects.create(
            order=order,
            shop=part.shop,
            items_total=part.items_total,
            shipping_fee=part.shipping_fee,
        )
        SHOP_ORDER.log(shop_order, from_status="", to_status=ShopOrderStatus.AWAITING_PAYMENT, notify=False)
        order.lines.filter(partner_id=part.shop.partner_id).update(shop_order=shop_order)
