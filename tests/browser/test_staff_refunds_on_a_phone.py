"""Union staff on a 360 px phone: the worklist shows a refund to send; she records it, a wrong
amount first, and the buyer's page then says what came back."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from payments import matching
from payments.models import BankTransfer
from payments.providers.sepay import SePay
from payments.transitions import payment_cancel_shop_order
from tests.conftest import authenticator_app, pass_second_step
from tests.factories import PASSWORD, ProductFactory, ShopFactory, UserFactory, an_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide"


def test_staff_record_the_refund_of_a_cancelled_part_and_the_buyer_sees_it(
    phone_page, live_server, screenshot
):
    honey = ProductFactory(
        title="Mật ong bạc hà 1 lít", stock__price=250_000, shop=ShopFactory(shipping_fee=30_000)
    )
    order = an_order((honey, 1), (ProductFactory(title="Trà búp Tân Cương", stock__price=185_000), 1))
    transfer = BankTransfer.objects.create(
        provider=SePay.code,
        provider_transaction_id="B1",
        amount=order.payment.amount_due,
        memo=order.payment.reference,
    )
    matching.transfer_process(transfer_id=transfer.pk)
    honey_part = order.shop_orders.get(shop=honey.shop)
    payment_cancel_shop_order(
        shop_order_id=honey_part.pk, actor=honey.shop.members.get(), reason="out_of_stock"
    )
    app = authenticator_app(UserFactory(email="staff@chosen.vn", is_staff=True, first_name="Thu"))
    page = phone_page

    page.goto(f"{live_server.url}/accounts/login/?next={reverse('payments:staff')}")
    page.locator("#login_form").get_by_label("Số điện thoại hoặc email").fill("staff@chosen.vn")
    page.locator("#login_form").get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("#login_form").get_by_role("button", name="Đăng nhập").click()
    pass_second_step(page, app)
    expect(page.get_by_text("cần hoàn 280.000\xa0₫")).to_be_visible()
    assert_fits_the_screen(page)
    screenshot(page, "staff/01-worklist-refund")

    page.get_by_role("link", name=re.compile(order.payment.reference)).click()
    refund = page.get_by_test_id("refund-form")
    refund.get_by_label("Số tiền đã hoàn (₫)").fill("300.000")
    refund.get_by_label("Mã giao dịch hoàn tiền").fill("FT26327")
    refund.get_by_role("button", name="Ghi nhận đã hoàn tiền").click()
    expect(page.get_by_text("Số tiền hoàn phải từ 1 ₫ đến 280.000\xa0₫.")).to_be_visible()
    expect(page.get_by_test_id("refund-form").get_by_label("Mã giao dịch hoàn tiền")).to_have_value("FT26327")
    assert_fits_the_screen(page)
    screenshot(page, "staff/02-refund-too-much")

    page.get_by_test_id("refund-form").get_by_label("Số tiền đã hoàn (₫)").fill("280.000")
    page.get_by_test_id("refund-form").get_by_role("button", name="Ghi nhận đã hoàn tiền").click()
    expect(page.get_by_text("Đã ghi nhận khoản hoàn tiền.")).to_be_visible()
    expect(page.get_by_test_id("refund-form")).to_have_count(0)
    assert_fits_the_screen(page)
    screenshot(page, "staff/03-refund-recorded")

    page.goto(f"{live_server.url}{reverse('payments:order', kwargs={'token': order.verification_hash()})}")
    expect(page.get_by_test_id("refunded")).to_contain_text("280.000\xa0₫")
    expect(page.get_by_test_id("refund-due")).to_be_hidden()
    screenshot(page, "staff/04-buyer-sees-the-refund")
