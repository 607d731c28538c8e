"""Listings with filters and counts, pages cached until the catalogue changes, the basket by shop."""

import gzip
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from shops.models import ShopStatus
from tests.factories import ProductFactory, ShopFactory, a_picture

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db
SEARCH = reverse("search:search")
ALL = reverse("catalogue:index")


def titles(response) -> list[str]:
    return re.findall(r'<h3 class="pc-t">([^<]+)</h3>', response.content.decode())


def count_line(response) -> str:
    return re.search(r'data-testid="result-count">([^<]+)<', response.content.decode()).group(1)


@pytest.fixture
def market():
    ha_noi, can_tho = ShopFactory(province_code=1), ShopFactory(province_code=92)

    def product(title: str, shop, price: int, category: str):
        return ProductFactory(title=title, shop=shop, stock__price=price, category=category)

    products = {
        "cheap": product("Nước mắm Cát Hải", ha_noi, 60000, "Thực phẩm > Nước mắm"),
        "dear": product("Nước mắm Phú Quốc", can_tho, 320000, "Thực phẩm > Nước mắm"),
        "rice": product("Gạo ST25", can_tho, 180000, "Thực phẩm > Gạo"),
        "tea": product("Trà sen Tây Hồ", ha_noi, 250000, "Đồ uống > Trà"),
    }
    for key, stars in (("dear", 5), ("rice", 4), ("tea", 3)):
        products[key].ocop_stars = stars
        products[key].save()
    return products


def test_filters_compose_and_show_counts(client, market):
    response = client.get(ALL, {"province": 92, "ocop": 4, "sort": "price"})

    assert titles(response) == ["Gạo ST25", "Nước mắm Phú Quốc"]
    assert count_line(response) == "2 sản phẩm"
    html = response.content.decode()
    assert re.search(r"Thành phố Cần Thơ \(2\)|Cần Thơ \(2\)", html)  # province option with its count
    assert re.search(r'value="5"[^>]*> 5★ <span class="chip-n">1</span>', html)


def test_price_range_accepts_dotted_thousands_and_sorts(client, market):
    response = client.get(ALL, {"price_min": "100.000", "price_max": "300.000 ₫", "sort": "-price"})

    assert titles(response) == ["Trà sen Tây Hồ", "Gạo ST25"]


def test_a_price_that_is_not_a_number_is_reported_and_kept_while_the_rest_applies(client, market):
    response = client.get(ALL, {"price_min": "rẻ", "province": 1})

    html = response.content.decode()
    assert 'value="rẻ"' in html and 'aria-invalid="true"' in html
    assert sorted(titles(response)) == ["Nước mắm Cát Hải", "Trà sen Tây Hồ"]


def test_category_pages_take_the_same_filters_and_count_subcategories(client, market):
    food = Category.objects.get(name="Thực phẩm")

    response = client.get(food.get_absolute_url(), {"province": 92})

    assert sorted(titles(response)) == ["Gạo ST25", "Nước mắm Phú Quốc"]
    html = response.content.decode()
    assert re.search(r'>Nước mắm <span class="chip-n">1</span>', html)
    assert "province=92" in re.search(r'href="([^"]*nuoc-mam[^"]*)"', html).group(1)


def test_search_with_filters_and_relevance_first(client, market):
    response = client.get(SEARCH, {"q": "nuoc mam", "ocop": 5})
    assert titles(response) == ["Nước mắm Phú Quốc"]

    response = client.get(SEARCH, {"q": "nươc mám"})
    assert sorted(titles(response)) == ["Nước mắm Cát Hải", "Nước mắm Phú Quốc"]
    assert count_line(response) == "2 sản phẩm"


def test_a_search_that_finds_nothing_says_so_in_vietnamese(client, market):
    response = client.get(SEARCH, {"q": "xe máy"})

    assert "Không tìm thấy sản phẩm nào cho “xe máy”" in response.content.decode()


def test_the_shop_page_lists_and_sorts_its_own_products(client, market):
    shop = market["rice"].shop

    response = client.get(shop.get_absolute_url(), {"sort": "-price"})

    assert titles(response) == ["Nước mắm Phú Quốc", "Gạo ST25"]


