"""The storefront as a buyer's phone gets it: Vietnamese pages, only live shops, few queries."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from shops.models import ShopStatus
from tests.factories import ProductFactory, ShopFactory, a_picture, an_application

Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_product():
    return ProductFactory(title="Nước mắm Cát Hải 35 độ đạm", category="Thực phẩm > Nước mắm")


def category_url(name: str) -> str:
    return Category.objects.get(name=name).get_absolute_url()


def test_home_page_is_vietnamese_and_shows_new_products_and_shops(client, live_product):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert "Nước mắm Cát Hải 35 độ đạm" in html
    assert live_product.shop.name in html
    assert "150.000\xa0₫" in html


def test_english_lives_under_en(client, live_product):
    response = client.get("/en/")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_a_category_lists_its_products_and_its_subcategories_products(client, live_product):
    ProductFactory(title="Mắm tôm Thanh Hóa", category="Thực phẩm > Gia vị")
    ProductFactory(title="Trà sen Tây Hồ", category="Đồ uống > Trà")

    html = client.get(category_url("Thực phẩm")).content.decode()

    assert "Nước mắm Cát Hải" in html and "Mắm tôm Thanh Hóa" in html
    assert "Trà sen Tây Hồ" not in html


def test_category_urls_use_ascii_slugs(live_product):
    assert category_url("Nước mắm").startswith("/catalogue/category/thuc-pham/nuoc-mam_")


def test_products_of_shops_that_are_not_live_are_not_listed_nor_shown(client):
    for status in (ShopStatus.DRAFT, ShopStatus.SUBMITTED, ShopStatus.REJECTED, ShopStatus.SUSPENDED):
        ProductFactory(title=f"Hàng của gian {status}", shop=ShopFactory(status=status))

    listing = client.get(reverse("catalogue:index")).content.decode()

    assert "Hàng của gian" not in listing
    draft_product = ProductFactory(shop=ShopFactory(status=ShopStatus.DRAFT))
    assert client.get(draft_product.get_absolute_url()).status_code == 404


def test_a_suspended_shops_product_page_stays_up_with_a_notice_and_no_buy_button(client):
    product = ProductFactory(shop=ShopFactory(status=ShopStatus.SUSPENDED))

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "tạm ngừng" in html.lower()
    assert reverse("basket:add", kwargs={"pk": product.pk}) not in html


def test_product_page_shows_price_shop_and_add_to_basket(client, live_product):
    response = client.get(live_product.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "150.000\xa0₫" in html
    assert live_product.shop.get_absolute_url() in html
    assert reverse("basket:add", kwargs={"pk": live_product.pk}) in html
    assert 'property="og:title"' in html


def test_a_page_view_writes_nothing_to_the_database(client, live_product):
    with CaptureQueriesContext(connection) as queries:
        client.get(live_product.get_absolute_url())

    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


def test_adding_to_the_basket_puts_the_product_in_it(client, live_product):
    response = client.post(
        reverse("basket:add", kwargs={"pk": live_product.pk}), {"quantity": 2}, follow=True
    )

    assert response.status_code == 200
    basket = client.get(reverse("basket:summary")).content.decode()
    assert "Nước mắm Cát Hải 35 độ đạm" in basket
    assert "300.000\xa0₫" in basket


def test_shop_directory_filters_by_province_and_the_shop_page_lists_its_products(client, live_product):
    ShopFactory(name="HTX Trà Thái Nguyên", province_code=19)

    directory = client.get(reverse("shops:directory"), {"province": 19}).content.decode()
    shop_page = client.get(live_product.shop.get_absolute_url()).content.decode()

    assert "HTX Trà Thái Nguyên" in directory and live_product.shop.name not in directory
    assert "Nước mắm Cát Hải 35 độ đạm" in shop_page


def test_draft_shops_have_no_page(client):
    shop = ShopFactory(status=ShopStatus.DRAFT)

    assert client.get(shop.get_absolute_url()).status_code == 404


def _query_count(client, url: str) -> int:
    """Queries of a page built from scratch: listing caches would otherwise hide a growing count."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["home", "catalogue", "category", "shop", "directory", "basket", "product"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_items(client, page):
    shop = ShopFactory()

    def url():
        return {
            "home": "/",
            "catalogue": reverse("catalogue:index"),
            "category": category_url("Gạo"),
            "shop": shop.get_absolute_url(),
            "directory": reverse("shops:directory"),
            "basket": reverse("basket:summary"),
            "product": first.get_absolute_url(),
        }[page]

    def add_items(count: int):
        for _ in range(count):
            product = ProductFactory(shop=shop, category="Thực phẩm > Gạo")
            ShopFactory()
            client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    first = ProductFactory(shop=shop, category="Thực phẩm > Gạo")
    add_items(2)
    few = _query_count(client, url())
    add_items(8)
    many = _query_count(client, url())

    assert many <= few, f"{page}: {few} queries with 3 items, {many} with 11"
    assert few <= 30


def test_a_shop_link_pasted_in_zalo_shows_its_name_story_and_banner(client, settings):
    settings.ALLOWED_HOSTS = ["chosen.vn"]
    shop = an_application(status=ShopStatus.APPROVED, banner=a_picture("banner.png"))

    html = client.get(shop.get_absolute_url(), HTTP_HOST="chosen.vn").content.decode()

    assert '<meta property="og:title" content="Hợp tác xã Mắm Cát Hải">' in html
    assert '<meta property="og:description" content="Ba thế hệ làm nước mắm' in html
    assert re.search(r'<meta property="og:image" content="http://chosen\.vn/media/cache/[^"]+\.png">', html)
    assert f'<meta property="og:url" content="http://chosen.vn{shop.get_absolute_url()}">' in html
