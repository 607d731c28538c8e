"""Checkout on one page, the buyer's VietQR page, its status endpoint and QR picture, staff pages."""

import io

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from marketplace import geo
from order.selectors import buyer_order_path as payment_page_path
from payments import matching
from payments.models import BankTransfer, PaymentStatus, TransferOutcome
from payments.providers.casso import Casso
from payments.providers.sepay import SePay
from payments.selectors import payment_qr_payload
from payments.vietqr import vietqr_payload
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_order

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db
WARD = geo.ward_choices(1)[0][0]


def delivery_form(**overrides) -> dict:
    values = {
        "name": "Trần Thị Mai",
        "phone": "0912 345 678",
        "province_code": "1",
        "ward_code": str(WARD),
        "street": "12 phố Hàng Bông",
        "email": "",
        "note": "Giao giờ hành chính",
    }
    return {**values, **overrides}


def add_to_basket(client, product, quantity=1):
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}, follow=False
    )
    assert response.status_code in (200, 302)


def test_an_empty_basket_goes_back_to_the_basket(client):
    assert client.get(reverse("checkout:index")).url == reverse("basket:summary")


def test_a_guest_checks_out_two_shops_and_lands_on_the_qr_page(client, settings):
    settings.VIETQR_BANK_BIN, settings.VIETQR_ACCOUNT_NUMBER = "970436", "0011001234567"
    tea = ProductFactory(stock__price=120_000, shop=ShopFactory(name="Chè Tân Cương", shipping_fee=25_000))
    honey = ProductFactory(stock__price=90_000, shop=ShopFactory(name="Mật ong Bắc Kạn", shipping_fee=30_000))
    add_to_basket(client, tea, 2)
    add_to_basket(client, honey)

    page = client.get(reverse("checkout:index"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chè Tân Cương" in html and "Mật ong Bắc Kạn" in html
    assert "385.000\xa0₫" in html  # 240.000 + 25.000 + 90.000 + 30.000

    response = client.post(reverse("checkout:index"), delivery_form())
    order = Order.objects.get()
    assert response.status_code == 302 and response.url == payment_page_path(order)
    assert order.shipping_address.phone_number.as_e164 == "+84912345678"
    assert order.shipping_address.ward_code == WARD and order.shipping_address.notes == "Giao giờ hành chính"

    pay = client.get(response.url).content.decode()
    assert order.payment.reference in pay and "0011001234567" in pay and "Vietcombank" in pay
    assert "385.000\xa0₫" in pay and 'data-testid="save-qr"' in pay
    assert pay.count("data-copy ") + pay.count("data-copy>") == 5  # bank, account, holder, amount, memo
    assert client.get(reverse("basket:summary")).context["basket"].is_empty


def test_wrong_delivery_details_get_vietnamese_messages_and_keep_what_was_typed(client):
    add_to_basket(client, ProductFactory())
    other_province_ward = geo.ward_choices(79)[0][0]
    response = client.post(
        reverse("checkout:index"),
        delivery_form(phone="12345", ward_code=str(other_province_ward), street=""),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Số điện thoại không hợp lệ" in html
    assert "Trần Thị Mai" in html and "Giao giờ hành chính" in html
    assert not Order.objects.exists()
    form = response.context["form"]
    assert set(form.errors) == {"phone", "ward_code", "street"}


def test_the_last_unit_taken_meanwhile_is_explained_and_nothing_is_lost(client):
    jar = ProductFactory(stock__num_in_stock=1)
    add_to_basket(client, jar)
    StockRecord.objects.filter(product=jar).update(num_allocated=1)
    response = client.post(reverse("checkout:index"), delivery_form())
    assert response.status_code == 409
    assert "đã hết hàng" in response.content.decode()
    assert not Order.objects.exists()
    assert not client.get(reverse("basket:summary")).context["basket"].is_empty


def test_a_signed_in_buyer_finds_her_last_address_filled_in(client):
    buyer = UserFactory()
    an_order((ProductFactory(), 1), buyer=buyer, street="5 ngõ Huế")
    client.force_login(buyer)
    add_to_basket(client, ProductFactory())
    form = client.get(reverse("checkout:index")).context["form"]
    assert form.initial["street"] == "5 ngõ Huế" and form.initial["ward_code"] == WARD


def test_the_status_endpoint_and_the_qr_follow_the_payment(client, settings):
    settings.VIETQR_BANK_BIN, settings.VIETQR_ACCOUNT_NUMBER = "970436", "0011001234567"
    order = an_order((ProductFactory(stock__price=100_000, shop__shipping_fee=20_000), 1))
    token = order.verification_hash()
    state = client.get(reverse("payments:status", args=[token])).json()
    assert state["status"] == "pending" and state["open"] and state["amount_remaining"] == 120_000
    assert 0 < state["seconds_left"] <= 24 * 3600

    assert payment_qr_payload(payment=order.payment) == vietqr_payload(
        bank_bin="970436", account_number="0011001234567", amount=120_000, memo=order.payment.reference
    )
    png = client.get(reverse("payments:qr", args=[token]) + "?download=1")
    assert png["Content-Type"] == "image/png" and "attachment" in png["Content-Disposition"]
    assert Image.open(io.BytesIO(png.content)).size[0] >= 200

    transfer = BankTransfer.objects.create(
        provider=SePay.code, provider_transaction_id="1", amount=20_000, memo=order.payment.reference
    )
    matching.transfer_process(transfer_id=transfer.pk)
    state = client.get(reverse("payments:status", args=[token])).json()
    assert state["status"] == PaymentStatus.PARTIALLY_PAID and state["amount_remaining"] == 100_000
    assert "Đã nhận 20.000\xa0₫" in client.get(payment_page_path(order)).content.decode()

    transfer = BankTransfer.objects.create(
        provider=SePay.code, provider_transaction_id="2", amount=100_000, memo=order.payment.reference
    )
    matching.transfer_process(transfer_id=transfer.pk)
    state = client.get(reverse("payments:status", args=[token])).json()
    assert state["status"] == "paid" and not state["open"]
    assert client.get(reverse("payments:qr", args=[token])).status_code == 410


def test_a_wrong_or_forged_link_is_not_found(client):
    order = an_order((ProductFactory(), 1))
    assert client.get(reverse("payments:order", args=[f"{order.number}:forged"])).status_code == 404
    assert client.get(reverse("payments:status", args=["999999:x"])).status_code == 404


def test_the_payment_page_makes_the_same_queries_for_one_shop_or_three(client, django_assert_max_num_queries):
    one = an_order((ProductFactory(), 1))
    three = an_order((ProductFactory(), 1), (ProductFactory(), 2), (ProductFactory(), 1))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as baseline:
        client.get(payment_page_path(one))
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        assert client.get(payment_page_path(three)).status_code == 200


@pytest.mark.parametrize(
    "who, expected",
    [("anonymous", 302), ("buyer", 302), ("vendor", 302), ("staff", 200)],
)
def test_only_union_staff_reach_the_reconciliation_pages(client, who, expected):
    order = an_order((ProductFactory(), 1))
    people = {
        "buyer": UserFactory(),
        "vendor": order.shop_orders.get().shop.members.first(),
        "staff": UserFactory(is_staff=True),
    }
    if who in people:
        client.force_login(people[who])
    assert client.get(reverse("payments:staff")).status_code == expected
    assert client.get(reverse("payments:staff-payment", args=[order.payment.pk])).status_code == expected


def test_staff_assign_an_unmatched_transfer_and_confirm_a_payment_by_hand(client):
    order, other = an_order((ProductFactory(stock__price=50_000), 1)), an_order((ProductFactory(), 1))
    transfer = BankTransfer.objects.create(
        provider=Casso.code, provider_transaction_id="9", amount=order.payment.amount_due, memo="mua hang"
    )
    matching.transfer_process(transfer_id=transfer.pk)
    client.force_login(UserFactory(is_staff=True))
    assert "mua hang" in client.get(reverse("payments:staff")).content.decode()

    response = client.post(
        reverse("payments:staff-assign", args=[transfer.pk]),
        {"order_number": order.number, "note": "gọi điện"},
    )
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.outcome == TransferOutcome.PAID and transfer.payment == order.payment

    url = reverse("payments:staff-payment", args=[other.payment.pk])
    refused = client.post(url, {"note": ""})
    assert refused.status_code == 400 and not refused.context["forms"]["confirm"].is_valid()
    assert client.post(url, {"note": "Sao kê ngày 23/11"}).status_code == 302
    other.payment.refresh_from_db()
    assert other.payment.status == PaymentStatus.PAID


def test_staff_cancel_a_partly_paid_order_then_record_the_refund_and_the_buyer_sees_both(client):
    order = an_order((ProductFactory(stock__price=100_000), 1))
    transfer = BankTransfer.objects.create(
        provider=SePay.code, provider_transaction_id="P1", amount=40_000, memo=order.payment.reference
    )
    matching.transfer_process(transfer_id=transfer.pk)
    client.force_login(UserFactory(is_staff=True))
    url = reverse("payments:staff-payment", args=[order.payment.pk])
    assert 'data-testid="cancel-payment"' in client.get(url).content.decode()

    refused = client.post(url, {"action": "cancel", "note": " "})
    assert refused.status_code == 400 and "cancel" in refused.context["forms"]
    assert not refused.context["forms"]["cancel"].is_valid()
    assert client.post(url, {"action": "cancel", "note": "Người mua đổi ý"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Đã huỷ" in page and 'data-testid="refund-form"' in page and "40.000" in page

    too_much = client.post(url, {"action": "refund", "amount": "40.001", "note": "FT1"})
    assert too_much.status_code == 400
    assert "Số tiền hoàn phải từ 1 ₫ đến 40.000" in too_much.content.decode()
    assert client.post(url, {"action": "refund", "amount": "40.000", "note": "FT2611"}).status_code == 302
    order.payment.refresh_from_db()
    assert (order.payment.status, order.payment.refund_due, order.payment.amount_refunded) == (
        "cancelled",
        0,
        40_000,
    )

    buyer_page = client.get(reverse("payments:order", args=[order.verification_hash()])).content.decode()
    assert "Đơn đã huỷ" in buyer_page and "Đã hoàn lại cho bạn 40.000" in buyer_page
    assert "Người mua đổi ý" in buyer_page  # the reason, on each shop's part
    assert client.post(url, {"action": "bogus"}).status_code == 400


def test_the_buyer_cancels_her_unpaid_order_from_its_page_and_a_forged_link_cannot(client):
    order = an_order((ProductFactory(stock__price=100_000), 1))
    page_url = reverse("payments:order", args=[order.verification_hash()])
    assert 'data-testid="buyer-cancel"' in client.get(page_url).content.decode()
    forged = reverse("payments:cancel", args=[f"{order.number}:forged"])
    assert client.post(forged).status_code == 404
    assert client.get(reverse("payments:cancel", args=[order.verification_hash()])).status_code == 405

    response = client.post(reverse("payments:cancel", args=[order.verification_hash()]), follow=True)

    page = response.content.decode()
    assert "Đã huỷ đơn hàng." in page and 'data-testid="buyer-cancel"' not in page
    order.payment.refresh_from_db()
    assert order.payment.status == PaymentStatus.CANCELLED
    again = client.post(reverse("payments:cancel", args=[order.verification_hash()]), follow=True)
    assert "không huỷ được nữa" in again.content.decode()


def test_a_signed_in_buyers_order_page_shows_the_payment_and_each_shops_status(client):
    buyer = UserFactory()
    order = an_order((ProductFactory(shop__name="Chè Tân Cương"), 1), (ProductFactory(), 1), buyer=buyer)
    client.force_login(buyer)
    html = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()
    assert payment_page_path(order) in html and "Chờ chuyển khoản" in html
    assert "Chè Tân Cương" in html and html.count("Chờ thanh toán") == 2


def test_the_basket_shows_each_shops_fee_and_a_total_that_includes_them(client):
    tea = ProductFactory(stock__price=120_000, shop=ShopFactory(shipping_fee=25_000))
    honey = ProductFactory(
        stock__price=90_000, shop=ShopFactory(shipping_fee=30_000, free_shipping_from=150_000)
    )
    add_to_basket(client, tea)
    add_to_basket(client, honey)
    response = client.get(reverse("basket:summary"))
    html = response.content.decode()
    assert "25.000\xa0₫" in html and "30.000\xa0₫" in html
    assert "Mua thêm 60.000\xa0₫ để được miễn phí giao hàng" in html
    assert response.context["order_total"].incl_tax == 120_000 + 25_000 + 90_000 + 30_000
