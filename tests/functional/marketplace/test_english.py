"""English under /en/: our own strings read in English there, Vietnamese stays the default, and the
footer links each page to the same page in the other language."""

import re
from html import unescape

import pytest
from django.urls import reverse, translate_url
from django.utils import translation

from marketplace import geo
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

# Letters only Vietnamese uses: none of them may be left on an English page once the data is taken out.
VIETNAMESE_LETTER = re.compile(
    r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE
)
SWITCH = re.compile(r'<a href="([^"]*)"[^>]*data-testid="switch-language">([^<]*)</a>')

# Per page: what an English reader sees, and the Vietnamese it replaces.
PAGES = {
    "home": (
        ["New arrivals", "Shops", "See all products", "Shop now", "Home", "Basket", "Account"],
        ["Hàng mới về", "Gian hàng", "Xem tất cả sản phẩm", "Mua sắm ngay", "Trang chủ", "Giỏ hàng"],
    ),
    "catalogue": (
        ["All products", "1 product", "Categories", "Search products"],
        ["Tất cả sản phẩm", "1 sản phẩm", "Danh mục", "Tìm sản phẩm"],
    ),
    "product": (
        ["Add to basket", "In stock", "One more", "Quantity"],
        ["Thêm vào giỏ", "Còn hàng", "Thêm một", "Số lượng"],
    ),
    "directory": (
        ["Shops", "All provinces", "1 shop", "1 product"],
        ["Gian hàng", "Tất cả tỉnh/thành", "1 gian hàng", "1 sản phẩm"],
    ),
}


@pytest.fixture
def live_product():
    return ProductFactory(title="Nước mắm Cát Hải 35 độ đạm", category="Thực phẩm > Nước mắm")


def vietnamese_path(page: str, product) -> str:
    """The page's Vietnamese URL (no prefix); the English one is the same with /en in front."""
    return {
        "home": "/",
        "catalogue": "/catalogue/",
        "product": product.get_absolute_url(),
        "directory": "/shops/",
    }[page]


def data_removed(html: str, product) -> str:
    """The page without what sellers and the province list wrote in Vietnamese."""
    data = [product.title, product.shop.name, "Thực phẩm", "Nước mắm", "Chợ Sen", "Tiếng Việt"]
    for text in data + [name for _, name in geo.province_choices()]:
        html = html.replace(text, "")
    return html


def test_product_urls_take_the_en_prefix_when_english_is_active(live_product):
    vietnamese = live_product.get_absolute_url()

    with translation.override("en"):
        english = live_product.get_absolute_url()

    assert vietnamese.startswith("/catalogue/")
    assert english == "/en" + vietnamese


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_read_in_english(client, live_product, page):
    english, vietnamese = PAGES[page]

    response = client.get("/en" + vietnamese_path(page, live_product))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    for text in english:
        assert text in html, f"{page}: {text!r} missing"
    for text in vietnamese:
        assert text not in html, f"{page}: {text!r} left in Vietnamese"
    leftovers = [line.strip() for line in data_removed(html, live_product).splitlines()]
    assert [line for line in leftovers if VIETNAMESE_LETTER.search(line)] == []


@pytest.mark.parametrize("page", PAGES)
def test_vietnamese_pages_stay_vietnamese(client, live_product, page):
    english, vietnamese = PAGES[page]

    html = client.get(vietnamese_path(page, live_product)).content.decode()

    assert '<html lang="vi"' in html
    for text in vietnamese:
        assert text in html, f"{page}: {text!r} missing"
    assert "Add to basket" not in html and "New arrivals" not in html


def test_the_shop_tagline_and_the_404_page_are_english_too(client):
    sign_in_url = "/en" + reverse("customer:login")  # before any /en/ request switches reverse() to English
    home = client.get("/en/").content.decode()
    sign_in = client.get(sign_in_url).content.decode()  # Oscar's page, our layout's title
    missing = client.get("/en/khong-co-trang-nay/")

    for html in (home, sign_in):
        assert "Chợ Sen – OCOP products from women entrepreneurs</title>" in html.replace("\n", "")
        assert "Sản phẩm OCOP từ những người phụ nữ làm kinh tế" not in html
    assert missing.status_code == 404
    html = missing.content.decode()
    assert "Page not found" in html and 'href="/en/"' in html
    assert "Không tìm thấy" not in html


@pytest.mark.parametrize(
    "vietnamese_url", ["/", "/catalogue/", "/shops/?province=1&page=1", "PRODUCT", "SHOP"]
)
def test_the_footer_links_to_the_same_page_in_the_other_language(client, live_product, vietnamese_url):
    vietnamese_url = {
        "PRODUCT": live_product.get_absolute_url(),
        "SHOP": live_product.shop.get_absolute_url(),
    }.get(vietnamese_url, vietnamese_url)
    english_url = "/en" + vietnamese_url

    on_vietnamese_page = SWITCH.findall(client.get(vietnamese_url).content.decode())
    on_english_page = SWITCH.findall(client.get(english_url).content.decode())

    assert [(unescape(href), text) for href, text in on_vietnamese_page] == [(english_url, "English")]
    assert [(unescape(href), text) for href, text in on_english_page] == [(vietnamese_url, "Tiếng Việt")]
    # The same URLs Django's own translate_url gives, from each page's language.
    with translation.override("vi"):
        assert translate_url(vietnamese_url, "en") == english_url
    with translation.override("en"):
        assert translate_url(english_url, "vi") == vietnamese_url


def test_the_language_link_leads_to_an_english_page(client, live_product):
    html = client.get(live_product.get_absolute_url()).content.decode()
    href = SWITCH.findall(html)[0][0]

    english = client.get(unescape(href)).content.decode()

    assert "Add to basket" in english and "Thêm vào giỏ" not in english
