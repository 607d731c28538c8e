"""Each mentor gets last month's summary for her provinces, once, in her inbox and by email."""

import datetime

import pytest
from django.core import mail

from notifications.models import Notification
from reports.summary import send_monthly_summaries
from tests.factories import MentorFactory, ProductFactory, ShopFactory, an_order
from tests.factories.money import bank_feed


@pytest.mark.django_db
def test_each_mentor_hears_of_her_provinces_last_month_once(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 12, 9, tzinfo=datetime.UTC))
    product = ProductFactory(shop=ShopFactory(province_code=1, shipping_fee=0), stock__price=150_000)
    order = an_order((product, 1))
    bank_feed(amount=150_000, memo=order.payment.reference, incoming=True)
    hanoi = MentorFactory(provinces=[1], email="hoa@hoiphunu.vn")
    saigon = MentorFactory(provinces=[79], email="lan@hoiphunu.vn")

    time_machine.move_to(datetime.datetime(2026, 12, 1, 7, tzinfo=datetime.UTC))
    send_monthly_summaries(today=datetime.date(2026, 12, 1))
    send_monthly_summaries(today=datetime.date(2026, 12, 1))

    by_mentor = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_mentor) == ["hoa@hoiphunu.vn", "lan@hoiphunu.vn"]
    assert by_mentor["hoa@hoiphunu.vn"].subject == "[Chợ Sen] Báo cáo tháng 11/2026: Thành phố Hà Nội"
    body = by_mentor["hoa@hoiphunu.vn"].body
    assert "- Doanh số (tiền hàng): 150.000" in body and "(tăng 150.000" in body
    assert "/reports/?period=month&month=2026-11" in body
    assert "- Doanh số (tiền hàng): 0" in by_mentor["lan@hoiphunu.vn"].body
    assert Notification.objects.filter(user=hanoi, topic="monthly_report").count() == 1
    assert Notification.objects.get(user=saigon).headline == "Báo cáo tháng 11/2026 của tỉnh đã có: 0 đơn"
