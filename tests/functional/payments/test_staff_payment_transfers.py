"""The staff payment page shows every transfer of the payment with the account the bank feed
reported on the other side, so staff know where to send money back, and tells them to put the
payment reference in the refund's memo: the feed then records the refund by itself."""

import re

import pytest
from django.urls import reverse

from payments.models import Payment, TransferOutcome
from payments.reconciliation import books_problems
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_order
from tests.factories.money import bank_feed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _books_balance_at_the_end():
    yield
    assert list(books_problems()) == []


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())


@pytest.fixture
def overpaid():
    """An order of 180.000 ₫ paid 200.000 ₫ by Trần Thị Mai from her Techcombank account."""
    product = ProductFactory(shop=ShopFactory(shipping_fee=30_000), stock__price=150_000)
    order = an_order((product, 1))
    transfer = bank_feed(
        amount=200_000,
        memo=f"MBVCB.123.{order.payment.reference}.CT tu 1903",
        incoming=True,
        counter_account_number="19033334444",
        counter_account_name="TRAN THI MAI",
        counter_bank_name="Techcombank",
    )
    assert transfer.outcome == TransferOutcome.OVERPAID
    return Payment.objects.get(pk=order.payment.pk)


def test_each_transfer_shows_the_account_on_the_other_side_as_the_feed_reported_it(client, overpaid):
    client.force_login(UserFactory(is_staff=True))

    html = client.get(reverse("payments:staff-payment", kwargs={"pk": overpaid.pk})).content.decode()

    transfers = text_of(re.search(r'data-testid="transfers".*?</section>', html, re.DOTALL).group(0))
    assert "Tiền vào 200.000 ₫" in transfers and "Thừa tiền" in transfers
    assert "Người chuyển TRAN THI MAI" in transfers
    assert "Số tài khoản 19033334444 Chép" in transfers
    assert "Ngân hàng Techcombank" in transfers


def test_the_refund_says_to_put_the_payment_reference_in_the_memo(client, overpaid):
    client.force_login(UserFactory(is_staff=True))

    html = client.get(reverse("payments:staff-payment", kwargs={"pk": overpaid.pk})).content.decode()

    refund = text_of(re.search(r'data-testid="refund-form".*?</section>', html, re.DOTALL).group(0))
    assert "Chuyển trả 20.000 ₫ từ tài khoản thu về tài khoản người mua đã chuyển đến" in refund
    assert f"Nội dung chuyển khoản {overpaid.reference} Chép" in refund
    assert f"Ghi mã thanh toán {overpaid.reference} vào nội dung chuyển khoản" in refund
    assert "hệ thống tự ghi nhận đã hoàn tiền" in refund
    assert 'nonce="' in html and "data-copy-status" in html


def test_a_refund_sent_with_the_reference_is_recorded_by_the_feed_and_shown(client, overpaid):
    bank_feed(
        amount=20_000,
        memo=f"HOAN TIEN {overpaid.reference}",
        incoming=False,
        counter_account_number="19033334444",
        counter_account_name="TRAN THI MAI",
        counter_bank_name="Techcombank",
    )
    client.force_login(UserFactory(is_staff=True))

    html = client.get(reverse("payments:staff-payment", kwargs={"pk": overpaid.pk})).content.decode()

    overpaid.refresh_from_db()
    assert (overpaid.refund_due, overpaid.amount_refunded) == (0, 20_000)
    transfers = text_of(re.search(r'data-testid="transfers".*?</section>', html, re.DOTALL).group(0))
    assert "Tiền ra 20.000 ₫" in transfers and "Hoàn tiền cho người mua" in transfers
    assert "Người nhận TRAN THI MAI" in transfers
    assert 'data-testid="refund-form"' not in html


def test_a_feed_that_reports_no_account_says_where_to_look(client):
    product = ProductFactory(stock__price=100_000)
    order = an_order((product, 1))
    bank_feed(amount=order.payment.amount_due, memo=order.payment.reference, incoming=True)
    client.force_login(UserFactory(is_staff=True))

    page = text_of(
        client.get(reverse("payments:staff-payment", kwargs={"pk": order.payment.pk})).content.decode()
    )

    assert "Người chuyển" not in page  # nothing to show
    assert "Nguồn dữ liệu ngân hàng không báo tài khoản đối ứng: xem trên sao kê của ngân hàng." in page
