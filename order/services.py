"""What a payment's fate does to an order (paid, cancelled, reinstated) and what a shop's moves do
to its stock (released when she cancels her part, consumed when she ships it).

Called only from payments.transitions and shops.fulfilment, inside the transaction that holds the
payment's or the shop order's row lock.
"""

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from oscar.core.loading import get_model

from .models import ShopOrder, ShopOrderEvent, ShopOrderStatus
from .utils import OutOfStock, allocate_stock

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


class OrderStatus:
    """Oscar's free-text Order.status, as the buyer's whole order stands."""

    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    CANCELLED = "cancelled"


def _move_shop_orders(order, *, from_status: str, to_status: str, note: str, actor=None) -> None:
    now = timezone.now()
    stamps = {ShopOrderStatus.PAID: "paid_at", ShopOrderStatus.CANCELLED: "cancelled_at"}
    for shop_order in ShopOrder.objects.select_for_update().filter(order=order, status=from_status):
        shop_order.status = to_status
        if to_status in stamps:
            setattr(shop_order, stamps[to_status], now)
        shop_order.cancel_reason = note if to_status == ShopOrderStatus.CANCELLED else ""
        shop_order.save()
        ShopOrderEvent.objects.create(
            shop_order=shop_order, from_status=from_status, to_status=to_status, note=note, actor=actor
        )


def order_mark_paid(*, order, actor=None) -> None:
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.PAID)
    _move_shop_orders(
        order,
        from_status=ShopOrderStatus.AWAITING_PAYMENT,
        to_status=ShopOrderStatus.PAID,
        note="",
        actor=actor,
    )


def _stock_lines(lines) -> list:
    """The lines whose stock is tracked, in stock record order (so that concurrent moves never
    lock the same rows in opposite orders)."""
    tracked = [
        line
        for line in lines.select_related("stockrecord", "product__product_class", "product__parent")
        if line.stockrecord_id and line.product_id and line.product.get_product_class().track_stock
    ]
    return sorted(tracked, key=lambda line: line.stockrecord_id)


def _release_stock(lines) -> None:
    for line in _stock_lines(lines):
        line.stockrecord.cancel_allocation(line.quantity)


def order_cancel_unpaid(*, order, note: str) -> None:
    """The payment expired or staff cancelled it: release the reserved stock, cancel every shop order."""
    _release_stock(order.lines)
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.CANCELLED)
    _move_shop_orders(
        order, from_status=ShopOrderStatus.AWAITING_PAYMENT, to_status=ShopOrderStatus.CANCELLED, note=note
    )


def order_reinstate(*, order, note: str) -> bool:
    """Money came for a cancelled order: reserve its stock again if every line still can be."""
    try:
        with transaction.atomic():
            for line in _stock_lines(order.lines):
                allocate_stock(stockrecord=line.stockrecord, quantity=line.quantity, title=line.title)
    except OutOfStock:
        return False
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.AWAITING_PAYMENT)
    _move_shop_orders(
        order, from_status=ShopOrderStatus.CANCELLED, to_status=ShopOrderStatus.AWAITING_PAYMENT, note=note
    )
    return True


def shop_order_release(*, shop_order: ShopOrder) -> bool:
    """Its shop cancelled a paid part of the order: its reserved stock goes back on sale.

    Returns whether nothing of the order is left, in which case the whole order is cancelled.
    """
    _release_stock(shop_order.lines)
    nothing_left = not (
        ShopOrder.objects.filter(order_id=shop_order.order_id)
        .exclude(pk=shop_order.pk)
        .exclude(status=ShopOrderStatus.CANCELLED)
        .exists()
    )
    if nothing_left:
        Order.objects.filter(pk=shop_order.order_id).update(status=OrderStatus.CANCELLED)
    return nothing_left


def shop_order_consume_stock(*, shop_order: ShopOrder) -> None:
    """The parcel left the shop: its reserved units leave the stock (Oscar's consume_allocation),
    so that the count she edits stays the count on her shelf."""
    for line in _stock_lines(shop_order.lines):
        # Oscar's consume_allocation refuses when she lowered her stock below what was reserved
        # meanwhile; a parcel that left must never be blocked by that, so take what is there.
        StockRecord.objects.filter(pk=line.stockrecord_id).update(
            num_allocated=Coalesce(F("num_allocated"), 0)
            - Least(Coalesce(F("num_allocated"), 0), line.quantity),
            num_in_stock=Greatest(Coalesce(F("num_in_stock"), 0) - line.quantity, 0),
        )
        line.stockrecord.refresh_from_db(fields=["num_allocated", "num_in_stock"])
        line.stockrecord.post_save_signal()  # as Oscar's does: caches hear of the change
