"""What a screen reader gets from the pages as the server sends them (no script run): controls
described by their errors and help, product photos named after the product, the payment page's
time left in words outside its live region, and Vietnamese data marked lang="vi" under /en/."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.services import ProductInput, VariantInput, product_save
from tests.factories import MentorFactory, ProductFactory, ShopFactory, a_picture, an_order

ProductImage = get_model("catalogue", "ProductImage")
pytestmark = pytest.mark.django_db

FINGERPRINT = "5fba2601c30a806f"  # what an import stores as a photo's caption
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """The page's elements, each with its attributes, its text and its parent."""

    def __init__(self, html: str):
        super().__init__()
        self.elements, self._open = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        parent = self._open[-1] if self._open else None
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "parent": parent}
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index]["tag"] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find_all(self, tag=None, **attrs):
        return [
            e
            for e in self.elements
            if (tag is None or e["tag"] == tag)
            and all(e["attrs"].get(name.replace("_", "-")) == value for name, value in attrs.items())
        ]

    def by_id(self, element_id: str):
        found = [e for e in self.elements if e["attrs"].get("id") == element_id]
        assert len(found) == 1, f"{len(found)} elements with id {element_id!r}"
        return found[0]

    @staticmethod
    def ancestors(element):
        while element["parent"] is not None:
            element = element["parent"]
            yield element


def page_of(response) -> Page:
    """The page of a response: a page, or a form sent back with its errors (400)."""
    assert response.status_code in (200, 400), response.status_code
    return Page(response.content.decode())


def descriptions(page: Page) -> dict[str, list[str]]:
    """Each described control's id → its description ids, every one of which must be on the page."""
    described = {}
    for element in page.elements:
        ids = element["attrs"].get("aria-describedby")
        if ids is not None:
            for element_id in ids.split():
                page.by_id(element_id)
            described[element["attrs"].get("id") or element["tag"]] = ids.split()
    return described


def add_to_basket(client, product, quantity=1):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert response.status_code == 302


def test_the_phone_box_is_read_with_its_error_first_then_its_help(client):
    add_to_basket(client, ProductFactory())

    fresh = page_of(client.get(reverse("checkout:index")))
    refused = page_of(client.post(reverse("checkout:index"), {"name": "Mai", "phone": "12"}))

    assert descriptions(fresh)["id_phone"] == ["id_phone_helptext"]
    assert fresh.by_id("id_phone_helptext")["text"] == "Người giao hàng gọi số này."
    error, help_text = descriptions(refused)["id_phone"]
    assert "error-block" in refused.by_id(error)["attrs"]["class"]
    assert "Ví dụ đúng: 0912 345 678" in refused.by_id(error)["text"]
    assert refused.by_id(help_text)["text"] == "Người giao hàng gọi số này."
    assert descriptions(refused)["id_street"] == ["id_street_error1"]


def test_the_vendors_hand_written_forms_name_their_errors_and_help(client):
    shop = ShopFactory()
    client.force_login(shop.members.get())

    certificate = page_of(client.post(reverse("seller:certificate-new"), {"number": ""}))
    shipping = page_of(client.post(reverse("seller:shipping"), {"shipping_fee": "ba mươi"}))
    products = page_of(client.post(reverse("seller:product-new"), {"title": ""}))

    assert descriptions(certificate)["f-stars"] == ["id_stars_error1"]
    assert descriptions(certificate)["f-products"] == ["id_products_error1"]
    assert descriptions(certificate)["id_scan_upload"][-1] == "id_scan_upload_helptext"
    assert descriptions(shipping)["id_shipping_fee"][0] == "id_shipping_fee_error1"
    assert descriptions(products)["id_title"] == ["id_title_error1"]
    assert descriptions(products)["id_photos"] == ["photos-help"]


