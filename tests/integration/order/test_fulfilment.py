"""Every vendor move on a shop order, every refusal, the log, the buyer's email, and shipping fees."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from order import transitions as fulfilment
from order.models import ShopOrder, ShopOrderStatus
from order.notifications import notify_shop_order_event
from payments.transitions import payment_confirm_by_hand
from shops.services import shop_shipping_set
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_order

pytestmark = pytest.mark.django_db


def a_paid_shop_order(*, shop=None, buyer=None, **delivery) -> ShopOrder:
    """One shop's part of an order the buyer has paid (confirmed by hand by union staff)."""
    product = ProductFactory(shop=shop or ShopFactory(), stock__price=120_000)
    order = an_order((product, 2), buyer=buyer, **delivery)
    payment_confirm_by_hand(
        payment_id=order.payment.pk, actor=UserFactory(is_staff=True), note="Sao kê VCB 23/11"
    )
    return order.shop_orders.get()


def log_of(shop_order: ShopOrder) -> list[tuple[str, str]]:
    return list(shop_order.events.order_by("pk").values_list("from_status", "to_status"))


def test_a_paid_order_goes_through_processing_shipped_and_delivered_with_who_and_when():
    shop_order = a_paid_shop_order()
    vendor = shop_order.shop.members.get()

    fulfilment.shop_order_start_processing(shop_order_id=shop_order.pk, actor=vendor)
    fulfilment.shop_order_ship(
        shop_order_id=shop_order.pk, actor=vendor, carrier="GHN", tracking_number=" gy 7x 12ab "
    )
    fulfilment.shop_order_deliver(shop_order_id=shop_order.pk, actor=vendor)

    shop_order.refresh_from_db()
    assert shop_order.status == ShopOrderStatus.DELIVERED
    assert (shop_order.carrier, shop_order.tracking_number) == ("GHN", "GY 7X 12AB")
    assert shop_order.paid_at < shop_order.shipped_at < shop_order.delivered_at
    assert log_of(shop_order)[-3:] == [
        ("paid", "processing"),
        ("processing", "shipped"),
        ("shipped", "delivered"),
    ]
    moves = list(shop_order.events.order_by("pk"))[-3:]
    assert {event.actor for event in moves} == {vendor}
    assert moves[1].note == "GHN · GY 7X 12AB"


def test_she_may_ship_straight_from_paid_and_deliver_herself_without_a_tracking_number():
    shop_order = a_paid_shop_order()
    vendor = shop_order.shop.members.get()

    fulfilment.shop_order_ship(
        shop_order_id=shop_order.pk, actor=vendor, carrier=fulfilment.Carrier.SELF, tracking_number=""
    )

    shop_order.refresh_from_db()
    assert (shop_order.status, shop_order.carrier, shop_order.tracking_number) == ("shipped", "Tự giao", "")
    assert log_of(shop_order)[-1] == ("paid", "shipped")


@pytest.mark.parametrize(
    ("carrier", "tracking_number", "field", "message"),
    [
        ("GHTK", "  ", "tracking_number", "Hãy nhập mã vận đơn để người mua theo dõi được đơn hàng."),
        ("Bưu cục ma", "123", "carrier", "Hãy chọn đơn vị vận chuyển."),
        ("", "123", "carrier", "Hãy chọn đơn vị vận chuyển."),
        ("GHN", "9" * 61, "tracking_number", "Mã vận đơn dài quá 60 ký tự."),
    ],
)
def test_shipping_needs_a_known_carrier_and_a_tracking_number(carrier, tracking_number, field, message):
    shop_order = a_paid_shop_order()

    with pytest.raises(fulfilment.TransitionRefused) as refused:
        fulfilment.shop_order_ship(
            shop_order_id=shop_order.pk,
            actor=shop_order.shop.members.get(),
            carrier=carrier,
            tracking_number=tracking_number,
        )

    assert refused.value.message_dict == {field: [message]}
    shop_order.refresh_from_db()
    assert (shop_order.status, shop_order.carrier, shop_order.shipped_at) == ("paid", "", None)