def test_home_shows_ocop_products_and_the_shops_of_a_chosen_province(client, market):
    response = client.get("/", {"province": 92})

    html = response.content.decode()
    ocop = html[html.index('id="h-ocop"') : html.index('id="h-new"')]
    assert "Nước mắm Phú Quốc" in ocop and "Nước mắm Cát Hải" not in ocop
    shops = html[html.index('id="h-shops"') :]
    assert market["rice"].shop.name in shops and market["tea"].shop.name not in shops


# Caches: a change shows at once on every cached page.


def _warm(client, product) -> None:
    for url in (
        "/",
        ALL,
        product.get_absolute_url(),
        product.shop.get_absolute_url(),
        SEARCH + "?q=nuoc+mam",
    ):
        assert client.get(url).status_code == 200


def test_a_new_price_shows_at_once_on_cached_pages(client, market):
    product = market["cheap"]
    _warm(client, product)

    record = product.stockrecords.get()
    record.price = Decimal(75000)
    record.save()

    for url in (
        "/",
        ALL,
        product.get_absolute_url(),
        product.shop.get_absolute_url(),
        SEARCH + "?q=nuoc+mam",
    ):
        html = client.get(url).content.decode()
        assert "75.000\xa0₫" in html, url
        assert "60.000\xa0₫" not in html, url


def test_running_out_of_stock_shows_at_once(client, market):
    product = market["cheap"]
    _warm(client, product)

    record = product.stockrecords.get()
    record.num_in_stock = 0
    record.save()

    assert "Hết hàng" in client.get(ALL).content.decode()
    detail = client.get(product.get_absolute_url()).content.decode()
    assert reverse("basket:add", kwargs={"pk": product.pk}) not in detail


def test_a_new_photo_shows_at_once(client, market):
    product = market["cheap"]
    _warm(client, product)

    ProductImage.objects.create(product=product, original=a_picture("nuoc-mam.png"), display_order=0)

    listing = client.get(ALL).content.decode()
    assert re.search(r'<img src="[^"]*/cache/[^"]+" width="300"', listing)
    assert 'property="og:image"' in client.get(product.get_absolute_url()).content.decode()


def test_a_suspended_shop_leaves_the_cached_listings_at_once(client, market):
    product = market["cheap"]
    _warm(client, product)

    shop = product.shop
    shop.status = ShopStatus.SUSPENDED
    shop.save()

    assert "Nước mắm Cát Hải" not in client.get(ALL).content.decode()
    assert "Nước mắm Cát Hải" not in client.get(SEARCH, {"q": "nuoc mam"}).content.decode()
    assert "tạm ngừng" in client.get(product.get_absolute_url()).content.decode().lower()


def test_a_hidden_product_leaves_the_cached_listings_at_once(client, market):
    product = market["cheap"]
    _warm(client, product)

    product.is_public = False
    product.save()

    assert "Nước mắm Cát Hải" not in client.get(ALL).content.decode()
    assert "Nước mắm Cát Hải" not in client.get(SEARCH, {"q": "nuoc mam"}).content.decode()


def test_a_cached_page_costs_no_more_than_a_few_queries(client, market):
    _warm(client, market["cheap"])

    for url in ("/", ALL, SEARCH + "?q=nuoc+mam", market["cheap"].get_absolute_url()):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries) <= 3, (url, [q["sql"] for q in queries])


@pytest.mark.parametrize("page", ["search", "search with filters"])
def test_search_queries_do_not_grow_with_the_number_of_results(client, page, django_assert_max_num_queries):
    params = {"q": "nuoc mam"} if page == "search" else {"q": "nuoc mam", "ocop": 3, "price_max": 900000}

    def make(count: int):
        for _ in range(count):
            product = ProductFactory(category="Thực phẩm > Nước mắm", shop=ShopFactory(province_code=31))
            product.ocop_stars = 4
            product.save()

    def queries() -> int:
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SEARCH, params).status_code == 200
        return len(captured)

    make(2)
    few = queries()
    make(10)
    many = queries()
    assert many <= few
    with django_assert_max_num_queries(few):
        from django.core.cache import cache

        cache.clear()
        client.get(SEARCH, params)


