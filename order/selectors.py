"""Reads of shop orders: a shop's own, as its vendor sees them (her shop orders and her lines only),
and the buyer's link to her order."""

from contextlib import suppress

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.accounts.phones import looks_like_phone, normalize_vn_phone
from notifications.services import Recipient
from shops.models import Shop

from .models import ShopOrder, ShopOrderStatus

Line = get_model("order", "Line")


def buyer_order_path(order) -> str:
    """The buyer's page for her order, behind her signed link (Oscar's verification hash): the page
    checkout sends her to, where she pays (`payments:order`), and that every email to her links to."""
    return reverse("payments:order", kwargs={"token": order.verification_hash()})


def buyer_to_tell(order) -> Recipient:
    """The buyer: her account when she has one (her inbox), and the email and phone of her order,
    which reach her whether or not she signed in."""
    user = order.user
    address = order.shipping_address
    order_phone = str(address.phone_number or "") if address else ""
    if user is None:
        return Recipient(email=order.email or "", phone=order_phone)
    return Recipient(
        user_id=user.pk, email=order.email or user.email or "", phone=order_phone or user.phone or ""
    )


def shop_orders_of(*, shop: Shop, status: str = "", search: str = "") -> QuerySet[ShopOrder]:
    """Her shop orders, newest first, with the buyer's address and her own lines (never other shops').

    `search` finds an order by the number the buyer quotes (100210 or 100210-37), her phone or her name.
    """
    shop_orders = (
        ShopOrder.objects.filter(shop=shop)
        .select_related("order__shipping_address")
        .prefetch_related(Prefetch("lines", queryset=Line.objects.order_by("pk")))
        .order_by("-created_at", "-pk")
    )
    if status:
        shop_orders = shop_orders.filter(status=status)
    search = search.strip()
    if search:
        shop_orders = shop_orders.filter(_search_filter(search))
    return shop_orders


def _search_filter(search: str) -> Q:
    matches = Q(order__shipping_address__last_name__icontains=search)
    number = search.split("-", 1)[0]
    if number.isdigit():
        matches |= Q(order__number=number)
    if looks_like_phone(search):
        with suppress(ValidationError):  # not a whole phone number: the name and number matches stand
            matches |= Q(order__shipping_address__phone_number=normalize_vn_phone(search))
    return matches


def shop_order_counts(*, shop: Shop) -> dict[str, int]:
    """Status → number of her shop orders, every status present."""
    counts = dict(
        ShopOrder.objects.filter(shop=shop).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return {status: counts.get(status, 0) for status in ShopOrderStatus.values}


def shop_orders_to_handle(*, shop: Shop) -> int:
    """Paid orders she has not started on yet: the number the seller home shows."""
    return ShopOrder.objects.filter(shop=shop, status=ShopOrderStatus.PAID).count()


def shop_order_for_vendor(*, shop: Shop, pk: int) -> ShopOrder | None:
    """One of her shop orders with its lines and log, or None if it is not hers."""
    return shop_orders_of(shop=shop).prefetch_related("events__actor").filter(pk=pk).first()