@pytest.mark.parametrize(
    ("status", "move", "message"),
    [
        (
            "awaiting_payment",
            "process",
            "Không thể nhận chuẩn bị đơn: đơn đang ở trạng thái “Chờ thanh toán”.",
        ),
        ("awaiting_payment", "ship", "Không thể báo đã gửi hàng: đơn đang ở trạng thái “Chờ thanh toán”."),
        ("paid", "deliver", "Không thể báo đã giao hàng: đơn đang ở trạng thái “Đã thanh toán”."),
        ("processing", "process", "Không thể nhận chuẩn bị đơn: đơn đang ở trạng thái “Đang chuẩn bị”."),
        ("shipped", "ship", "Không thể báo đã gửi hàng: đơn đang ở trạng thái “Đang giao”."),
        ("delivered", "deliver", "Không thể báo đã giao hàng: đơn đang ở trạng thái “Đã giao”."),
        ("cancelled", "ship", "Không thể báo đã gửi hàng: đơn đang ở trạng thái “Đã huỷ”."),
    ],
)
def test_a_move_from_the_wrong_status_is_refused_and_changes_nothing(status, move, message):
    shop_order = an_order((ProductFactory(), 1)).shop_orders.get()
    ShopOrder.objects.filter(pk=shop_order.pk).update(status=status)
    vendor = shop_order.shop.members.get()
    events_before = shop_order.events.count()

    with pytest.raises(fulfilment.TransitionRefused) as refused:
        make_move(move, shop_order, vendor)

    assert refused.value.messages == [message]
    shop_order.refresh_from_db()
    assert shop_order.status == status and shop_order.events.count() == events_before


def make_move(move: str, shop_order: ShopOrder, actor):
    if move == "process":
        return fulfilment.shop_order_start_processing(shop_order_id=shop_order.pk, actor=actor)
    if move == "ship":
        return fulfilment.shop_order_ship(
            shop_order_id=shop_order.pk, actor=actor, carrier="GHN", tracking_number="GHN123"
        )
    return fulfilment.shop_order_deliver(shop_order_id=shop_order.pk, actor=actor)


@pytest.mark.parametrize("move", ["process", "ship", "deliver"])
@pytest.mark.parametrize("who", ["other_vendor", "buyer", "staff"])
def test_only_a_member_of_the_shop_moves_its_orders(move, who):
    shop_order = a_paid_shop_order()
    if move == "deliver":
        ShopOrder.objects.filter(pk=shop_order.pk).update(status=ShopOrderStatus.SHIPPED)
    people = {
        "other_vendor": ShopFactory().members.get(),
        "buyer": UserFactory(),
        "staff": UserFactory(is_staff=True),
    }
    status_before = ShopOrder.objects.get(pk=shop_order.pk).status

    with pytest.raises(PermissionDenied, match="Bạn không phải thành viên của gian hàng này."):
        make_move(move, shop_order, people[who])

    assert ShopOrder.objects.get(pk=shop_order.pk).status == status_before


def test_a_helper_of_the_shop_moves_its_orders_too():
    shop_order = a_paid_shop_order()
    helper = UserFactory()
    shop_order.shop.memberships.create(user=helper)

    event = fulfilment.shop_order_start_processing(shop_order_id=shop_order.pk, actor=helper)

    assert event.actor == helper


def test_each_shop_of_a_shared_order_moves_only_its_own_part():
    tea, honey = ProductFactory(), ProductFactory()
    order = an_order((tea, 1), (honey, 1))
    payment_confirm_by_hand(payment_id=order.payment.pk, actor=UserFactory(is_staff=True), note="Đã nhận")
    tea_part = order.shop_orders.get(shop=tea.shop)

    fulfilment.shop_order_ship(
        shop_order_id=tea_part.pk, actor=tea.shop.members.get(), carrier="SPX Express", tracking_number="SPX1"
    )
    with pytest.raises(PermissionDenied):
        fulfilment.shop_order_deliver(shop_order_id=tea_part.pk, actor=honey.shop.members.get())

    statuses = dict(order.shop_orders.values_list("shop", "status"))
    assert statuses == {tea.shop.pk: "shipped", honey.shop.pk: "paid"}


