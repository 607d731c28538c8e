"""Notifications on a 360 px phone: a vendor sees the bell's count, reads her inbox, opens a
notification, chooses her channels, and finds the "notifications on this phone" box on /seller/,
whose service worker installs for the whole site. axe-core finds nothing on each page.

A push subscription itself needs the browser's push service (Google's, for Chromium), which the
tests cannot reach: the server side of push is tested end to end in
tests/integration/notifications/test_push.py. Screenshots in var/screenshots/notifications/.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from py_vapid import Vapid

from notifications.services import Announcement, Recipient, announce
from tests.browser.checks import assert_fits_the_screen, axe_violations
from tests.factories import PASSWORD, ShopFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def checked(page, screenshot, name: str) -> None:
    assert_fits_the_screen(page)
    assert axe_violations(page) == [], page.url
    screenshot(page, f"notifications/{name}")


@pytest.fixture
def vendor(settings):
    key = Vapid()
    key.generate_keys()
    settings.WEBPUSH_VAPID_PRIVATE_KEY = key.private_pem().decode()
    lan = UserFactory(phone="+84912000555", email=None, first_name="Lan", last_name="Nguyễn Thị")
    shop = ShopFactory(owner=lan, name="Mật ong Ba Vì")
    for number, template, context in [
        ("1", "shops/emails/approved", {"shop": shop, "reinstated": False}),
        ("2", "catalogue/emails/product_hidden", {"product": {"title": "Mật ong rừng 500 ml"}, "shop": shop}),
    ]:
        announce(
            Announcement(
                source=f"browser:{number}",
                topic="shop_review",
                template=template,
                path=reverse("seller:home"),
                recipients=[Recipient.person(lan)],
                context=context,
            )
        )
    return lan


def sign_in(page, base_url: str) -> None:
    page.goto(f"{base_url}/accounts/login/?next=/seller/")
    login = page.locator("#login_form")
    login.get_by_label("Số điện thoại hoặc email").fill("0912 000 555")
    login.get_by_label("Mật khẩu").fill(PASSWORD)
    login.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base_url}/seller/")


def test_a_vendor_reads_her_notifications_and_finds_push_on_her_centre(
    phone_page, live_server, vendor, screenshot
):
    page, base = phone_page, live_server.url
    sign_in(page, base)

    bell = page.get_by_test_id("nav-inbox")
    expect(bell).to_contain_text("2")
    expect(bell.get_by_label("2 thông báo chưa đọc")).to_be_visible()
    box = page.locator("[data-push]")
    expect(box).to_be_visible()  # the browser can take push: the box shows itself
    expect(box.get_by_role("button", name="Bật thông báo trên máy này")).to_be_visible()
    scope = page.evaluate("navigator.serviceWorker.ready.then(function (r) { return r.scope })")
    assert scope == f"{base}/"
    checked(page, screenshot, "seller-home")

    bell.click()
    expect(page.get_by_role("heading", name="Thông báo")).to_be_visible()
    items = page.get_by_test_id("inbox").get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Sản phẩm “Mật ong rừng 500 ml” bị Hội tạm ẩn")
    checked(page, screenshot, "inbox")

    items.first.get_by_role("link").click()
    page.wait_for_url(f"{base}/seller/")
    expect(page.get_by_test_id("nav-inbox")).to_contain_text("1")

    page.goto(base + reverse("notifications:channels"))
    orders = page.get_by_role("group", name="Đơn hàng mới đã thanh toán")
    orders.get_by_label("Email").uncheck()
    checked(page, screenshot, "channels")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu cách bạn muốn nhận thông báo.")).to_be_visible()
    expect(
        page.get_by_role("group", name="Đơn hàng mới đã thanh toán").get_by_label("Email")
    ).not_to_be_checked()


def test_a_phone_that_refuses_notifications_is_told_how_to_allow_them(phone_page, live_server, vendor):
    page, base = phone_page, live_server.url
    page.context.clear_permissions()
    sign_in(page, base)
    page.evaluate("Notification.requestPermission = function () { return Promise.resolve('denied') }")

    page.get_by_role("button", name="Bật thông báo trên máy này").click()

    expect(page.get_by_role("status").filter(has_text="chặn thông báo")).to_be_visible()
