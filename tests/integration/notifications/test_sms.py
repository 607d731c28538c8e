"""Text messages through eSMS.vn, checked by a local eSMS that reads each request as its API says."""

import pytest

from notifications.channels import sms_text
from notifications.models import Notification
from notifications.services import announce, deliver
from notifications.tasks import deliver_unfinished
from payments.notifications import notify_payment_event
from tests.factories import ProductFactory, ShopFactory, UserFactory
from tests.factories.money import paid_order


def a_notification(headline: str, **fields) -> Notification:
    return Notification(short_code="Ab3dE9xYz1", headline=headline, **fields)


def test_a_message_is_the_headline_and_a_short_link_in_one_unaccented_sms(settings):
    settings.SITE_URL = "https://chosen.vn"
    notification = a_notification("Đơn mới 100210 – 2 sản phẩm, 338.000 ₫")

    assert (
        sms_text(notification, unicode=False)
        == "Cho Sen: Don moi 100210 - 2 san pham, 338.000 d https://chosen.vn/n/Ab3dE9xYz1"
    )
    assert (
        sms_text(notification, unicode=True)
        == "Chợ Sen: Đơn mới 100210 – 2 sản phẩm, 338.000 ₫ https://chosen.vn/n/Ab3dE9xYz1"
    )


@pytest.mark.parametrize(("unicode", "limit"), [(False, 160), (True, 134)])
def test_a_long_headline_is_cut_never_the_link(settings, unicode, limit):
    settings.SITE_URL = "https://chosen.vn"
    text = sms_text(
        a_notification("Hồ sơ gian hàng “" + "Hợp tác xã " * 20 + "” cần bổ sung"), unicode=unicode
    )

    assert len(text) == limit
    assert text.endswith(("... ", "… ")[unicode] + "https://chosen.vn/n/Ab3dE9xYz1")


@pytest.mark.django_db
def test_a_vendor_with_only_a_phone_hears_of_a_paid_order_by_sms_once(sms_gateway, settings):
    settings.SITE_URL = "https://chosen.vn"
    vendor = UserFactory(email=None, phone="+84912000111")
    shop = ShopFactory(owner=vendor, shipping_fee=20_000)
    shop_order = paid_order(shop, price=159_000, quantity=2)
    event = shop_order.order.payment.events.get(to_status="paid")

    notify_payment_event(event_id=event.pk)
    notify_payment_event(event_id=event.pk)
    deliver_unfinished()

    [message] = [m for m in sms_gateway.messages if m["Phone"] == "0912000111"]
    [notification] = Notification.objects.filter(user=vendor)
    assert message["Content"] == (
        f"Cho Sen: Don moi {shop_order.number} - 2 san pham, 338.000 d https://chosen.vn/n/{notification.short_code}"
    )
    assert (message["IsUnicode"], message["Brandname"], message["Sandbox"]) == ("0", "CHOSEN", "0")
    delivery = notification.deliveries.get(channel="sms")
    assert delivery.status == "sent" and message["RequestId"] == f"chosen-{delivery.pk}"


@pytest.mark.django_db
def test_accented_messages_when_staff_choose_them(sms_gateway, settings):
    settings.SMS_UNACCENTED = False
    [notification] = announce(an_order_shipped_announcement())

    deliver(notification_id=notification.pk)

    [message] = sms_gateway.messages
    assert message["IsUnicode"] == "1" and "Chợ Sen" in message["Content"]


def an_order_shipped_announcement():
    from notifications.services import Announcement, Recipient

    product = ProductFactory()
    return Announcement(
        source="test:1",
        topic="my_orders",
        template="order/emails/shop_order_delivered",
        path="/",
        recipients=[Recipient(phone="+84912345678")],
        context={"shop_order": {"number": "100210-1", "shop": product.shop}, "order": {"number": "100210"}},
    )


@pytest.mark.django_db
def test_a_refusal_is_logged_with_esms_code_and_not_retried(sms_gateway, settings, time_machine):
    time_machine.move_to("2026-12-01 10:00")
    settings.ESMS_BRANDNAME = "SAI"
    [notification] = announce(an_order_shipped_announcement())

    deliver(notification_id=notification.pk)
    time_machine.shift(600)
    deliver_unfinished()

    delivery = notification.deliveries.get(channel="sms")
    assert delivery.status == "failed" and delivery.detail.startswith("eSMS 104")
    assert delivery.attempts == 5  # final: the sweep leaves it


@pytest.mark.django_db
def test_a_gateway_that_is_down_is_tried_again_later(sms_gateway, time_machine):
    time_machine.move_to("2026-12-01 10:00")
    sms_gateway.http_status = 503
    [notification] = announce(an_order_shipped_announcement())

    deliver(notification_id=notification.pk)
    delivery = notification.deliveries.get(channel="sms")
    assert (delivery.status, delivery.attempts, delivery.detail) == ("failed", 1, "eSMS: HTTPError")

    sms_gateway.http_status = 200
    time_machine.shift(120)
    deliver_unfinished()

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert len(sms_gateway.messages) == 1
