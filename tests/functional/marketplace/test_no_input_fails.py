"""No input makes a page fail: hostile strings, huge numbers, NUL bytes and wrong types, thrown by
Hypothesis at every query parameter and every form field of the site's pages, as every kind of
visitor, never get a 500.

Each page is fetched first; the fields of its forms (and the query parameters the views read) are
then filled with drawn values and sent. A new URL of our own apps must be added to PAGES: a test
checks that none is missing.
"""

import datetime
import io
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscar.core.loading import get_model
from PIL import Image

from catalogue.models import ProductImport
from notifications.models import Notification
from ocop.models import OcopCertificate
from payments import matching, transitions
from payments.models import BankTransfer
from payments.providers.sepay import SePay
from tests.factories import MentorFactory, ProductFactory, ShopFactory, UserFactory, an_order
from tests.factories.money import a_paying_shop, delivered, paid_order, paid_out, release_due

ProductImage = get_model("catalogue", "ProductImage")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")

OUR_NAMESPACES = (
    "",
    "shops",
    "seller",
    "mentor",
    "payments",
    "webhooks",
    "accounts",
    "notifications",
    "reports",
)
# fuzzed by their own tests
NOT_PAGES = {"healthz", "set_language", "webhooks:sepay", "webhooks:casso", "webhooks:stripe"}
QUERY_NAMES = (
    "q", "page", "status", "show", "province", "category", "ocop", "price_min", "price_max", "sort",
    "address", "person", "next", "download", "action", "month", "period", "quarter", "year", "from", "to",
)  # fmt: skip

