"""Each kind of transfer a bank feed reports, and what it does to the payment and the order."""

from datetime import timedelta

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.lifecycle import TransitionRefused
from order.models import OrderStatus, ShopOrderStatus
from payments import matching, transitions
from payments.models import BankTransfer, PaymentStatus, TransferOutcome
from payments.providers.sepay import SePay
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_order

StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db
ACCOUNT = "0011001234567"


@pytest.fixture(autouse=True)
def _collection_account(settings):
    settings.VIETQR_BANK_BIN = "970436"
    settings.VIETQR_ACCOUNT_NUMBER = ACCOUNT


def a_transfer(amount: int, memo: str, *, incoming=True, account=ACCOUNT, txn=None) -> BankTransfer:
    return BankTransfer.objects.create(
        provider=SePay.code,
        provider_transaction_id=txn or f"T{BankTransfer.objects.count() + 1}",
        incoming=incoming,
        amount=amount,
        memo=memo,
        account_number=account,
    )


def process(transfer: BankTransfer) -> BankTransfer:
    return matching.transfer_process(transfer_id=transfer.pk)


@pytest.fixture
def order():
    """Two shops: 2 × 100.000 ₫ + 30.000 ₫ shipping, and 50.000 ₫ + 20.000 ₫ shipping = 300.000 ₫."""
    first = ProductFactory(stock__price=100_000, shop=ShopFactory(shipping_fee=30_000))
    second = ProductFactory(stock__price=50_000, stock__num_in_stock=1, shop=ShopFactory(shipping_fee=20_000))
    return an_order((first, 2), (second, 1))


def test_the_exact_amount_pays_the_order_and_every_shop_order(order):
    payment = order.payment
    assert payment.amount_due == 300_000

    transfer = process(a_transfer(300_000, f"{payment.reference} thanh toan don hang"))

    payment.refresh_from_db()
    order.refresh_from_db()
    assert transfer.outcome == TransferOutcome.PAID and transfer.payment == payment
    assert payment.status == PaymentStatus.PAID and payment.amount_received == 300_000
    assert payment.paid_at is not None and payment.refund_due == 0
    assert order.status == OrderStatus.PAID
    assert set(order.shop_orders.values_list("status", flat=True)) == {ShopOrderStatus.PAID}
    assert list(payment.events.values_list("from_status", "to_status", "amount")) == [
        ("", PaymentStatus.PENDING, 0),
        (PaymentStatus.PENDING, PaymentStatus.PAID, 300_000),
    ]


@pytest.mark.parametrize(
    "memo",
    [
        "MBVCB.3278126.{ref}.CT tu 0011004412 NGUYEN THI MAI toi 0011001234567",
        "{spaced} chuyen tien",
        "IBFT {lower}",
        "thanh toán-{ref}-cảm ơn",
    ],
)
def test_the_reference_is_found_however_the_bank_mangled_the_memo(order, memo):
    reference = order.payment.reference
    spaced = " ".join([reference[:3], reference[3:6], reference[6:]])
    mangled = memo.format(ref=reference, spaced=spaced, lower=reference.lower())
    transfer = process(a_transfer(300_000, mangled))
    assert transfer.outcome == TransferOutcome.PAID


def test_less_is_partially_paid_and_the_rest_completes_it(order):
    payment = order.payment
    first = process(a_transfer(100_000, payment.reference))
    payment.refresh_from_db()
    assert first.outcome == TransferOutcome.PARTIAL
    assert payment.status == PaymentStatus.PARTIALLY_PAID and payment.amount_remaining == 200_000
    assert set(order.shop_orders.values_list("status", flat=True)) == {ShopOrderStatus.AWAITING_PAYMENT}

    second = process(a_transfer(200_000, payment.reference))
    payment.refresh_from_db()
    assert second.outcome == TransferOutcome.PAID
    assert payment.status == PaymentStatus.PAID and payment.amount_received == 300_000


def test_more_is_paid_and_flagged_for_a_refund_of_the_difference(order):
    transfer = process(a_transfer(350_000, order.payment.reference))
    order.payment.refresh_from_db()
    assert transfer.outcome == TransferOutcome.OVERPAID
    assert order.payment.status == PaymentStatus.PAID and order.payment.refund_due == 50_000


def test_a_second_transfer_for_a_paid_order_is_kept_for_a_refund(order):
    process(a_transfer(300_000, order.payment.reference))
    again = process(a_transfer(300_000, order.payment.reference))
    order.payment.refresh_from_db()
    assert again.outcome == TransferOutcome.ALREADY_PAID
    assert order.payment.refund_due == 300_000 and order.payment.status == PaymentStatus.PAID


def test_processing_the_same_transfer_again_counts_it_once(order):
    transfer = a_transfer(100_000, order.payment.reference)
    process(transfer)
    process(transfer)
    order.payment.refresh_from_db()
    assert order.payment.amount_received == 100_000
    assert order.payment.events.filter(transfer=transfer).count() == 1


