"""Every move of a shop order, whoever makes it.

A shop order goes awaiting payment → paid → processing → shipped → delivered, or cancelled:
- the payment moves it (payments.transitions calls these with the payment row locked): paid,
  cancelled unpaid with its stock released, reinstated when a late transfer brings it back;
- its vendor moves it: processing, shipped (carrier and tracking number, which she may correct while
  the parcel travels; shipping straight from paid is allowed), delivered, or cancelled before the
  parcel leaves (payments.transitions.payment_cancel_shop_order, which owes the buyer her money).

Each vendor move locks the shop order, checks the person before saying anything about the order,
then its status, logs an event and emails the buyer once after commit. Payment-driven moves are
logged too, and the buyer hears of them by the payment's email instead.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from marketplace.lifecycle import Lifecycle, TransitionRefused
from shops.models import ShopMembership

from .models import OrderStatus, ShopOrder, ShopOrderEvent, ShopOrderStatus
from .utils import OutOfStock, allocate_stock

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

SHOP_ORDER = Lifecycle(
    model=ShopOrder,
    event_model=ShopOrderEvent,
    refusal=gettext_lazy("Không thể %(action)s: đơn đang ở trạng thái “%(status)s”."),
    notify_task="order.tasks.notify_shop_order_event",
)

# The statuses each vendor move starts from; pages offer a move only where it can succeed.
PROCESS_FROM = (ShopOrderStatus.PAID,)
SHIP_FROM = (ShopOrderStatus.PAID, ShopOrderStatus.PROCESSING)
DELIVER_FROM = (ShopOrderStatus.SHIPPED,)
CORRECT_FROM = (ShopOrderStatus.SHIPPED,)
CANCEL_FROM = (ShopOrderStatus.PAID, ShopOrderStatus.PROCESSING)
MAX_CANCEL_REASON = 500


class CancelReason(models.TextChoices):
    """Why a shop cancels; the buyer reads the label, followed by the shop's own words if any."""

    OUT_OF_STOCK = "out_of_stock", gettext_lazy("Hết hàng")
    CANNOT_DELIVER = "cannot_deliver", gettext_lazy("Không giao được đến địa chỉ này")
    BUYER_ASKED = "buyer_asked", gettext_lazy("Người mua yêu cầu huỷ")
    OTHER = "other", gettext_lazy("Lý do khác")


class Carrier(models.TextChoices):
    """Common carriers in Vietnam; the stored value is the name buyers know, shown as is."""

    GHN = "GHN", "Giao Hàng Nhanh (GHN)"
    GHTK = "GHTK", "Giao Hàng Tiết Kiệm (GHTK)"
    VIETTEL_POST = "Viettel Post", "Viettel Post"
    VNPOST = "VNPost", "VNPost (Bưu điện)"
    JT = "J&T Express", "J&T Express"
    NINJA_VAN = "Ninja Van", "Ninja Van"
    BEST = "Best Express", "Best Express"
    SPX = "SPX Express", "SPX Express"
    SELF = "Tự giao", gettext_lazy("Tự giao (gian hàng tự mang đến)")


# Stock. Lines are always taken in stock record order, so that concurrent moves never lock the
# same rows in opposite orders.


def _stock_lines(lines) -> list:
    """The lines whose stock is tracked, in stock record order."""
    tracked = [
        line
        for line in lines.select_related("stockrecord", "product__product_class", "product__parent")
        if line.stockrecord_id and line.product_id and line.product.get_product_class().track_stock
    ]
    return sorted(tracked, key=lambda line: line.stockrecord_id)


def _release_stock(lines) -> None:
    for line in _stock_lines(lines):
        line.stockrecord.cancel_allocation(line.quantity)


