"""A buyer on a 360 px phone changes her mind before paying: "Huỷ đơn" on her QR page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from payments.models import Payment, PaymentStatus
from tests.factories import ProductFactory, an_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_buyer_cancels_her_unpaid_order_and_the_qr_goes_away(phone_page, live_server, screenshot):
    order = an_order((ProductFactory(title="Bánh pía Sóc Trăng", stock__price=90_000), 2))
    page = phone_page
    page.goto(f"{live_server.url}{reverse('payments:order', kwargs={'token': order.verification_hash()})}")

    page.get_by_text("Không mua nữa? Huỷ đơn").click()
    expect(page.get_by_test_id("buyer-cancel")).to_contain_text("đừng huỷ")
    screenshot(page, "pay-cancel-01-ask")
    page.get_by_role("button", name="Huỷ đơn hàng").click()

    expect(page.get_by_text("Đã huỷ đơn hàng. Hàng đã được trả lại cho gian hàng.")).to_be_visible()
    expect(page.get_by_test_id("status-label")).to_have_text("Đơn đã huỷ")
    expect(page.get_by_test_id("pay-panel")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "pay-cancel-02-done")
    assert Payment.objects.get().status == PaymentStatus.CANCELLED
