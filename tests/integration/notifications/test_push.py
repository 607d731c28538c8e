"""Web Push end to end: signed with our VAPID key, encrypted for the browser, read back by a local
push service that checks the signature and decrypts the message as the phone would."""

import pytest
from py_vapid import Vapid

from notifications import push, services
from notifications.models import Notification, PushSubscription
from notifications.tasks import deliver_unfinished
from payments.notifications import notify_payment_event
from tests.factories import ShopFactory, UserFactory
from tests.factories.money import paid_order
from tests.fakes.push_service import FakePushService


@pytest.fixture
def push_service(settings, tmp_path):
    key = Vapid()
    key.generate_keys()
    settings.WEBPUSH_VAPID_PRIVATE_KEY = key.private_pem().decode()
    settings.WEBPUSH_CONTACT = "mailto:hotro@chosen.vn"
    with FakePushService() as service:
        yield service
    assert service.problems == []


def subscribe(service: FakePushService, user):
    browser = service.subscribe()
    services.subscribe_push(
        user_id=user.pk, endpoint=browser.endpoint, p256dh=browser.p256dh, auth=browser.auth
    )
    return browser


@pytest.mark.django_db
def test_a_paid_order_reaches_each_of_the_vendors_phones_once(push_service, settings):
    settings.SITE_URL = "https://chosen.vn"
    vendor = UserFactory(email=None)
    phone, tablet = subscribe(push_service, vendor), subscribe(push_service, vendor)
    shop_order = paid_order(ShopFactory(owner=vendor, shipping_fee=20_000), price=159_000, quantity=2)
    event = shop_order.order.payment.events.get(to_status="paid")

    notify_payment_event(event_id=event.pk)
    notify_payment_event(event_id=event.pk)
    deliver_unfinished()

    [notification] = Notification.objects.filter(user=vendor)
    assert sorted(m["endpoint"] for m in push_service.received) == sorted([phone.endpoint, tablet.endpoint])
    message = push_service.received[0]
    assert message["payload"] == {
        "title": f"Đơn mới {shop_order.number} – 2 sản phẩm, 338.000 ₫",
        "body": f"Đơn {shop_order.number} đã thanh toán, mời chị chuẩn bị hàng",
        "url": f"https://chosen.vn/n/{notification.short_code}",
        "tag": f"payment:{event.pk}:shop-order:{shop_order.pk}",
    }
    assert message["headers"]["urgency"] == "high" and int(message["headers"]["ttl"]) == 24 * 3600
    delivery = notification.deliveries.get(channel="push")
    assert delivery.status == "sent" and delivery.detail.startswith("2 máy nhận")


@pytest.mark.django_db
def test_an_expired_subscription_is_dropped_and_the_others_still_receive(push_service):
    vendor = UserFactory()
    kept, expired = subscribe(push_service, vendor), subscribe(push_service, vendor)
    push_service.gone.add(expired.endpoint)

    result = push.send_to_user(user_id=vendor.pk, title="Đơn mới", body="", url="/", tag="t")

    assert (result.delivered, result.dropped, result.failed) == (1, 1, 0)
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [kept.endpoint]


@pytest.mark.django_db
def test_without_a_subscribed_phone_push_is_logged_as_not_turned_on(push_service):
    shop_order = paid_order(ShopFactory(owner=UserFactory()))
    event = shop_order.order.payment.events.get(to_status="paid")

    notify_payment_event(event_id=event.pk)

    notification = Notification.objects.get(user=shop_order.shop.members.get())
    delivery = notification.deliveries.get(channel="push")
    assert (delivery.status, delivery.detail) == ("failed", "chưa bật trên điện thoại nào")


@pytest.mark.django_db
def test_the_same_browser_subscribing_again_is_kept_once_for_whoever_is_signed_in(push_service):
    lan, hoa = UserFactory(), UserFactory()
    browser = subscribe(push_service, lan)
    services.subscribe_push(
        user_id=hoa.pk, endpoint=browser.endpoint, p256dh=browser.p256dh, auth=browser.auth
    )

    assert list(PushSubscription.objects.values_list("user", flat=True)) == [hoa.pk]