def _consume_stock(lines) -> None:
    """The parcel left the shop: its reserved units leave the stock (Oscar's consume_allocation),
    so that the count she edits stays the count on her shelf."""
    for line in _stock_lines(lines):
        # Oscar's consume_allocation refuses when she lowered her stock below what was reserved
        # meanwhile; a parcel that left must never be blocked by that, so take what is there.
        StockRecord.objects.filter(pk=line.stockrecord_id).update(
            num_allocated=Coalesce(F("num_allocated"), 0)
            - Least(Coalesce(F("num_allocated"), 0), line.quantity),
            num_in_stock=Greatest(Coalesce(F("num_in_stock"), 0) - line.quantity, 0),
        )
        line.stockrecord.refresh_from_db(fields=["num_allocated", "num_in_stock"])
        line.stockrecord.post_save_signal()  # as Oscar's does: caches hear of the change


# Moves made by the payment, inside the transaction that holds the payment's row lock.


def _move_shop_orders(
    order, *, from_status: str, to_status: str, note: str, actor=None, paid_by: str = ""
) -> None:
    now = timezone.now()
    stamps = {ShopOrderStatus.PAID: "paid_at", ShopOrderStatus.CANCELLED: "cancelled_at"}
    for shop_order in ShopOrder.objects.select_for_update().filter(order=order, status=from_status):
        if to_status in stamps:
            setattr(shop_order, stamps[to_status], now)
        if to_status == ShopOrderStatus.PAID:
            shop_order.paid_by = paid_by
        shop_order.cancel_reason = note if to_status == ShopOrderStatus.CANCELLED else ""
        SHOP_ORDER.move(shop_order, to=to_status, note=note, actor=actor, notify=False)


def order_mark_paid(*, order, actor=None, paid_by: str = "") -> None:
    """The payment is complete; `paid_by` (a bank feed, a card or staff by hand) is kept on each shop
    order, where the Union's reports count the cashless share without reading the payments."""
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.PAID)
    _move_shop_orders(
        order,
        from_status=ShopOrderStatus.AWAITING_PAYMENT,
        to_status=ShopOrderStatus.PAID,
        note="",
        actor=actor,
        paid_by=paid_by,
    )


def order_cancel_unpaid(*, order, note: str) -> None:
    """The payment expired or was cancelled: release the reserved stock, cancel every shop order."""
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


# Moves made by the shop's members.


def _locked(shop_order_id: int, *, actor, allowed: tuple[str, ...], action: str) -> ShopOrder:
    def authorize(shop_order: ShopOrder) -> None:
        if not ShopMembership.objects.filter(shop_id=shop_order.shop_id, user_id=actor.pk).exists():
            raise PermissionDenied(_("Bạn không phải thành viên của gian hàng này."))

    return SHOP_ORDER.lock(
        shop_order_id,
        allowed=allowed,
        action=action,
        authorize=authorize,
        queryset=ShopOrder.objects.select_related("order"),
    )


@transaction.atomic
def shop_order_start_processing(*, shop_order_id: int, actor) -> ShopOrderEvent:
    shop_order = _locked(shop_order_id, actor=actor, allowed=PROCESS_FROM, action=_("nhận chuẩn bị đơn"))
    return SHOP_ORDER.move(shop_order, to=ShopOrderStatus.PROCESSING, actor=actor)


def _checked_shipment(carrier: str, tracking_number: str) -> tuple[str, str]:
    """The carrier and the tracking number as stored (upper case, single spaces), or why not."""
    tracking_number = " ".join((tracking_number or "").split()).upper()
    errors = {}
    if carrier not in Carrier.values:
        errors["carrier"] = _("Hãy chọn đơn vị vận chuyển.")
    elif carrier != Carrier.SELF and not tracking_number:
        errors["tracking_number"] = _("Hãy nhập mã vận đơn để người mua theo dõi được đơn hàng.")
    if len(tracking_number) > ShopOrder._meta.get_field("tracking_number").max_length:
        errors["tracking_number"] = _("Mã vận đơn dài quá 60 ký tự.")
    if errors:
        raise TransitionRefused(errors)
    return carrier, tracking_number


def _shipment_note(carrier: str, tracking_number: str) -> str:
    return f"{carrier} · {tracking_number}" if tracking_number else carrier