def test_a_product_page_with_its_css_and_js_fits_in_100_kb_compressed(client, market):
    product = market["dear"]
    ProductImage.objects.create(product=product, original=a_picture("a.png"), display_order=0)

    html = client.get(product.get_absolute_url()).content
    stylesheets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    scripts = re.findall(rb'<script src="([^"]+)"', html)
    assets = b""
    for url in stylesheets + scripts:
        path = finders.find(url.decode().removeprefix(settings.STATIC_URL))
        assets += Path(path).read_bytes()
    total = len(gzip.compress(html)) + len(gzip.compress(assets))

    assert stylesheets, "the page links its stylesheet"
    assert total <= 100 * 1024, f"{total} bytes compressed"


# The basket, grouped by shop.


def test_the_basket_groups_lines_by_shop_and_keeps_oscars_forms_working(client, market):
    for key in ("cheap", "dear", "tea"):
        client.post(reverse("basket:add", kwargs={"pk": market[key].pk}), {"quantity": 1})

    html = client.get(reverse("basket:summary")).content.decode()
    groups = html.split('data-testid="basket-shop"')[1:]
    assert len(groups) == 2
    ha_noi = next(group for group in groups if market["cheap"].shop.name in group)
    assert "Nước mắm Cát Hải" in ha_noi and "Trà sen Tây Hồ" in ha_noi and "Nước mắm Phú Quốc" not in ha_noi

    management = dict(
        re.findall(r'name="(form-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)" value="(\d+)"', html)
    )
    lines = re.findall(r'name="(form-\d+)-id" value="(\d+)"', html)
    data = {**management}
    for prefix, line_id in lines:
        data[f"{prefix}-id"] = line_id
        data[f"{prefix}-quantity"] = 3 if "Trà sen" in html.split(f'name="{prefix}-id"')[1][:800] else 1
    client.post(reverse("basket:summary"), data)

    assert "750.000\xa0₫" in client.get(reverse("basket:summary")).content.decode()  # 3 × 250.000 ₫


def test_a_cached_product_page_gives_each_visitor_her_own_working_csrf_token(market):
    from django.test import Client

    product = market["cheap"]
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(product.get_absolute_url())  # fills the page cache

    html = second.get(product.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert "__CSRF_TOKEN__" not in html
    response = second.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert "Nước mắm Cát Hải" in second.get(reverse("basket:summary")).content.decode()


def test_a_product_with_variants_lists_each_with_price_and_stock_and_sells_the_chosen_one(client):
    parent = ProductFactory(title="Mật ong rừng U Minh", structure="parent")
    parent.stockrecords.all().delete()  # a parent sells through its variants
    sizes = {}
    for title, price, stock in (("Chai 500ml", 180000, 4), ("Chai 1 lít", 320000, 0)):
        child = Product.objects.create(
            title=title, structure="child", parent=parent, upc=f"UM-{price}", is_public=True
        )
        child.stockrecords.create(
            partner=parent.shop.partner, partner_sku=child.upc, price=price, num_in_stock=stock
        )
        sizes[title] = child

    html = client.get(parent.get_absolute_url()).content.decode()

    variants = html[html.index('data-testid="variants"') :]
    assert re.search(r"Chai 500ml.*?180\.000\xa0₫.*?còn 4", variants, re.S)
    assert re.search(r"Chai 1 lít.*?320\.000\xa0₫.*?Hết hàng", variants, re.S)
    client.post(
        reverse("basket:add", kwargs={"pk": parent.pk}), {"quantity": 2, "child_id": sizes["Chai 500ml"].pk}
    )
    assert "360.000\xa0₫" in client.get(reverse("basket:summary")).content.decode()


def test_a_very_long_link_is_cached_under_a_key_of_fixed_size(client, market):
    from django.core.cache import cache

    long_query = {"q": "nuoc mam " * 500, "province": "9" * 3000}
    assert client.get(ALL, long_query).status_code == 200
    keys = [key for key in cache._cache if ":page:" in key]  # LocMemCache in tests
    assert keys and max(len(key) for key in keys) < 100
