"""Every page of buyers, vendors, mentors and staff reads in English under /en/: once the data people
typed in Vietnamese is taken out, no Vietnamese letter is left (an untranslated string shows up here)."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from marketplace import geo
from ocop import services as certificates
from ocop.services import CertificateInput
from order.selectors import buyer_order_path as payment_page_path
from order.transitions import Carrier
from payments.transitions import payment_confirm_by_hand
from tests.factories import MentorFactory, ProductFactory, ShopFactory, UserFactory, an_order

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
VIETNAMESE_LETTER = re.compile(
    r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE
)
SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
# What people typed, and the names of places: Vietnamese in every language.
TYPED = [
    "Trà búp Tân Cương",
    "Mật ong bạc hà",
    "HTX Trà Tân Cương",
    "Mật ong Hà Giang",
    "Trần Thị Mai",
    "Trần Mai",
    "Nguyễn Lan",
    "Trần Hoa",
    "12 phố Hàng Bông",
    "Giao giờ hành chính",
    "Sao kê",
    "Chợ Sen",
    "Tiếng Việt",
    "Thực phẩm > Nước mắm",  # the import help's example of a category, as the vendor types it
]


@pytest.fixture
def world():
    tea_shop = ShopFactory(name="HTX Trà Tân Cương", shipping_fee=25_000, free_shipping_from=500_000)
    honey_shop = ShopFactory(name="Mật ong Hà Giang", shipping_fee=30_000)
    tea = ProductFactory(shop=tea_shop, title="Trà búp Tân Cương", stock__price=120_000, category="Trà")
    honey = ProductFactory(shop=honey_shop, title="Mật ong bạc hà", stock__price=250_000)
    vendor, buyer = tea_shop.members.get(), UserFactory(first_name="Mai", last_name="Trần")
    waiting = an_order((tea, 1), buyer=buyer, name="Trần Thị Mai")
    paid = an_order((tea, 2), (honey, 1), buyer=buyer, name="Trần Thị Mai", note="Giao giờ hành chính")
    payment_confirm_by_hand(payment_id=paid.payment.pk, actor=UserFactory(is_staff=True), note="Sao kê")
    certificate = certificates.certificate_save(
        shop=tea_shop,
        actor=vendor,
        values=CertificateInput(
            stars=4,
            number="OCOP-HN-2025-017",
            level="province",
            issued_on=datetime.date(2025, 3, 10),
            expires_on=None,
            product_ids=(tea.pk,),
            scan=ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", name="giay.pdf"),
        ),
    )
    return {
        "tea": tea,
        "waiting": waiting,
        "paid": paid,
        "certificate": certificate,
        "anonymous": None,
        "buyer": buyer,
        "vendor": vendor,
        "mentor": MentorFactory(provinces=[1]),
        "staff": UserFactory(is_staff=True),
    }


def pages(world) -> dict[str, list[str]]:
    """Per person, the English URLs she opens."""
    tea, paid, waiting = world["tea"], world["paid"], world["waiting"]
    with translation.override("en"):
        return {
            "anonymous": [
                reverse("search:search") + "?q=tra",
                reverse("search:search") + "?q=khongcosanphamnay",
                reverse("catalogue:index") + "?price_min=100000&price_max=50000&ocop=4&sort=price_asc",
                tea.shop.get_absolute_url(),
            ],
            "buyer": [
                reverse("basket:summary"),
                reverse("checkout:index"),
                reverse("customer:order-list"),
                reverse("customer:order", kwargs={"order_number": paid.number}),
                payment_page_path(waiting),
                payment_page_path(paid),
            ],
            "vendor": [
                reverse("seller:home"),
                reverse("seller:products"),
                reverse("seller:product-new"),
                reverse("seller:product-edit", kwargs={"pk": tea.pk}),
                reverse("seller:product-delete", kwargs={"pk": tea.pk}),
                reverse("seller:product-import-new"),
                reverse("seller:certificates"),
                reverse("seller:certificate-new"),
                reverse("seller:certificate-edit", kwargs={"pk": world["certificate"].pk}),
                reverse("seller:orders"),
                reverse("seller:order", kwargs={"pk": paid.shop_orders.get(shop=tea.shop).pk}),
                reverse("seller:shipping"),
                reverse("seller:balance"),
                reverse("notifications:inbox"),
                reverse("notifications:channels"),
            ],
            "mentor": [
                reverse("mentor:queue"),
                reverse("reports:report") + "?period=year&year=2026",
                reverse("notifications:channels"),
                reverse("mentor:certificates"),
                reverse("mentor:certificate", kwargs={"pk": world["certificate"].pk}),
                reverse("mentor:shop-products", kwargs={"pk": tea.shop.pk}),
            ],
            "staff": [
                reverse("payments:staff"),
                reverse("payments:staff-payment", kwargs={"pk": paid.payment.pk}),
                reverse("payments:staff-payouts"),
                reverse("payments:staff-commissions"),
                reverse("payments:staff-commission", kwargs={"pk": tea.shop.pk}),
                reverse("reports:report") + "?period=quarter&quarter=2026-Q4",
            ],
        }


def leftovers(html: str) -> list[str]:
    """The lines still holding a Vietnamese letter once scripts and typed data are taken out."""
    html = SCRIPT.sub("", html)
    places = [name for _, name in geo.province_choices()] + [name for _, name in geo.ward_choices(1)]
    # Carriers' brand names are shown as they are; our own "Tự giao" is a stored value, its label is ours.
    carriers = [label for value, label in Carrier.choices if value != Carrier.SELF] + [Carrier.SELF.value]
    typed = TYPED + places + carriers + list(Category.objects.values_list("name", flat=True))
    for text in sorted(typed, key=len, reverse=True):
        html = html.replace(text, "")
    return [line.strip() for line in html.splitlines() if VIETNAMESE_LETTER.search(line)]


def test_every_page_of_every_person_reads_in_english(client, world):
    with translation.override("en"):
        add_to_basket = reverse("basket:add", kwargs={"pk": world["tea"].pk})
    untranslated = {}
    for person, urls in pages(world).items():
        client.logout()
        if world[person] is not None:
            client.force_login(world[person])
        if person == "buyer":
            client.post(add_to_basket, {"quantity": 1})
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (person, url, response.status_code)
            html = response.content.decode()
            assert '<html lang="en"' in html, url
            if found := leftovers(html):
                untranslated[url] = found

    assert untranslated == {}, "\n".join(f"{url}: {lines}" for url, lines in untranslated.items())


def test_form_errors_read_in_english_too(client, world):
    with translation.override("en"):
        add_to_basket = reverse("basket:add", kwargs={"pk": world["tea"].pk})
        checkout, product_new = reverse("checkout:index"), reverse("seller:product-new")
    client.force_login(world["buyer"])
    client.post(add_to_basket, {"quantity": 1})

    checkout_page = client.post(checkout, {"name": "", "phone": "12"}).content.decode()
    client.force_login(world["vendor"])
    product_page = client.post(product_new, {"title": "", "price": "-5"}).content.decode()

    assert "Your order has not been placed." in checkout_page and "This field is required." in checkout_page
    assert "Not saved." in product_page
    assert leftovers(checkout_page) == [] and leftovers(product_page) == []
