"""A buyer on a 360 px phone: home -> category -> product -> basket, in headless Chromium."""

import re

import pytest

from tests.browser.checks import assert_fits_the_screen
from tests.factories import ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_browse_a_category_open_a_product_and_add_it_to_the_basket(phone_page, live_server, screenshot):
    product = ProductFactory(title="Mật ong hoa nhãn Hưng Yên", category="Thực phẩm > Mật ong")
    ProductFactory(title="Trà Shan tuyết Hà Giang", category="Đồ uống > Trà")
    page = phone_page

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert_fits_the_screen(page)
    screenshot(page, "home")

    page.get_by_role("link", name=re.compile("Thực phẩm")).first.click()
    page.wait_for_url(re.compile(r"/catalogue/category/thuc-pham"))
    assert page.get_by_text("Mật ong hoa nhãn Hưng Yên").is_visible()
    assert page.get_by_text("Trà Shan tuyết Hà Giang").count() == 0
    assert_fits_the_screen(page)
    screenshot(page, "category")

    page.get_by_text("Mật ong hoa nhãn Hưng Yên").first.click()
    page.wait_for_url(re.compile(re.escape(product.get_absolute_url())))
    assert page.get_by_text("150.000\xa0₫").first.is_visible()
    assert_fits_the_screen(page)
    screenshot(page, "product")

    with page.expect_navigation():  # let the POST finish before leaving the page
        page.get_by_test_id("add-to-basket").click()
    page.goto(live_server.url + "/basket/")
    assert page.get_by_text("Mật ong hoa nhãn Hưng Yên").first.is_visible()
    assert_fits_the_screen(page)
    screenshot(page, "basket")
