"""A mentor reads her province's report on a 360 px phone: figures with the change against the
month before, charts drawn as SVG, tables that scroll inside their own box, a quarter chosen with
the form, and the Excel download. axe-core finds nothing. Screenshots in var/screenshots/reports/."""

import pytest
from playwright.sync_api import expect

from tests.browser.checks import assert_fits_the_screen, axe_violations
from tests.factories import PASSWORD, MentorFactory, ProductFactory, ShopFactory, an_order
from tests.factories.money import bank_feed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mentor_reads_and_downloads_her_provinces_report(phone_page, live_server, screenshot):
    page, base = phone_page, live_server.url
    MentorFactory(provinces=[1], phone="+84987000777")
    for price in (150_000, 90_000):
        product = ProductFactory(shop=ShopFactory(province_code=1, shipping_fee=0), stock__price=price)
        order = an_order((product, 1))
        bank_feed(amount=price, memo=order.payment.reference, incoming=True)
    page.goto(f"{base}/accounts/login/?next=/mentor/")
    page.locator("#login_form").get_by_label("Số điện thoại hoặc email").fill("0987 000 777")
    page.locator("#login_form").get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("#login_form").get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("coaching")).to_be_visible()
    assert_fits_the_screen(page)
    assert axe_violations(page) == []
    screenshot(page, "reports/mentor-home")

    page.get_by_role("link", name="Báo cáo").click()
    gmv = page.locator("[data-figure=gmv]")
    expect(gmv).to_contain_text("240.000")
    expect(gmv).to_contain_text("tăng")
    expect(page.get_by_role("img", name="Doanh số theo tháng")).to_be_visible()
    assert_fits_the_screen(page)
    assert axe_violations(page) == []
    screenshot(page, "reports/month")

    page.get_by_label("Quý", exact=True).check()
    page.get_by_role("button", name="Xem báo cáo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quý")
    with page.expect_download() as download:
        page.get_by_test_id("table-provinces").get_by_role("link", name="Tải Excel").click()
    assert download.value.suggested_filename.startswith("bao-cao-provinces-")
    screenshot(page, "reports/quarter")