def test_product_photos_are_named_after_the_product_never_the_imports_fingerprint(client):
    shop = ShopFactory()
    fish_sauce = ProductFactory(shop=shop, title="Nước mắm Cát Hải chai 250ml", category="Gia vị > Nước mắm")
    ProductImage.objects.create(product=fish_sauce, original=a_picture("a.png"), caption=FINGERPRINT)
    honey = product_save(
        shop=shop,
        values=ProductInput(
            title="Mật ong hoa nhãn",
            description="",
            category=None,
            price=None,
            stock=None,
            variants=(VariantInput(name="1 lít", price=280_000, stock=4),),
        ),
        photos=[a_picture("b.png")],
    )
    add_to_basket(client, fish_sauce)
    add_to_basket(client, honey.children.get())
    pages = {
        "product": client.get(fish_sauce.get_absolute_url()),
        "category": client.get(fish_sauce.categories.get().get_absolute_url()),
        "basket": client.get(reverse("basket:summary")),
    }
    client.force_login(shop.members.get())
    pages["seller list"] = client.get(reverse("seller:products"))
    pages["seller form"] = client.get(reverse("seller:product-edit", kwargs={"pk": fish_sauce.pk}))
    client.force_login(MentorFactory(provinces=[shop.province_code]))
    pages["mentor list"] = client.get(reverse("mentor:shop-products", kwargs={"pk": shop.pk}))

    for name, response in pages.items():
        alts = [e["attrs"]["alt"] for e in page_of(response).find_all("img") if e["attrs"].get("alt")]
        assert not [alt for alt in alts if FINGERPRINT in alt], name
        assert any(alt.startswith("Nước mắm Cát Hải chai 250ml") for alt in alts), (name, alts)
    basket_alts = [e["attrs"].get("alt") for e in page_of(pages["basket"]).find_all("img")]
    assert "Mật ong hoa nhãn – 1 lít" in basket_alts


def test_the_time_left_is_in_words_outside_the_live_region_which_holds_the_status(client):
    order = an_order((ProductFactory(), 1))
    path = reverse("payments:order", kwargs={"token": order.verification_hash()})

    page = page_of(client.get(path))
    english = page_of(client.get("/en" + path))

    countdown = page.find_all(data_testid="countdown")[0]
    assert re.fullmatch(r"Còn 23 giờ 59 phút", countdown["text"])
    assert re.fullmatch(r"23 hours 59 minutes left", english.find_all(data_testid="countdown")[0]["text"])
    live_ancestors = [e for e in page.ancestors(countdown) if {"aria-live", "role"} & set(e["attrs"])]
    assert not live_ancestors
    (live,) = page.find_all(aria_live="polite")
    label = page.find_all(data_testid="status-label")[0]
    assert live["attrs"]["role"] == "status" and live in page.ancestors(label)
    assert label["text"] == "Chờ chuyển khoản"


def test_english_pages_mark_vietnamese_data_and_vietnamese_pages_do_not(client):
    shop = ShopFactory(name="HTX Nước mắm Cát Hải", story="Ba thế hệ làm nước mắm.")
    fish_sauce = ProductFactory(shop=shop, title="Nước mắm Cát Hải chai 250ml", category="Gia vị > Nước mắm")
    add_to_basket(client, fish_sauce)
    paths = [fish_sauce.get_absolute_url(), shop.get_absolute_url(), reverse("checkout:index")]

    product, shop_page, checkout = (page_of(client.get("/en" + path)) for path in paths)
    vietnamese = client.get(paths[0]).content.decode()

    marked = [e["text"] for e in product.find_all("span", lang="vi")]
    assert "Nước mắm Cát Hải chai 250ml" in marked and "HTX Nước mắm Cát Hải" in marked
    assert "Nước mắm" in marked  # the category in the breadcrumbs
    assert [e["text"].strip() for e in shop_page.find_all("div", lang="vi")] == ["Ba thế hệ làm nước mắm."]
    provinces = checkout.by_id("id_province_code")
    options = [e for e in checkout.find_all("option") if e["parent"] is provinces]
    assert options[0]["attrs"].get("lang") is None  # "Choose a province"
    assert {e["attrs"].get("lang") for e in options[1:]} == {"vi"}
    assert "HTX Nước mắm Cát Hải" in [e["text"] for e in checkout.find_all("span", lang="vi")]
    assert vietnamese.count('lang="vi"') == 1  # <html lang="vi"> only


def test_the_centres_mark_vietnamese_data_in_english(client):
    shop = ShopFactory(name="HTX Nước mắm Cát Hải")
    ProductFactory(shop=shop, title="Nước mắm Cát Hải chai 250ml")
    seller_path = reverse("seller:products")
    mentor_path = reverse("mentor:shop-products", kwargs={"pk": shop.pk})
    client.force_login(shop.members.get())
    seller = page_of(client.get("/en" + seller_path))
    client.force_login(MentorFactory(provinces=[shop.province_code]))
    mentor = page_of(client.get("/en" + mentor_path))

    assert "Nước mắm Cát Hải chai 250ml" in [e["text"] for e in seller.find_all("span", lang="vi")]
    assert "Nước mắm Cát Hải chai 250ml" in [e["text"] for e in mentor.find_all("span", lang="vi")]
    assert "HTX Nước mắm Cát Hải" in [e["text"] for e in mentor.find_all("span", lang="vi")]
