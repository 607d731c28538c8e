"""The issue's test, as a new member would live it: she signs up with a phone number and no email,
applies, is approved, and sells her first order; she learns of both from the bell, her inbox and a
text message, and no email is sent to her. Every task runs as the worker would, on commit."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace.celery import app
from notifications.models import Delivery, Notification
from payments.transitions import payment_confirm_by_hand
from shops.models import Shop, ShopStatus
from shops.services import shop_application_save
from tests.factories import (
    MentorFactory,
    ProductFactory,
    UserFactory,
    an_order,
    application_form_values,
    complete_application_values,
)
from tests.functional.notifications.test_inbox import bell

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tasks_run_on_commit():
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_a_member_with_only_a_phone_hears_of_her_approval_and_her_first_paid_order(
    sms_gateway, settings, tasks_run_on_commit
):
    settings.SITE_URL = "https://chosen.vn"
    member = Client()
    response = member.post(
        reverse("customer:register"),
        {
            "phone": "0987 654 321",
            "email": "",
            "password1": "hoa-sen-nở-2025",
            "password2": "hoa-sen-nở-2025",
        },
    )
    assert response.status_code == 302
    lan = UserFactory._meta.model.objects.get(phone="+84987654321")
    MentorFactory(provinces=[1], email=None, phone="+84900000011")
    shop = shop_application_save(actor=lan, shop=None, values=complete_application_values(1))
    response = member.post(
        reverse("seller:application"), application_form_values(shop, submit="1"), follow=True
    )
    assert "Đã gửi hồ sơ." in response.content.decode()

    mentor = Client()
    mentor.force_login(UserFactory._meta.model.objects.get(phone="+84900000011"))
    mentor.post(reverse("mentor:shop", kwargs={"pk": shop.pk}), {"action": "approve", "note": ""})
    assert Shop.objects.get(pk=shop.pk).status == ShopStatus.APPROVED

    # She opens Chợ Sen: the bell says one, the inbox says why, and her phone had a text.
    assert bell(member.get("/")) == 1
    inbox = member.get(reverse("notifications:inbox")).content.decode()
    assert "đã được duyệt, khách mua được rồi" in inbox
    approval = Notification.objects.get(user=lan)
    [text] = [m for m in sms_gateway.messages if m["Phone"] == "0987654321"]
    assert text["Content"].endswith(
        f"da duoc duyet, khach mua duoc roi https://chosen.vn/n/{approval.short_code}"
    )
    assert member.get(f"/n/{approval.short_code}")["Location"] == "/seller/"
    assert bell(member.get("/")) == 0

    # A buyer who gave only her phone pays for two jars: the member hears of the new order.
    shop.refresh_from_db()
    product = ProductFactory(shop=shop, title="Mật ong hoa nhãn", stock__price=159_000)
    order = an_order((product, 2), email="")
    payment_confirm_by_hand(payment_id=order.payment.pk, actor=UserFactory(is_staff=True), note="Sao kê")
    shop_order = order.shop_orders.get()

    assert bell(member.get("/")) == 1
    assert (
        f"Đơn mới {shop_order.number} – 2 sản phẩm"
        in member.get(reverse("notifications:inbox")).content.decode()
    )
    texts = [m["Content"] for m in sms_gateway.messages if m["Phone"] == "0987654321"]
    assert texts[-1].startswith(f"Cho Sen: Don moi {shop_order.number} - 2 san pham, ")
    buyer_texts = [m["Content"] for m in sms_gateway.messages if m["Phone"] == "0912345678"]
    assert any(f"cho don hang {order.number}" in text for text in buyer_texts)  # "Đã nhận ... cho đơn hàng"

    her_emails = Delivery.objects.filter(notification__user=lan, channel="email")
    assert set(her_emails.values_list("status", "detail")) == {("skipped", "không có email")}
    assert mail.outbox == []  # nobody involved has an email address
    # One delivery per notification and channel, whatever ran twice.
    per_channel = Delivery.objects.values_list("notification", "channel")
    assert len(per_channel) == len(set(per_channel))
