"""One notification per event and person, each channel tried at most once, every try logged."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from notifications import services
from notifications.models import Delivery, DeliveryStatus, Notification
from notifications.services import Announcement, Recipient, announce, deliver
from notifications.tasks import deliver_unfinished
from notifications.topics import Channel, Topic
from shops import review
from shops.notifications import notify_review_event
from tests.factories import UserFactory, an_application


def an_announcement(*recipients, source="shop-review:1") -> Announcement:
    shop = an_application()
    return Announcement(
        source=source,
        topic=Topic.SHOP_REVIEW,
        template="shops/emails/approved",
        path="/seller/",
        recipients=recipients,
        context={"shop": shop, "reinstated": False},
    )


def log(notification) -> dict[str, str]:
    return dict(notification.deliveries.values_list("channel", "status"))


@pytest.mark.django_db
def test_an_event_makes_one_notification_per_person_however_often_it_is_announced():
    lan, hoa = UserFactory(), UserFactory()
    announcement = an_announcement(Recipient.person(lan), Recipient.person(hoa), Recipient.person(lan))

    first = announce(announcement)
    again = announce(announcement)

    assert [n.user for n in first] == [lan, hoa]
    assert again == []
    assert Notification.objects.count() == 2
    [notification] = Notification.objects.filter(user=lan)
    assert notification.headline.startswith("Gian hàng “") and notification.headline.endswith(
        "khách mua được rồi"
    )
    assert notification.summary.startswith("Chúc mừng! Gian hàng")  # the subject, without "[Chợ Sen] "
    assert notification.email_subject.startswith("[Chợ Sen] Chúc mừng!")


@pytest.mark.django_db
def test_each_channel_is_logged_once_sent_or_skipped_with_the_reason():
    phone_only = UserFactory(email=None)
    [notification] = announce(an_announcement(Recipient.person(phone_only)))

    assert deliver(notification_id=notification.pk) == 0

    details = dict(notification.deliveries.values_list("channel", "detail"))
    assert log(notification) == {"email": "skipped", "push": "skipped", "sms": "skipped"}
    assert details == {
        "email": "không có email",
        "push": "chưa cấu hình Web Push",
        "sms": "chưa cấu hình cổng SMS",
    }
    notification.refresh_from_db()
    assert notification.delivered_at is not None


@pytest.mark.django_db
def test_a_review_event_replayed_sends_one_email_and_logs_one_delivery_per_channel():
    owner = UserFactory(email="lan@example.vn")
    shop = an_application(owner=owner, status="submitted")
    mail.outbox.clear()
    Notification.objects.all().delete()
    event = review.shop_approve(shop_id=shop.pk, mentor=UserFactory(is_staff=True))

    sent = [notify_review_event(event_id=event.pk) for _ in range(3)]
    for notification in Notification.objects.all():
        deliver(notification_id=notification.pk)
    deliver_unfinished()

    assert sent == [1, 0, 0]
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    [notification] = Notification.objects.filter(source=f"shop-review:{event.pk}")
    assert notification.user == owner and notification.read_at is None
    assert Delivery.objects.filter(notification=notification).count() == len(Channel)
    assert log(notification)["email"] == "sent"


@pytest.mark.django_db
def test_a_channel_turned_off_is_not_used(settings):
    owner = UserFactory(email="lan@example.vn")
    services.choose_channels(user_id=owner.pk, chosen={Topic.SHOP_REVIEW: {Channel.SMS}})
    [notification] = announce(an_announcement(Recipient.person(owner)))

    deliver(notification_id=notification.pk)

    assert mail.outbox == []
    assert notification.deliveries.get(channel="email").detail == "người nhận đã tắt kênh này"


@pytest.mark.django_db
def test_a_clean_failure_is_tried_again_by_the_sweep_and_a_crash_midway_never(monkeypatch, time_machine):
    time_machine.move_to(timezone.now())
    owner = UserFactory(email="lan@example.vn")
    [notification] = announce(an_announcement(Recipient.person(owner)))
    outcomes = iter([OSError("SMTP down"), None])

    def flaky_send(message, *args, **kwargs):
        outcome = next(outcomes)
        if outcome:
            raise outcome
        return 1

    monkeypatch.setattr("django.core.mail.EmailMessage.send", flaky_send)
    deliver(notification_id=notification.pk)
    email = notification.deliveries.get(channel="email")
    assert (email.status, email.attempts, email.detail) == ("failed", 1, "email: OSError")

    time_machine.shift(120)
    assert deliver_unfinished() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 2)

    # A delivery left "sending" (the worker died while the gateway had it) is never sent again.
    Delivery.objects.filter(pk=email.pk).update(status=DeliveryStatus.SENDING)
    Notification.objects.filter(pk=notification.pk).update(delivered_at=None)
    time_machine.shift(120)
    assert deliver_unfinished() == 0


@pytest.mark.django_db
def test_an_error_inside_a_channel_is_logged_and_not_retried(monkeypatch, time_machine):
    time_machine.move_to(timezone.now())
    owner = UserFactory(email="lan@example.vn")
    [notification] = announce(an_announcement(Recipient.person(owner)))
    monkeypatch.setattr("notifications.channels.send_email", lambda notification: 1 / 0)

    deliver(notification_id=notification.pk)
    time_machine.shift(120)
    deliver_unfinished()

    email = notification.deliveries.get(channel="email")
    assert (email.status, email.attempts, email.detail) == ("failed", services.MAX_ATTEMPTS, "error")


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_notification_at_once_send_one_email(monkeypatch):
    owner = UserFactory(email="lan@example.vn")
    [notification] = announce(an_announcement(Recipient.person(owner)))
    sent, both_in = [], threading.Barrier(2, timeout=10)
    original = services.channels.why_not

    def why_not_in_step(notification, channel):
        if channel == Channel.EMAIL:
            both_in.wait()  # both workers past the check, about to claim
        return original(notification, channel)

    monkeypatch.setattr(services.channels, "why_not", why_not_in_step)
    monkeypatch.setattr(
        services.channels, "send_email", lambda n: sent.append(n.pk) or services.channels.Outcome(True)
    )

    def worker():
        try:
            deliver(notification_id=notification.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sent == [notification.pk]
    assert Delivery.objects.filter(notification=notification, channel="email").count() == 1
