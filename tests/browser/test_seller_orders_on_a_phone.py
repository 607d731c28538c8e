"""A vendor fulfils an order from a 360 px phone, and the buyer sees each shop's status on hers.

Sign in, the seller home's order count, the list with its tabs, the order (her lines only),
"Nhận đơn", a shipment refused without its tracking number then sent, delivered, the shipping
fee page, and the buyer's order page with both shops. Screenshots in var/screenshots/seller-orders/.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from order.models import ShopOrderStatus
from payments.transitions import payment_confirm_by_hand
from tests.factories import PASSWORD, ProductFactory, ShopFactory, UserFactory, an_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "seller-orders"


def snap(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide"


def paid(order):
    payment_confirm_by_hand(payment_id=order.payment.pk, actor=UserFactory(is_staff=True), note="Sao kê")
    return order


def test_a_vendor_takes_an_order_from_paid_to_delivered_and_the_buyer_follows_it(phone_page, live_server):
    page = phone_page
    vendor = UserFactory(email="lan@example.vn", first_name="Lan", last_name="Nguyễn Thị")
    tea_shop = ShopFactory(name="HTX Trà Tân Cương Thái Nguyên", owner=vendor, shipping_fee=25_000)
    honey_shop = ShopFactory(name="Mật ong bạc hà Hà Giang")
    tea = ProductFactory(shop=tea_shop, title="Trà búp Tân Cương hộp 500 g", stock__price=185_000)
    gift = ProductFactory(shop=tea_shop, title="Hộp quà trà Shan tuyết cổ thụ", stock__price=320_000)
    honey = ProductFactory(shop=honey_shop, title="Mật ong bạc hà 1 lít", stock__price=250_000)
    an_order((tea, 1))  # waiting for payment
    order = paid(an_order((tea, 2), (gift, 1), (honey, 1), name="Trần Thị Mai", note="Gọi trước khi giao"))
    tea_part = order.shop_orders.get(shop=tea_shop)

    page.goto(f"{live_server.url}/accounts/login/?next=/seller/")
    page.locator("#login_form").get_by_label("Số điện thoại hoặc email").fill("lan@example.vn")
    page.locator("#login_form").get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("#login_form").get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("orders-to-handle")).to_have_text("1 đơn cần xử lý")
    expect(page.get_by_test_id("my-shipping")).to_contain_text("25.000\xa0₫ mỗi đơn")
    assert_fits_the_screen(page)
    snap(page, "00-seller-home")
    page.get_by_test_id("my-orders").click()

    expect(page.get_by_test_id("tab-paid")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("orders").locator("li")).to_have_count(1)
    page.get_by_role("link", name="Tất cả").click()
    expect(page.get_by_test_id("orders").locator("li")).to_have_count(2)
    assert_fits_the_screen(page)
    snap(page, "01-orders")

    page.get_by_text(tea_part.number).click()
    expect(page.get_by_test_id("lines").locator("li")).to_have_count(2)
    expect(page.get_by_test_id("lines")).not_to_contain_text("Mật ong")
    expect(page.get_by_test_id("buyer-phone")).to_have_attribute("href", "tel:+84912345678")
    expect(page.get_by_test_id("total")).to_have_text("715.000\xa0₫")
    assert_fits_the_screen(page)
    snap(page, "02-order-paid")

    page.get_by_role("button", name="Nhận đơn, bắt đầu chuẩn bị").click()
    expect(page.get_by_text("Đã nhận đơn.")).to_be_visible()
    snap(page, "02b-order-processing")
    page.get_by_label("Đơn vị vận chuyển").select_option("GHTK")
    page.get_by_role("button", name="Đã gửi hàng").click()
    expect(page.get_by_text("Hãy nhập mã vận đơn để người mua theo dõi được đơn hàng.")).to_be_visible()
    expect(page.get_by_label("Đơn vị vận chuyển")).to_have_value("GHTK")
    assert_fits_the_screen(page)
    snap(page, "03-ship-needs-tracking-number")

    page.get_by_label("Mã vận đơn").fill("s1234567.hn")
    page.get_by_role("button", name="Đã gửi hàng").click()
    expect(page.get_by_test_id("tracking")).to_contain_text("S1234567.HN")
    snap(page, "04-order-shipped")
    page.get_by_role("button", name="Đã giao xong").click()
    expect(page.get_by_test_id("order-status").locator(".badge")).to_have_text("Đã giao")
    tea_part.refresh_from_db()
    assert tea_part.status == ShopOrderStatus.DELIVERED
    assert_fits_the_screen(page)
    snap(page, "05-order-delivered")

    page.goto(f"{live_server.url}{reverse('seller:shipping')}")
    page.get_by_label("Phí giao hàng (₫)").fill("ba mươi nghìn")
    page.get_by_role("button", name="Lưu phí giao hàng").click()
    expect(page.get_by_text("phải là số nguyên không âm")).to_be_visible()
    page.get_by_label("Phí giao hàng (₫)").fill("20.000")
    page.get_by_label("Miễn phí giao hàng cho đơn từ (₫)").fill("500.000")
    page.get_by_role("button", name="Lưu phí giao hàng").click()
    expect(page.get_by_test_id("current-shipping")).to_contain_text(
        "miễn phí cho đơn có tiền hàng từ 500.000"
    )
    assert_fits_the_screen(page)
    snap(page, "06-shipping-fee")

    page.goto(f"{live_server.url}{reverse('payments:order', kwargs={'token': order.verification_hash()})}")
    tea_card = page.get_by_test_id(f"shop-order-{tea_part.pk}")
    expect(tea_card.locator(".badge")).to_have_text("Đã giao")
    expect(tea_card).to_contain_text("S1234567.HN")
    honey_card = page.get_by_test_id(f"shop-order-{order.shop_orders.get(shop=honey_shop).pk}")
    expect(honey_card.locator(".badge")).to_have_text("Đã thanh toán")
    assert re.search(r"Mật ong bạc hà 1 lít", honey_card.inner_text())
    assert_fits_the_screen(page)
    snap(page, "07-buyer-order")


def test_a_vendor_out_of_stock_cancels_her_part_and_the_buyer_sees_why_and_what_comes_back(
    phone_page, live_server
):
    page = phone_page
    vendor = UserFactory(email="hoa@example.vn", first_name="Hoa")
    honey_shop = ShopFactory(name="Mật ong bạc hà Hà Giang", owner=vendor, shipping_fee=30_000)
    honey = ProductFactory(shop=honey_shop, title="Mật ong bạc hà 1 lít", stock__price=250_000)
    tea = ProductFactory(title="Trà búp Tân Cương hộp 500 g", stock__price=185_000)
    order = paid(an_order((honey, 1), (tea, 1), name="Trần Thị Mai"))
    honey_part = order.shop_orders.get(shop=honey_shop)

    page.goto(
        f"{live_server.url}/accounts/login/?next={reverse('seller:order', kwargs={'pk': honey_part.pk})}"
    )
    page.locator("#login_form").get_by_label("Số điện thoại hoặc email").fill("hoa@example.vn")
    page.locator("#login_form").get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("#login_form").get_by_role("button", name="Đăng nhập").click()

    page.get_by_text("Không giao được? Huỷ đơn").click()
    cancel = page.get_by_test_id("cancel-form")
    expect(cancel).to_contain_text("280.000\xa0₫")  # what the buyer gets back: honey and its shipping
    cancel.get_by_label("Lý do khác").check()
    cancel.get_by_role("button", name="Huỷ đơn này").click()
    expect(page.get_by_text("Hãy viết vài chữ để người mua hiểu vì sao đơn bị huỷ.")).to_be_visible()
    assert_fits_the_screen(page)
    snap(page, "08-cancel-needs-a-reason")

    cancel = page.get_by_test_id("cancel-form")
    cancel.get_by_label("Hết hàng").check()
    cancel.get_by_label("Lời nhắn cho người mua").fill("Mật ong vụ này đã hết, hẹn chị vụ sau")
    cancel.get_by_role("button", name="Huỷ đơn này").click()
    expect(page.get_by_test_id("order-status").locator(".badge")).to_have_text("Đã huỷ")
    expect(page.get_by_test_id("cancel-reason")).to_contain_text("Hết hàng – Mật ong vụ này đã hết")
    assert_fits_the_screen(page)
    snap(page, "09-order-cancelled")

    page.goto(f"{live_server.url}{reverse('payments:order', kwargs={'token': order.verification_hash()})}")
    honey_card = page.get_by_test_id(f"shop-order-{honey_part.pk}")
    expect(honey_card.locator(".badge")).to_have_text("Đã huỷ")
    expect(honey_card.get_by_test_id("cancel-reason")).to_contain_text("Mật ong vụ này đã hết")
    expect(page.get_by_test_id("refund-due")).to_contain_text("280.000\xa0₫")
    expect(
        page.get_by_test_id(f"shop-order-{order.shop_orders.exclude(pk=honey_part.pk).get().pk}").locator(
            ".badge"
        )
    ).to_have_text("Đã thanh toán")
    assert_fits_the_screen(page)
    snap(page, "10-buyer-sees-the-cancellation")