@pytest.mark.parametrize(
    ("move", "subject", "in_body"),
    [
        ("process", "[Chợ Sen] Gian hàng “HTX Mắm & Muối” đang chuẩn bị đơn", "đang chuẩn bị hàng"),
        ("ship", "[Chợ Sen] Đơn {number} đã được gửi đi", "Mã vận đơn: GHN123"),
        ("deliver", "[Chợ Sen] Đơn {number} đã giao thành công", "đã giao thành công"),
    ],
)
def test_each_move_emails_the_buyer_once_with_a_link_to_her_order(settings, move, subject, in_body):
    settings.SITE_URL = "https://chosen.vn"
    shop_order = a_paid_shop_order(shop=ShopFactory(name="HTX Mắm & Muối"), email="mai@example.vn")
    vendor = shop_order.shop.members.get()
    if move == "deliver":
        make_move("ship", shop_order, vendor)
    event = make_move(move, shop_order, vendor)
    mail.outbox.clear()

    first, second = notify_shop_order_event(event_id=event.pk), notify_shop_order_event(event_id=event.pk)

    assert (first, second) == (1, 0)
    [email] = mail.outbox
    assert email.to == ["mai@example.vn"]
    assert email.subject.startswith(subject.format(number=shop_order.number))
    assert in_body in email.body and "&amp;" not in email.body
    assert f"https://chosen.vn/pay/{shop_order.order.verification_hash()}/" in email.body
    event.refresh_from_db()
    assert event.notified_at is not None


def test_the_shipped_email_names_the_lines_of_that_shop_only():
    tea, honey = ProductFactory(title="Trà Tân Cương"), ProductFactory(title="Mật ong bạc hà")
    order = an_order((tea, 2), (honey, 1))
    payment_confirm_by_hand(payment_id=order.payment.pk, actor=UserFactory(is_staff=True), note="Đã nhận")
    event = fulfilment.shop_order_ship(
        shop_order_id=order.shop_orders.get(shop=tea.shop).pk,
        actor=tea.shop.members.get(),
        carrier="Tự giao",
        tracking_number="",
    )
    mail.outbox.clear()

    notify_shop_order_event(event_id=event.pk)

    [email] = mail.outbox
    assert "Trà Tân Cương × 2" in email.body and "Mật ong" not in email.body
    assert "Gian hàng tự mang hàng đến cho bạn." in email.body


def test_a_buyer_without_an_email_gets_nothing_and_the_event_is_still_settled():
    shop_order = a_paid_shop_order(buyer=UserFactory(email=None))
    event = fulfilment.shop_order_start_processing(
        shop_order_id=shop_order.pk, actor=shop_order.shop.members.get()
    )
    mail.outbox.clear()

    assert notify_shop_order_event(event_id=event.pk) == 0

    assert not mail.outbox
    event.refresh_from_db()
    assert event.notified_at is not None


def test_the_email_is_queued_only_when_the_move_is_committed(django_capture_on_commit_callbacks):
    shop_order = a_paid_shop_order()

    with django_capture_on_commit_callbacks(execute=False) as queued:
        fulfilment.shop_order_start_processing(
            shop_order_id=shop_order.pk, actor=shop_order.shop.members.get()
        )

    assert len(queued) == 1


