"""Inputs a careless user or an attacker can send get a clear answer, never a 500: numbers too long
for int(), Infinity and NaN in a signed bank feed, NUL characters, impossible dates, ids that do not
exist. (The property-based test in test_no_input_fails.py throws many more at every page.)"""

import json

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.models import ProductImport  # noqa: F401  (the import page below lists imports)
from payments.models import BankTransfer, WebhookCall
from shops.models import ShopStatus
from tests.factories import MentorFactory, ProductFactory, ShopFactory, UserFactory, an_order
from tests.functional.payments.test_bank_webhooks import SEPAY_KEY, post_sepay, sepay_body

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db

HUGE = "9" * 5000


@pytest.fixture(autouse=True)
def _feed_keys(settings):
    settings.SEPAY_API_KEY = SEPAY_KEY


@pytest.fixture
def shop():
    return ShopFactory()


@pytest.fixture
def vendor(client, shop):
    client.force_login(shop.members.get())
    return client


def test_a_price_of_five_thousand_digits_is_refused_on_the_form(vendor):
    response = vendor.post(
        reverse("seller:product-new"),
        {
            "title": "Mật ong",
            "price": HUGE,
            "stock": HUGE,
            "variants-TOTAL_FORMS": "1",
            "variants-INITIAL_FORMS": "0",
            "variants-0-name": "chai 1 lít",
            "variants-0-price": HUGE,
            "variants-0-stock": "1",
        },
    )
    assert response.status_code == 400
    assert "Giá (₫) quá lớn." in response.content.decode()
    assert not Product.objects.exists()


def test_a_shipping_fee_of_five_thousand_digits_is_refused_on_the_form(vendor, shop):
    response = vendor.post(reverse("seller:shipping"), {"shipping_fee": HUGE, "free_shipping_from": HUGE})
    assert response.status_code == 200 and "quá lớn" in response.content.decode()
    shop.refresh_from_db()
    assert shop.shipping_fee == 30_000


@pytest.mark.parametrize("amount", ["Infinity", "-Infinity", "NaN", "1e30", "1e300"])
def test_a_signed_sepay_amount_that_is_not_a_real_number_is_malformed(client, amount):
    order = an_order((ProductFactory(), 1))
    raw = json.dumps(sepay_body(order.payment.reference)).replace(
        '"transferAmount": 150000', f'"transferAmount": {amount}'
    )

    response = client.post(
        reverse("webhooks:sepay"),
        data=raw,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Apikey {SEPAY_KEY}",
    )

    assert response.status_code == 400
    assert WebhookCall.objects.get().error.startswith("amount") and not BankTransfer.objects.exists()


def test_nul_characters_in_a_webhook_are_stored_written_out_and_never_fail(client):
    forged = client.post(
        reverse("webhooks:sepay"), data=b'{"id": "a\x00b"}\x00', content_type="application/json"
    )
    assert forged.status_code == 401
    assert WebhookCall.objects.get().body == '{"id": "a\\x00b"}\\x00'

    order = an_order((ProductFactory(), 1))
    signed = post_sepay(client, {**sepay_body(order.payment.reference), "content": "CK\u0000 don hang"})
    assert signed.status_code == 200
    assert BankTransfer.objects.get().memo == "CK don hang"


@pytest.mark.parametrize(
    "url",
    ["seller:products", "seller:orders"],
)
def test_a_nul_in_the_vendors_search_box_finds_nothing_rather_than_failing(vendor, url):
    assert vendor.get(reverse(url), {"q": "a\x00b"}).status_code == 200


def test_a_nul_in_the_mentors_lists_and_the_storefront_search_never_fails(client, shop):
    client.force_login(MentorFactory(provinces=[shop.province_code]))
    assert (
        client.get(reverse("mentor:shop-products", kwargs={"pk": shop.pk}), {"q": "a\x00b"}).status_code
        == 200
    )
    assert client.get(reverse("mentor:queue"), {"status": "sub\x00mitted"}).status_code == 200
    assert client.get(reverse("search:search"), {"q": "nuoc\x00mam"}).status_code == 200
    note = client.post(
        reverse("mentor:product-hide", kwargs={"pk": ProductFactory(shop=shop).pk}), {"reason": "ảnh\x00 sai"}
    )
    assert note.status_code == 302
    assert Product.objects.get(shop=shop).staff_hides.get().reason == "ảnh sai"


@pytest.mark.parametrize("province", ["Hà Nội", HUGE, "-1", "1e3"])
def test_a_province_that_is_not_a_province_is_reported_on_the_application(client, province):
    client.force_login(UserFactory())
    response = client.post(reverse("seller:application"), {"name": "HTX Mật ong", "province_code": province})
    assert response.status_code == 200
    assert "province_code" in response.context["form"].errors
    assert client.get(reverse("seller:wards"), {"province": province}).json() == {"wards": []}


def test_a_certificate_issued_on_9999_12_31_gets_a_message_not_a_500(vendor, shop):
    product = ProductFactory(shop=shop)
    response = vendor.post(
        reverse("seller:certificate-new"),
        {
            "stars": "4",
            "number": "OCOP-1",
            "level": "province",
            "issued_on": "9999-12-31",
            "expires_on": "",
            "products": [product.pk],
            "scan_upload": __import__(
                "tests.functional.seller.test_seller_product_pages", fromlist=["jpeg"]
            ).jpeg(),
        },
    )
    assert response.status_code == 400
    assert "Ngày cấp không thể sau hôm nay." in response.content.decode()


def test_staff_posting_to_a_payment_or_transfer_that_does_not_exist_get_404(client):
    client.force_login(UserFactory(is_staff=True))
    assert (
        client.post(
            reverse("payments:staff-payment", kwargs={"pk": 999999}), {"action": "confirm", "note": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("payments:staff-assign", kwargs={"pk": 999999}), {"order_number": "1"}
        ).status_code
        == 404
    )


def test_an_order_line_that_does_not_exist_answers_404(client):
    buyer = UserFactory()
    order = an_order((ProductFactory(), 1), buyer=buyer)
    client.force_login(buyer)
    url = reverse("customer:order-line", kwargs={"order_number": order.number, "line_id": 999999})
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "reorder"}).status_code == 404


def test_a_suspended_shops_page_still_answers_with_hostile_filters(client):
    shop = ShopFactory(status=ShopStatus.SUSPENDED)
    response = client.get(
        reverse("shops:detail", kwargs={"slug": shop.slug}),
        {"price_min": HUGE, "province": HUGE, "page": HUGE},
    )
    assert response.status_code == 200