@transaction.atomic
def shop_order_ship(*, shop_order_id: int, actor, carrier: str, tracking_number: str) -> ShopOrderEvent:
    """Hand the parcel to a carrier; a tracking number is required unless she delivers it herself."""
    shop_order = _locked(shop_order_id, actor=actor, allowed=SHIP_FROM, action=_("báo đã gửi hàng"))
    shop_order.carrier, shop_order.tracking_number = _checked_shipment(carrier, tracking_number)
    shop_order.shipped_at = timezone.now()
    _consume_stock(shop_order.lines)
    return SHOP_ORDER.move(
        shop_order,
        to=ShopOrderStatus.SHIPPED,
        actor=actor,
        note=_shipment_note(shop_order.carrier, shop_order.tracking_number),
    )


@transaction.atomic
def shop_order_correct_shipment(
    *, shop_order_id: int, actor, carrier: str, tracking_number: str
) -> ShopOrderEvent | None:
    """A mistyped tracking number or carrier, fixed while the parcel travels; logged with the old
    value, and the buyer gets the new one. None when nothing changed."""
    shop_order = _locked(shop_order_id, actor=actor, allowed=CORRECT_FROM, action=_("sửa mã vận đơn"))
    before = _shipment_note(shop_order.carrier, shop_order.tracking_number)
    shop_order.carrier, shop_order.tracking_number = _checked_shipment(carrier, tracking_number)
    after = _shipment_note(shop_order.carrier, shop_order.tracking_number)
    if after == before:
        return None
    note = _("Sửa thông tin gửi hàng: %(before)s → %(after)s") % {"before": before, "after": after}
    return SHOP_ORDER.move(shop_order, to=ShopOrderStatus.SHIPPED, actor=actor, note=note)


@transaction.atomic
def shop_order_deliver(*, shop_order_id: int, actor) -> ShopOrderEvent:
    shop_order = _locked(shop_order_id, actor=actor, allowed=DELIVER_FROM, action=_("báo đã giao hàng"))
    shop_order.delivered_at = timezone.now()
    return SHOP_ORDER.move(shop_order, to=ShopOrderStatus.DELIVERED, actor=actor)


def _cancel_reason(reason: str, details: str) -> str:
    """What the buyer reads: the reason's label and her words, kept in the buyers' language."""
    details = " ".join((details or "").split())
    if reason not in CancelReason.values:
        raise TransitionRefused({"reason": _("Hãy chọn lý do huỷ đơn.")})
    if reason == CancelReason.OTHER and not details:
        raise TransitionRefused({"details": _("Hãy viết vài chữ để người mua hiểu vì sao đơn bị huỷ.")})
    if len(details) > MAX_CANCEL_REASON:
        raise TransitionRefused({"details": _("Lý do dài quá 500 ký tự.")})
    if reason == CancelReason.OTHER:
        return details
    with translation.override(settings.LANGUAGE_CODE):
        label = str(CancelReason(reason).label)
    return " – ".join(filter(None, [label, details]))


def shop_order_cancel(
    *, shop_order_id: int, actor, reason: str, details: str = ""
) -> tuple[ShopOrderEvent, bool]:
    """She cannot fulfil a paid order: its stock goes back on sale. Returns the event and whether
    nothing of the order is left, in which case the whole order is cancelled.

    Only payments.transitions.payment_cancel_shop_order calls this, with the order's payment
    locked first (the lock order every change that reaches a shop order keeps), since the buyer is
    owed this shop's part back.
    """
    shop_order = _locked(shop_order_id, actor=actor, allowed=CANCEL_FROM, action=_("huỷ đơn"))
    shop_order.cancel_reason = _cancel_reason(reason, details)
    shop_order.cancelled_at = timezone.now()
    _release_stock(shop_order.lines)
    nothing_left = not (
        ShopOrder.objects.filter(order_id=shop_order.order_id)
        .exclude(pk=shop_order.pk)
        .exclude(status=ShopOrderStatus.CANCELLED)
        .exists()
    )
    if nothing_left:
        Order.objects.filter(pk=shop_order.order_id).update(status=OrderStatus.CANCELLED)
    event = SHOP_ORDER.move(
        shop_order, to=ShopOrderStatus.CANCELLED, actor=actor, note=shop_order.cancel_reason
    )
    return event, nothing_left
