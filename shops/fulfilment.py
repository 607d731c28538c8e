"""The vendor's moves on her shop orders, and her shop's shipping fee.

paid → processing → shipped → delivered (shipping straight from paid is allowed; the carrier and
tracking number can be corrected while shipped), or cancelled by the shop before the parcel
leaves, when the buyer is owed her money back. Payment-driven moves (paid, cancelled unpaid,
reinstated) belong to order.services. Each move locks the shop order,
checks the person before saying anything about the order, then its status, logs an event and
emails the buyer once after commit.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from order.models import ShopOrder, ShopOrderEvent, ShopOrderStatus
from order.services import shop_order_consume_stock, shop_order_release
from payments.transitions import payment_lock, payment_refund_cancelled_part

from .models import Shop, ShopMembership

MAX_SHIPPING_FEE = 1_000_000  # a flat fee above a million đồng is a typo
MAX_FREE_SHIPPING_FROM = 1_000_000_000

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


class FulfilmentRefused(ValidationError):
    """A move that cannot happen now; the message says why, for the vendor."""


def _locked(shop_order_id: int, *, actor, allowed: tuple[str, ...], action: str) -> ShopOrder:
    shop_order = (
        ShopOrder.objects.select_for_update(of=("self",)).select_related("order").get(pk=shop_order_id)
    )
    if not ShopMembership.objects.filter(shop_id=shop_order.shop_id, user_id=actor.pk).exists():
        raise PermissionDenied(_("Bạn không phải thành viên của gian hàng này."))
    if shop_order.status not in allowed:
        raise FulfilmentRefused(
            _("Không thể %(action)s: đơn đang ở trạng thái “%(status)s”.")
            % {"action": action, "status": shop_order.get_status_display()}
        )
    return shop_order


def _move(shop_order: ShopOrder, *, to: str, actor, note: str = "") -> ShopOrderEvent:
    from .tasks import notify_shop_order_event

    event = ShopOrderEvent.objects.create(
        shop_order=shop_order, from_status=shop_order.status, to_status=to, actor=actor, note=note
    )
    shop_order.status = to
    shop_order.save()
    notify_shop_order_event.delay_on_commit(event.pk)
    return event


@transaction.atomic
def shop_order_start_processing(*, shop_order_id: int, actor) -> ShopOrderEvent:
    shop_order = _locked(shop_order_id, actor=actor, allowed=PROCESS_FROM, action=_("nhận chuẩn bị đơn"))
    return _move(shop_order, to=ShopOrderStatus.PROCESSING, actor=actor)


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
        raise FulfilmentRefused(errors)
    return carrier, tracking_number


def _shipment_note(carrier: str, tracking_number: str) -> str:
    return f"{carrier} · {tracking_number}" if tracking_number else carrier


@transaction.atomic
def shop_order_ship(*, shop_order_id: int, actor, carrier: str, tracking_number: str) -> ShopOrderEvent:
    """Hand the parcel to a carrier; a tracking number is required unless she delivers it herself."""
    shop_order = _locked(shop_order_id, actor=actor, allowed=SHIP_FROM, action=_("báo đã gửi hàng"))
    shop_order.carrier, shop_order.tracking_number = _checked_shipment(carrier, tracking_number)
    shop_order.shipped_at = timezone.now()
    shop_order_consume_stock(shop_order=shop_order)
    return _move(
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
    return _move(shop_order, to=ShopOrderStatus.SHIPPED, actor=actor, note=note)


@transaction.atomic
def shop_order_deliver(*, shop_order_id: int, actor) -> ShopOrderEvent:
    shop_order = _locked(shop_order_id, actor=actor, allowed=DELIVER_FROM, action=_("báo đã giao hàng"))
    shop_order.delivered_at = timezone.now()
    return _move(shop_order, to=ShopOrderStatus.DELIVERED, actor=actor)


@transaction.atomic
def shop_order_cancel(*, shop_order_id: int, actor, reason: str, details: str = "") -> ShopOrderEvent:
    """She cannot fulfil a paid order: its stock goes back on sale, the buyer is owed this shop's
    part (items and shipping) back, and the whole order is cancelled when no other shop is left."""
    order_id = ShopOrder.objects.values_list("order_id", flat=True).get(pk=shop_order_id)
    payment_lock(order_id=order_id)  # lock order: the payment before its shop orders
    shop_order = _locked(shop_order_id, actor=actor, allowed=CANCEL_FROM, action=_("huỷ đơn"))
    details = " ".join((details or "").split())
    if reason not in CancelReason.values:
        raise FulfilmentRefused({"reason": _("Hãy chọn lý do huỷ đơn.")})
    if reason == CancelReason.OTHER and not details:
        raise FulfilmentRefused({"details": _("Hãy viết vài chữ để người mua hiểu vì sao đơn bị huỷ.")})
    if len(details) > MAX_CANCEL_REASON:
        raise FulfilmentRefused({"details": _("Lý do dài quá 500 ký tự.")})
    with translation.override(settings.LANGUAGE_CODE):  # kept in the buyers' language, whatever hers
        label = str(CancelReason(reason).label)
    shop_order.cancel_reason = (
        details if reason == CancelReason.OTHER else " – ".join(filter(None, [label, details]))
    )
    shop_order.cancelled_at = timezone.now()
    nothing_left = shop_order_release(shop_order=shop_order)
    payment_refund_cancelled_part(
        order_id=order_id,
        amount=shop_order.total,
        actor=actor,
        note=_("Gian hàng %(shop)s huỷ phần đơn %(number)s: %(reason)s")
        % {"shop": shop_order.shop.name, "number": shop_order.number, "reason": shop_order.cancel_reason},
        nothing_left=nothing_left,
    )
    return _move(shop_order, to=ShopOrderStatus.CANCELLED, actor=actor, note=shop_order.cancel_reason)


@transaction.atomic
def shop_shipping_set(*, shop: Shop, actor, shipping_fee: int, free_shipping_from: int | None) -> Shop:
    """Her flat fee per shop order, and the items total from which shipping is free (None: never).

    Orders already placed keep the fee they were placed with.
    """
    shop = Shop.objects.select_for_update().get(pk=shop.pk)
    if not shop.members.filter(pk=actor.pk).exists():
        raise PermissionDenied(_("Bạn không phải thành viên của gian hàng này."))
    errors = {}
    if not 0 <= shipping_fee <= MAX_SHIPPING_FEE:
        errors["shipping_fee"] = _("Phí giao hàng phải từ 0 ₫ đến 1.000.000 ₫.")
    if free_shipping_from is not None and not 0 <= free_shipping_from <= MAX_FREE_SHIPPING_FROM:
        errors["free_shipping_from"] = _("Mức miễn phí giao hàng phải từ 0 ₫ đến 1.000.000.000 ₫.")
    if errors:
        raise ValidationError(errors)
    shop.shipping_fee = shipping_fee
    shop.free_shipping_from = free_shipping_from
    shop.save(update_fields=["shipping_fee", "free_shipping_from", "updated_at"])
    return shop
