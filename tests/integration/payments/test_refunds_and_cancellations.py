"""Money going back: a shop cancelling its paid part, staff cancelling an unpaid order, staff recording
a refund, and late money for an expired order counted once. After every step, what was received
equals what the order keeps plus what is owed back plus what was given back."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.lifecycle import TransitionRefused
from order import transitions as fulfilment
from order.models import OrderStatus, ShopOrderStatus
from payments import matching, transitions
from payments.models import BankTransfer, Payment, PaymentStatus, TransferOutcome
from payments.providers.sepay import SePay
from payments.transitions import payment_cancel_shop_order
from tests.conftest import queued_tasks
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_order

StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db
ACCOUNT = "0011001234567"


@pytest.fixture(autouse=True)
def _collection_account(settings):
    settings.VIETQR_ACCOUNT_NUMBER = ACCOUNT


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


@pytest.fixture
def order():
    """Honey: 2 × 100.000 ₫ + 30.000 ₫ shipping; tea: 50.000 ₫ + 20.000 ₫ shipping = 300.000 ₫."""
    honey = ProductFactory(stock__price=100_000, stock__num_in_stock=5, shop=ShopFactory(shipping_fee=30_000))
    tea = ProductFactory(stock__price=50_000, stock__num_in_stock=1, shop=ShopFactory(shipping_fee=20_000))
    return an_order((honey, 2), (tea, 1))


def pay(payment: Payment, amount: int) -> BankTransfer:
    transfer = BankTransfer.objects.create(
        provider=SePay.code,
        provider_transaction_id=f"T{BankTransfer.objects.count() + 1}",
        amount=amount,
        memo=f"{payment.reference} chuyen tien",
        account_number=ACCOUNT,
    )
    return matching.transfer_process(transfer_id=transfer.pk)


def books_balance(payment: Payment) -> Payment:
    payment.refresh_from_db()
    assert payment.amount_received == payment.amount_kept + payment.refund_due + payment.amount_refunded
    assert payment.amount_kept >= 0
    return payment


def allocated(order) -> dict[str, tuple[int, int]]:
    """(in stock, reserved) per product title."""
    return {
        record.product.title: (record.num_in_stock, record.num_allocated)
        for record in StockRecord.objects.filter(product__in=[line.product for line in order.lines.all()])
    }


def shop_order_of(order, price: int):
    return order.shop_orders.get(lines__unit_price_incl_tax=price)


def test_a_shop_cancels_its_paid_part_the_buyer_is_owed_it_and_the_other_shop_carries_on(
    order, django_capture_on_commit_callbacks
):
    pay(order.payment, 300_000)
    tea = shop_order_of(order, 50_000)
    honey = shop_order_of(order, 100_000)
    vendor = tea.shop.members.get()

    with django_capture_on_commit_callbacks() as callbacks:
        payment_cancel_shop_order(
            shop_order_id=tea.pk, actor=vendor, reason=fulfilment.CancelReason.OUT_OF_STOCK, details="hũ vỡ"
        )

    tea.refresh_from_db()
    payment = books_balance(order.payment)
    order.refresh_from_db()
    assert tea.status == ShopOrderStatus.CANCELLED and tea.cancel_reason == "Hết hàng – hũ vỡ"
    assert tea.events.last().actor == vendor and tea.cancelled_at is not None
    assert (payment.status, payment.amount_due, payment.refund_due) == (PaymentStatus.PAID, 230_000, 70_000)
    assert "huỷ phần đơn" in payment.events.last().note
    assert order.status == OrderStatus.PAID
    honey.refresh_from_db()
    assert honey.status == ShopOrderStatus.PAID
    assert allocated(order)[tea.lines.get().title] == (1, 0)  # back on sale
    assert allocated(order)[honey.lines.get().title] == (5, 2)
    # the buyer hears of it once, from the shop's email, which names the refund
    assert queued_tasks(callbacks) == ["order.tasks.notify_shop_order_event"]


def test_when_every_shop_cancels_the_order_and_its_payment_are_cancelled_and_all_is_owed_back(order):
    pay(order.payment, 300_000)
    for shop_order in order.shop_orders.all():
        payment_cancel_shop_order(
            shop_order_id=shop_order.pk,
            actor=shop_order.shop.members.get(),
            reason=fulfilment.CancelReason.OTHER,
            details="Nghỉ Tết",
        )

    payment = books_balance(order.payment)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert (payment.status, payment.amount_due, payment.refund_due) == (PaymentStatus.CANCELLED, 0, 300_000)
    assert {so.cancel_reason for so in order.shop_orders.all()} == {"Nghỉ Tết"}

    late = pay(payment, 10_000)  # a transfer for a cancelled order is kept to be given back
    assert late.outcome == TransferOutcome.CANCELLED_REFUND
    assert books_balance(payment).refund_due == 310_000


def test_a_shop_cannot_cancel_what_left_unpaid_or_another_shops_order_and_must_say_why(order):
    tea = shop_order_of(order, 50_000)
    vendor = tea.shop.members.get()
    with pytest.raises(fulfilment.TransitionRefused, match="Chờ thanh toán"):
        payment_cancel_shop_order(shop_order_id=tea.pk, actor=vendor, reason="out_of_stock")

    pay(order.payment, 300_000)
    with pytest.raises(PermissionDenied):
        payment_cancel_shop_order(shop_order_id=tea.pk, actor=UserFactory(), reason="out_of_stock")
    with pytest.raises(fulfilment.TransitionRefused) as refused:
        payment_cancel_shop_order(shop_order_id=tea.pk, actor=vendor, reason="other", details="  ")
    assert refused.value.message_dict == {
        "details": ["Hãy viết vài chữ để người mua hiểu vì sao đơn bị huỷ."]
    }
    with pytest.raises(fulfilment.TransitionRefused) as refused:
        payment_cancel_shop_order(shop_order_id=tea.pk, actor=vendor, reason="bored")
    assert refused.value.message_dict == {"reason": ["Hãy chọn lý do huỷ đơn."]}

    fulfilment.shop_order_ship(shop_order_id=tea.pk, actor=vendor, carrier="GHN", tracking_number="GY1")
    with pytest.raises(fulfilment.TransitionRefused, match="Đang giao"):
        payment_cancel_shop_order(shop_order_id=tea.pk, actor=vendor, reason="out_of_stock")
    payment = books_balance(order.payment)
    assert (payment.amount_due, payment.refund_due) == (300_000, 0)


def test_shipping_takes_the_parcel_out_of_the_stock_she_counts(order):
    pay(order.payment, 300_000)
    honey = shop_order_of(order, 100_000)
    title = honey.lines.get().title
    assert allocated(order)[title] == (5, 2)

    fulfilment.shop_order_ship(
        shop_order_id=honey.pk, actor=honey.shop.members.get(), carrier="GHN", tracking_number="GY2"
    )

    assert allocated(order)[title] == (3, 0)


def test_shipping_is_never_blocked_by_a_stock_she_lowered_meanwhile(order):
    pay(order.payment, 300_000)
    honey = shop_order_of(order, 100_000)
    StockRecord.objects.filter(product=honey.lines.get().product).update(num_in_stock=1)

    fulfilment.shop_order_ship(
        shop_order_id=honey.pk, actor=honey.shop.members.get(), carrier="GHN", tracking_number="GY3"
    )

    assert allocated(order)[honey.lines.get().title] == (0, 0)


def test_staff_cancel_a_partly_paid_order_its_stock_goes_back_and_what_came_is_owed_back(
    order, staff, django_capture_on_commit_callbacks
):
    pay(order.payment, 100_000)
    with pytest.raises(TransitionRefused, match="lý do"):
        transitions.payment_cancel(payment_id=order.payment.pk, actor=staff, note=" ")

    with django_capture_on_commit_callbacks() as callbacks:
        transitions.payment_cancel(
            payment_id=order.payment.pk, actor=staff, note="Người mua không chuyển nốt"
        )

    payment = books_balance(order.payment)
    order.refresh_from_db()
    assert (payment.status, payment.refund_due, payment.amount_kept) == (PaymentStatus.CANCELLED, 100_000, 0)
    assert order.status == OrderStatus.CANCELLED
    assert set(order.shop_orders.values_list("status", flat=True)) == {ShopOrderStatus.CANCELLED}
    assert {reserved for __, reserved in allocated(order).values()} == {0}
    event = payment.events.last()
    assert (event.from_status, event.to_status, event.actor) == ("partially_paid", "cancelled", staff)
    assert queued_tasks(callbacks) == ["payments.tasks.notify_payment_event"]

    with pytest.raises(TransitionRefused, match="Chỉ huỷ được"):
        transitions.payment_cancel(payment_id=payment.pk, actor=staff, note="lần nữa")
    with pytest.raises(TransitionRefused, match="đã bị huỷ"):
        transitions.payment_confirm_by_hand(payment_id=payment.pk, actor=staff, note="nhầm")


def test_staff_record_refunds_until_nothing_is_owed_and_never_more(
    order, staff, django_capture_on_commit_callbacks
):
    pay(order.payment, 350_000)  # 50.000 ₫ too much
    payment = books_balance(order.payment)
    assert payment.refund_due == 50_000

    for amount, note, message in [
        (0, "FT1", "từ 1 ₫ đến 50.000"),
        (50_001, "FT1", "50.000"),
        (1, " ", "mã giao dịch"),
    ]:
        with pytest.raises(TransitionRefused, match=message):
            transitions.payment_record_refund(payment_id=payment.pk, actor=staff, amount=amount, note=note)

    with django_capture_on_commit_callbacks() as callbacks:
        transitions.payment_record_refund(
            payment_id=payment.pk, actor=staff, amount=20_000, note="FT2611 VCB"
        )
    payment = books_balance(payment)
    assert (payment.status, payment.refund_due, payment.amount_refunded) == (
        PaymentStatus.PAID,
        30_000,
        20_000,
    )
    event = payment.events.last()
    assert (event.amount, event.note, event.actor) == (-20_000, "FT2611 VCB", staff)
    assert queued_tasks(callbacks) == ["payments.tasks.notify_payment_event"]

    transitions.payment_record_refund(payment_id=payment.pk, actor=staff, amount=30_000, note="FT2612 VCB")
    payment = books_balance(payment)
    assert (payment.refund_due, payment.amount_refunded, payment.amount_remaining) == (0, 50_000, 0)


def test_money_held_while_the_stock_was_gone_counts_once_when_the_order_comes_back(order):
    """Expired; a full transfer arrives when the tea is sold out (held to give back); the tea comes
    back; a second, small transfer reinstates the order. The held money pays the order: only the
    second transfer is owed back, not both."""
    Payment.objects.filter(pk=order.payment.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    transitions.expire_overdue_payments()
    tea = order.lines.get(quantity=1).product
    rival = an_order((tea, 1))

    assert pay(order.payment, 300_000).outcome == TransferOutcome.LATE_REFUND
    assert books_balance(order.payment).refund_due == 300_000

    Payment.objects.filter(pk=rival.payment.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    transitions.expire_overdue_payments()  # the rival never paid: the tea is back
    assert pay(order.payment, 5_000).outcome == TransferOutcome.LATE_REINSTATED

    payment = books_balance(order.payment)
    order.refresh_from_db()
    assert (payment.status, payment.amount_received, payment.refund_due) == (
        PaymentStatus.PAID,
        305_000,
        5_000,
    )
    assert order.status == OrderStatus.PAID


def test_a_buyer_cancels_before_paying_the_stock_comes_back_and_later_money_is_kept_to_refund(order):
    transitions.payment_cancel_by_buyer(payment_id=order.payment.pk)

    payment = books_balance(order.payment)
    order.refresh_from_db()
    assert (payment.status, payment.refund_due) == (PaymentStatus.CANCELLED, 0)
    assert order.status == OrderStatus.CANCELLED
    assert {reserved for __, reserved in allocated(order).values()} == {0}
    assert payment.events.last().note == "Người mua huỷ đơn"

    with pytest.raises(TransitionRefused, match="không huỷ được nữa"):
        transitions.payment_cancel_by_buyer(payment_id=payment.pk)
    assert pay(payment, 300_000).outcome == TransferOutcome.CANCELLED_REFUND  # sent after cancelling
    assert books_balance(payment).refund_due == 300_000


def test_a_buyer_cannot_cancel_once_money_has_come(order):
    pay(order.payment, 1_000)
    with pytest.raises(TransitionRefused, match="đã nhận tiền"):
        transitions.payment_cancel_by_buyer(payment_id=order.payment.pk)
    assert books_balance(order.payment).status == PaymentStatus.PARTIALLY_PAID


def test_the_reason_is_kept_in_vietnamese_for_the_buyer_when_the_vendor_uses_english(order):
    from django.utils import translation

    pay(order.payment, 300_000)
    tea = shop_order_of(order, 50_000)
    with translation.override("en"):
        payment_cancel_shop_order(
            shop_order_id=tea.pk, actor=tea.shop.members.get(), reason="cannot_deliver", details="Đảo xa"
        )
    tea.refresh_from_db()
    assert tea.cancel_reason == "Không giao được đến địa chỉ này – Đảo xa"