def test_without_a_reference_the_transfer_waits_for_staff_who_assign_it(order):
    transfer = process(a_transfer(300_000, "chuyen tien mua mat ong"))
    assert transfer.outcome == TransferOutcome.UNMATCHED and transfer.payment is None
    order.payment.refresh_from_db()
    assert order.payment.status == PaymentStatus.PENDING

    staff = UserFactory(is_staff=True)
    assigned = matching.transfer_assign(
        transfer_id=transfer.pk, order_number=order.number, actor=staff, note="Chị Mai gọi điện báo"
    )
    order.payment.refresh_from_db()
    assert assigned.outcome == TransferOutcome.PAID and assigned.assigned_by == staff
    assert order.payment.status == PaymentStatus.PAID
    assert order.payment.events.last().actor == staff
    with pytest.raises(TransitionRefused):
        matching.transfer_assign(transfer_id=transfer.pk, order_number=order.number, actor=staff, note="")


def test_assigning_to_an_unknown_order_is_refused_and_changes_nothing(order):
    transfer = process(a_transfer(300_000, "khong co ma"))
    with pytest.raises(TransitionRefused, match="Không có đơn hàng"):
        matching.transfer_assign(
            transfer_id=transfer.pk, order_number="999", actor=UserFactory(is_staff=True), note=""
        )
    transfer.refresh_from_db()
    assert transfer.outcome == TransferOutcome.UNMATCHED


def test_outgoing_transfers_and_other_accounts_are_recorded_not_matched(order):
    outgoing = process(a_transfer(300_000, order.payment.reference, incoming=False))
    elsewhere = process(a_transfer(300_000, order.payment.reference, account="9999999999"))
    order.payment.refresh_from_db()
    assert outgoing.outcome == TransferOutcome.OUTGOING
    assert elsewhere.outcome == TransferOutcome.OTHER_ACCOUNT
    assert order.payment.status == PaymentStatus.PENDING and order.payment.amount_received == 0


def _overdue(order):
    type(order.payment).objects.filter(pk=order.payment.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )


def test_expiry_cancels_the_order_releases_stock_and_runs_once(order):
    _overdue(order)
    assert transitions.expire_overdue_payments() == 1
    assert transitions.expire_overdue_payments() == 0

    order.refresh_from_db()
    order.payment.refresh_from_db()
    assert order.payment.status == PaymentStatus.EXPIRED and order.status == OrderStatus.CANCELLED
    assert set(order.shop_orders.values_list("status", flat=True)) == {ShopOrderStatus.CANCELLED}
    assert set(StockRecord.objects.values_list("num_allocated", flat=True)) == {0}


def test_a_payment_not_yet_due_or_partly_paid_does_not_expire(order):
    assert transitions.expire_overdue_payments() == 0
    process(a_transfer(1_000, order.payment.reference))
    _overdue(order)
    assert transitions.expire_overdue_payments() == 0
    order.payment.refresh_from_db()
    assert order.payment.status == PaymentStatus.PARTIALLY_PAID


def test_a_late_transfer_reinstates_the_order_when_stock_allows(order):
    _overdue(order)
    transitions.expire_overdue_payments()

    transfer = process(a_transfer(300_000, order.payment.reference))

    order.refresh_from_db()
    order.payment.refresh_from_db()
    assert transfer.outcome == TransferOutcome.LATE_REINSTATED
    assert order.payment.status == PaymentStatus.PAID and order.status == OrderStatus.PAID
    assert set(order.shop_orders.values_list("status", flat=True)) == {ShopOrderStatus.PAID}
    assert sorted(StockRecord.objects.values_list("num_allocated", flat=True)) == [1, 2]


def test_a_late_transfer_is_kept_for_a_refund_when_the_stock_is_gone(order):
    _overdue(order)
    transitions.expire_overdue_payments()
    an_order((order.lines.get(quantity=1).product, 1))  # someone else bought the last jar meanwhile

    transfer = process(a_transfer(300_000, order.payment.reference))

    order.refresh_from_db()
    order.payment.refresh_from_db()
    assert transfer.outcome == TransferOutcome.LATE_REFUND
    assert order.payment.status == PaymentStatus.EXPIRED and order.payment.refund_due == 300_000
    assert order.status == OrderStatus.CANCELLED
    assert StockRecord.objects.get(product=order.lines.get(quantity=2).product).num_allocated == 0


def test_staff_confirm_by_hand_with_a_note(order):
    staff = UserFactory(is_staff=True)
    with pytest.raises(TransitionRefused, match="ghi chú"):
        transitions.payment_confirm_by_hand(payment_id=order.payment.pk, actor=staff, note=" ")
    transitions.payment_confirm_by_hand(payment_id=order.payment.pk, actor=staff, note="Sao kê VCB 23/11")
    order.payment.refresh_from_db()
    assert order.payment.status == PaymentStatus.PAID
    event = order.payment.events.last()
    assert (event.actor, event.note, event.amount) == (staff, "Sao kê VCB 23/11", 300_000)
    with pytest.raises(TransitionRefused, match="đã hoàn tất"):
        transitions.payment_confirm_by_hand(payment_id=order.payment.pk, actor=staff, note="lần nữa")


def test_only_changes_someone_hears_of_queue_an_email_task(django_capture_on_commit_callbacks):
    from tests.conftest import queued_tasks

    with django_capture_on_commit_callbacks() as placing:
        order = an_order((ProductFactory(stock__price=100_000, shop__shipping_fee=0), 1))
    with django_capture_on_commit_callbacks() as paying:
        process(a_transfer(100_000, order.payment.reference))

    assert "payments.tasks.notify_payment_event" not in queued_tasks(placing)
    assert queued_tasks(paying) == ["payments.tasks.notify_payment_event"]