def test_she_sets_her_flat_fee_and_free_shipping_threshold_and_new_orders_use_them():
    shop = ShopFactory(shipping_fee=30_000)
    placed_before = an_order((ProductFactory(shop=shop, stock__price=200_000), 1)).shop_orders.get()

    shop_shipping_set(shop=shop, actor=shop.members.get(), shipping_fee=25_000, free_shipping_from=300_000)

    small = an_order((ProductFactory(shop=shop, stock__price=200_000), 1)).shop_orders.get()
    large = an_order((ProductFactory(shop=shop, stock__price=150_000), 2)).shop_orders.get()
    assert (placed_before.shipping_fee, small.shipping_fee, large.shipping_fee) == (30_000, 25_000, 0)
    shop_shipping_set(shop=shop, actor=shop.members.get(), shipping_fee=0, free_shipping_from=None)
    shop.refresh_from_db()
    assert (shop.shipping_fee, shop.free_shipping_from) == (0, None)


@pytest.mark.parametrize(
    ("fee", "threshold", "field"),
    [(-1, None, "shipping_fee"), (1_000_001, None, "shipping_fee"), (30_000, -5, "free_shipping_from")],
)
def test_shipping_fees_out_of_range_are_refused(fee, threshold, field):
    shop = ShopFactory(shipping_fee=30_000)

    with pytest.raises(ValidationError) as refused:
        shop_shipping_set(shop=shop, actor=shop.members.get(), shipping_fee=fee, free_shipping_from=threshold)

    assert list(refused.value.message_dict) == [field]
    shop.refresh_from_db()
    assert shop.shipping_fee == 30_000


def test_only_her_own_shops_fee_can_be_set():
    shop = ShopFactory(shipping_fee=30_000)

    with pytest.raises(PermissionDenied):
        shop_shipping_set(
            shop=shop, actor=ShopFactory().members.get(), shipping_fee=0, free_shipping_from=None
        )

    shop.refresh_from_db()
    assert shop.shipping_fee == 30_000


def test_a_mistyped_tracking_number_is_corrected_logged_and_the_buyer_gets_the_new_one():
    shop_order = a_paid_shop_order(email="mai@example.vn")
    vendor = shop_order.shop.members.get()
    with pytest.raises(fulfilment.TransitionRefused, match="sửa mã vận đơn"):
        fulfilment.shop_order_correct_shipment(
            shop_order_id=shop_order.pk, actor=vendor, carrier="GHN", tracking_number="X"
        )
    fulfilment.shop_order_ship(
        shop_order_id=shop_order.pk, actor=vendor, carrier="GHN", tracking_number="GY1"
    )
    with pytest.raises(PermissionDenied):
        fulfilment.shop_order_correct_shipment(
            shop_order_id=shop_order.pk, actor=UserFactory(), carrier="GHN", tracking_number="GY2"
        )
    with pytest.raises(fulfilment.TransitionRefused):
        fulfilment.shop_order_correct_shipment(
            shop_order_id=shop_order.pk, actor=vendor, carrier="GHTK", tracking_number=" "
        )
    assert (
        fulfilment.shop_order_correct_shipment(
            shop_order_id=shop_order.pk, actor=vendor, carrier="GHN", tracking_number=" gy1 "
        )
        is None
    )

    event = fulfilment.shop_order_correct_shipment(
        shop_order_id=shop_order.pk, actor=vendor, carrier="GHTK", tracking_number="s99.hn"
    )

    shop_order.refresh_from_db()
    assert (shop_order.status, shop_order.carrier, shop_order.tracking_number) == (
        "shipped",
        "GHTK",
        "S99.HN",
    )
    assert (event.from_status, event.to_status, event.actor) == ("shipped", "shipped", vendor)
    assert event.note == "Sửa thông tin gửi hàng: GHN · GY1 → GHTK · S99.HN"
    mail.outbox.clear()
    notify_shop_order_event(event_id=event.pk)
    (message,) = mail.outbox
    assert message.subject == f"[Chợ Sen] Mã vận đơn mới cho đơn {shop_order.number}"
    assert "S99.HN" in message.body and "đã sửa thông tin gửi hàng" in message.body
