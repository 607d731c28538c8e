"""A buyer on a 360 px phone searches as she types, filters, and shares a product into Zalo."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.browser.checks import assert_fits_the_screen
from tests.factories import ProductFactory, ShopFactory, a_picture

ProductImage = get_model("catalogue", "ProductImage")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(screenshot, page, name):
    screenshot(page, f"storefront/{name}")


@pytest.fixture
def market():
    can_tho = ShopFactory(name="HTX Mắm Cần Thơ", province_code=92)
    found = {
        "phu_quoc": ProductFactory(title="Nước mắm Phú Quốc 40 độ đạm", shop=can_tho, stock__price=320000),
        "cat_hai": ProductFactory(
            title="Nước mắm Cát Hải", stock__price=60000, category="Thực phẩm > Nước mắm"
        ),
        "specialty": ProductFactory(title="Bánh pía Sóc Trăng", description="Đặc sản miền Tây"),
    }
    found["phu_quoc"].ocop_stars = 5
    found["phu_quoc"].save()
    ProductImage.objects.create(
        product=found["phu_quoc"], original=a_picture("mam.png", "#8e5b1e"), display_order=0
    )
    return found


def search(page, base_url: str, words: str):
    page.goto(base_url + "/")
    box = page.get_by_role("searchbox", name="Tìm sản phẩm")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))


def test_search_without_accents_then_with_wrong_accents_then_filter(
    phone_page, live_server, screenshot, market
):
    page = phone_page

    search(page, live_server.url, "nuoc mam")
    assert page.get_by_test_id("result-count").inner_text() == "2 sản phẩm"
    assert page.get_by_text("Nước mắm Phú Quốc 40 độ đạm").is_visible()
    assert page.get_by_text("Nước mắm Cát Hải").is_visible()
    assert_fits_the_screen(page)
    shot(screenshot, page, "search-nuoc-mam")

    search(page, live_server.url, "nươc mám phu quoc")
    assert page.get_by_test_id("result-count").inner_text() == "1 sản phẩm"
    assert page.get_by_text("Nước mắm Phú Quốc 40 độ đạm").is_visible()

    search(page, live_server.url, "dac san")
    assert page.get_by_text("Bánh pía Sóc Trăng").is_visible()

    search(page, live_server.url, "nuoc mam")
    page.get_by_text("Bộ lọc").click()
    page.locator('input[name="ocop"][value="5"]').check()
    assert_fits_the_screen(page)
    shot(screenshot, page, "search-filters-open")
    page.get_by_test_id("apply-filters").click()
    page.wait_for_url(re.compile(r"ocop=5"))
    assert page.get_by_test_id("result-count").inner_text() == "1 sản phẩm"
    assert page.get_by_text("Nước mắm Cát Hải").count() == 0
    assert page.get_by_role("link", name="Bỏ lọc OCOP 5★+").is_visible()

    page.locator("#id_sort").select_option("price")  # applies at once, no button
    page.wait_for_url(re.compile(r"sort=price"))
    assert "ocop=5" in page.url and "q=nuoc+mam" in page.url
    shot(screenshot, page, "search-filtered")

    search(page, live_server.url, "xe may")
    assert page.get_by_test_id("no-results").is_visible()
    shot(screenshot, page, "search-nothing")


def test_a_product_link_shared_into_zalo_shows_picture_name_and_price(
    phone_page, live_server, screenshot, market
):
    page = phone_page
    product = market["phu_quoc"]

    page.goto(live_server.url + product.get_absolute_url())

    def meta(prop: str) -> str:
        return page.locator(f'meta[property="{prop}"]').get_attribute("content")

    assert meta("og:title") == "Nước mắm Phú Quốc 40 độ đạm"
    assert meta("og:image").startswith("http") and "/media/" in meta("og:image")
    assert meta("product:price:amount") == "320000"
    assert meta("og:url") == live_server.url + product.get_absolute_url()
    assert page.get_by_text("OCOP").first.is_visible()
    assert (
        page.get_by_role("link", name="HTX Mắm Cần Thơ").is_visible()
        or page.get_by_text("HTX Mắm Cần Thơ").is_visible()
    )

    share = page.get_by_test_id("share")
    share.scroll_into_view_if_needed()
    facebook = page.get_by_test_id("share-facebook").get_attribute("href")
    assert facebook.startswith("https://www.facebook.com/sharer/sharer.php?u=http")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    share.get_by_role("button", name="Zalo").click()
    expect(share.get_by_role("status")).to_contain_text("Đã sao chép liên kết")  # the copy is async
    assert_fits_the_screen(page)
    shot(screenshot, page, "product-share")

    page.get_by_role("link", name=re.compile("HTX Mắm Cần Thơ")).click()
    page.wait_for_url(re.compile(r"/shops/"))
    assert page.locator('meta[property="og:title"]').get_attribute("content") == "HTX Mắm Cần Thơ"
    assert page.get_by_test_id("share").is_visible()
    assert_fits_the_screen(page)
    shot(screenshot, page, "shop")