HUGE_NUMBER = "9" * 5000
hostile_text = st.one_of(
    st.sampled_from(
        [
            HUGE_NUMBER,
            "-" + HUGE_NUMBER,
            "1e308",
            "Infinity",
            "NaN",
            "-1",
            "0",
            "1.5",
            "150.000,5",
            "\x00",
            "a\x00b",
            "%00",
            "9999-12-31",
            "0000-00-00",
            "31/02/2025",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            '=HYPERLINK("http://x")',
            "../../etc/passwd",
            "🌸" * 300,
            "x" * 20_000,
            "",
            " ",
            "\t\r\n",
            "true",
            "null",
            "[]",
            "{}",
        ]
    ),  # fmt: skip
    st.text(max_size=60),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def garbage_file(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


hostile_file = st.builds(
    garbage_file,
    st.one_of(st.binary(max_size=300), st.just(b"%PDF-1.4\n<script>1</script>\n%%EOF")),
    st.sampled_from(["a.jpg", "a.pdf", "a.csv", "a.xlsx", "../x.png", "\x00.png", "a" * 300 + ".png"]),
)


FIELD_TAGS = ("input", "select", "textarea", "button")


class Forms(HTMLParser):
    """The POST forms of a page: (action, {field name: "file" | "text"})."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append((attrs.get("action") or "", {}))
        elif tag in FIELD_TAGS and self.forms and attrs.get("name") not in (None, "csrfmiddlewaretoken"):
            self.forms[-1][1][attrs["name"]] = "file" if attrs.get("type") == "file" else "text"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-media")


@pytest.fixture(autouse=True)
def _pages_see_the_worlds_files(_media_in_tmp, settings, world_media):
    settings.MEDIA_ROOT = world_media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media):
    """One of everything a page can be about, kept for the module and rolled back at its end."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=world_media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            shop = ShopFactory()
            vendor = shop.members.get()
            mentor = MentorFactory(provinces=[shop.province_code])
            staff = UserFactory(is_staff=True)
            buyer = UserFactory()
            product = ProductFactory(shop=shop, category="Thực phẩm > Mật ong")
            image = ProductImage.objects.create(
                product=product, original=SimpleUploadedFile("a.png", png()), display_order=0
            )
            order = an_order((product, 1), buyer=buyer)
            paid = an_order((product, 1), buyer=buyer)
            transitions.payment_confirm_by_hand(payment_id=paid.payment.pk, actor=staff, note="đã nhận")
            transfer = BankTransfer.objects.create(
                provider=SePay.code, provider_transaction_id="fuzz-1", amount=1000, memo="khong ro"
            )
            matching.transfer_process(transfer_id=transfer.pk)
            certificate = OcopCertificate.objects.create(
                shop=shop,
                stars=4,
                number="OCOP-1",
                level="province",
                issued_on=datetime.date(2025, 1, 2),
                expires_on=datetime.date(2028, 1, 2),
                scan=SimpleUploadedFile("scan.png", png()),
            )
            certificate.products.add(product)
            product_import = ProductImport.objects.create(shop=shop, file="imports/a.csv", status="done")
            category = ProductCategory.objects.get(product=product).category
            payee = a_paying_shop()
            delivered(paid_order(payee, staff=staff))
            release_due()
            batch = paid_out(payee, staff=staff, sent=False).batch
            notification = Notification.objects.create(
                user=vendor, topic="new_orders", source="fuzz", recipient_key=f"user:{vendor.pk}",
                headline="Đơn mới", path="/seller/",
            )  # fmt: skip
            yield {
                "users": {"guest": None, "buyer": buyer, "vendor": vendor, "mentor": mentor, "staff": staff},
                "shop": shop,
                "product": product,
                "image": image,
                "order": order,
                "paid": paid,
                "transfer": transfer,
                "certificate": certificate,
                "import": product_import,
                "category": category,
                "batch": batch,
                "notification": notification,
            }
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# URL name → its keyword arguments, from the world.
PAGES = {
    "home": lambda w: {},
    "shops:directory": lambda w: {},
    "shops:detail": lambda w: {"slug": w["shop"].slug},
    "seller:home": lambda w: {},
    "seller:application": lambda w: {},
    "seller:invite": lambda w: {},
    "seller:accept-invitation": lambda w: {"pk": 1},
    "seller:wards": lambda w: {},
    "seller:products": lambda w: {},
    "seller:product-new": lambda w: {},
    "seller:product-edit": lambda w: {"pk": w["product"].pk},
    "seller:product-photo": lambda w: {"pk": w["product"].pk, "image_pk": w["image"].pk, "action": "up"},
    "seller:product-visibility": lambda w: {"pk": w["product"].pk},
    "seller:product-delete": lambda w: {"pk": w["product"].pk},
    "seller:product-import-new": lambda w: {},
    "seller:product-import": lambda w: {"pk": w["import"].pk},
    "seller:product-import-status": lambda w: {"pk": w["import"].pk},
    "seller:product-import-rejected": lambda w: {"pk": w["import"].pk},
    "seller:certificates": lambda w: {},
    "seller:certificate-new": lambda w: {},
    "seller:certificate-edit": lambda w: {"pk": w["certificate"].pk},
    "seller:orders": lambda w: {},
    "seller:order": lambda w: {"pk": w["paid"].shop_orders.get().pk},
    "seller:shipping": lambda w: {},
    "seller:balance": lambda w: {},
    "seller:certificate-scan": lambda w: {"pk": w["certificate"].pk},
    "seller:product-import-file": lambda w: {"pk": w["import"].pk},
    "mentor:certificate-scan": lambda w: {"pk": w["certificate"].pk},
    "accounts:second-step": lambda w: {},
    "accounts:second-step-setup": lambda w: {},
    "accounts:recovery-codes": lambda w: {},
    "seller:statement-csv": lambda w: {},
    "seller:statement-xlsx": lambda w: {},
    "mentor:queue": lambda w: {},
    "mentor:shop": lambda w: {"pk": w["shop"].pk},
    "mentor:assignments": lambda w: {},
    "mentor:certificates": lambda w: {},
    "mentor:certificate": lambda w: {"pk": w["certificate"].pk},
    "mentor:shop-products": lambda w: {"pk": w["shop"].pk},
    "mentor:product-hide": lambda w: {"pk": w["product"].pk},
    "payments:order": lambda w: {"token": w["order"].verification_hash()},
    "payments:status": lambda w: {"token": w["order"].verification_hash()},
    "payments:qr": lambda w: {"token": w["order"].verification_hash()},
    "payments:cancel": lambda w: {"token": w["order"].verification_hash()},
    "payments:card": lambda w: {"token": w["order"].verification_hash()},
    "payments:staff": lambda w: {},
    "payments:staff-assign": lambda w: {"pk": w["transfer"].pk},
    "payments:staff-payment": lambda w: {"pk": w["paid"].payment.pk},
    "payments:staff-payouts": lambda w: {},
    "payments:staff-batch-new": lambda w: {},
    "payments:staff-batch": lambda w: {"pk": w["batch"].pk},
    "payments:staff-batch-csv": lambda w: {"pk": w["batch"].pk},
    "payments:staff-batch-xlsx": lambda w: {"pk": w["batch"].pk},
    "payments:staff-commissions": lambda w: {},
    "payments:staff-commission": lambda w: {"pk": w["shop"].pk},
    "reports:report": lambda w: {},
    "reports:download": lambda w: {"name": "provinces", "fmt": "xlsx"},
    "notifications:inbox": lambda w: {},
    "notifications:read-all": lambda w: {},
    "notifications:channels": lambda w: {},
    "notifications:push-subscribe": lambda w: {},
    "notifications:push-unsubscribe": lambda w: {},
    "short-link": lambda w: {"code": w["notification"].short_code},
    "service-worker": lambda w: {},
    "manifest": lambda w: {"centre": "seller"},
    # Oscar's pages that buyers use
    "catalogue:index": lambda w: {},
    "catalogue:detail": lambda w: {"product_slug": w["product"].slug, "pk": w["product"].pk},
    "catalogue:category": lambda w: {"category_slug": w["category"].full_slug, "pk": w["category"].pk},
    "search:search": lambda w: {},
    "basket:summary": lambda w: {},
    "basket:add": lambda w: {"pk": w["product"].pk},
    "checkout:index": lambda w: {},
    "customer:login": lambda w: {},
    "customer:register": lambda w: {},
    "customer:summary": lambda w: {},
    "customer:order-list": lambda w: {},
    "customer:order": lambda w: {"order_number": w["paid"].number},
    "customer:order-line": lambda w: {"order_number": w["paid"].number, "line_id": w["paid"].lines.get().pk},
    "password-reset": lambda w: {},
    "password-reset-done": lambda w: {},
    "password-reset-confirm": lambda w: {"uidb64": "MQ", "token": "set-password"},
    "password-reset-complete": lambda w: {},
}


def our_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name and namespace in OUR_NAMESPACES:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return names - NOT_PAGES


def test_every_page_of_our_apps_is_fuzzed():
    assert our_url_names() <= set(PAGES), sorted(our_url_names() - set(PAGES))


def signed_in(world, role: str) -> Client:
    client = Client(raise_request_exception=True)
    if world["users"][role] is not None:
        client.force_login(world["users"][role])
    return client


def post_forms(client, url: str) -> list[tuple[str, dict[str, str]]]:
    """The page's POST forms; a page that is only a POST target gets its own URL with no known fields."""
    response = client.get(url)
    parser = Forms()
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        parser.feed(response.content.decode())
    forms = [(urlsplit(action).path or url, fields) for action, fields in parser.forms]
    return forms or [(url, {})]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["guest", "buyer", "vendor", "mentor", "staff"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_query_or_form_value_makes_a_page_fail(world, role, name):
    url = reverse(name, kwargs=PAGES[name](world))
    client = signed_in(world, role)
    forms = post_forms(client, url)  # read once, before any hostile value changes what the page shows

    @settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def no_value_fails(data):
        query = data.draw(
            st.dictionaries(st.sampled_from(QUERY_NAMES), hostile_text, max_size=4), label="query"
        )
        answered = client.get(url, query)
        assert answered.status_code < 500, (url, query)
        for action, fields in forms:
            values = {
                field: data.draw(hostile_file if kind == "file" else hostile_text, label=field)
                for field, kind in fields.items()
            }
            values.update(data.draw(st.dictionaries(st.sampled_from(QUERY_NAMES), hostile_text, max_size=2)))
            answered = client.post(action, values)
            assert answered.status_code < 500, (action, values)

    no_value_fails()
