"""Every money event posts to the books once, and what vendors are owed follows what happened:
sales less commission, fund releases, cancellations, refunds, payouts and the bank feed closing them.
(The conftest here also checks, after every test, that the books balance and agree with the records.)
"""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from oscar.core.loading import get_model

from ledger.models import Account, Entry, Transaction
from ledger.selectors import balance, shop_owed
from ledger.services import SystemAccount
from order import transitions as order_transitions
from payments import books, matching, payouts, settlement, transitions
from payments.models import BankTransfer, Payment, PaymentStatus, PayoutStatus, TransferOutcome
from payments.providers.sepay import SePay
from payments.reconciliation import books_problems
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_order

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db

staff = UserFactory.build  # a staff member exists per test below


@pytest.fixture
def officer():
    return UserFactory(is_staff=True)


def transfer(memo: str, amount: int, *, incoming=True, txn=None, bank_reference="") -> BankTransfer:
    created = BankTransfer.objects.create(
        provider=SePay.code,
        provider_transaction_id=txn or f"t-{BankTransfer.objects.count() + 1}",
        incoming=incoming,
        amount=amount,
        memo=memo,
        bank_reference=bank_reference,
    )
    return matching.transfer_process(transfer_id=created.pk)


def a_paid_order(*lines):
    order = an_order(*lines)
    transfer(order.payment.reference, order.payment.amount_due)
    return Order.objects.get(pk=order.pk)


def shipped_and_delivered(shop_order, *, at):
    vendor = shop_order.shop.members.get()
    order_transitions.shop_order_ship(
        shop_order_id=shop_order.pk, actor=vendor, carrier="GHN", tracking_number="G1"
    )
    order_transitions.shop_order_deliver(shop_order_id=shop_order.pk, actor=vendor)
    type(shop_order).objects.filter(pk=shop_order.pk).update(delivered_at=at)


def test_a_paid_order_credits_each_shop_its_share_less_the_commission_in_force(officer, settings):
    settings.COMMISSION_RATE_BP = 500
    tea_shop, honey_shop = ShopFactory(shipping_fee=25_000), ShopFactory(shipping_fee=30_000)
    settlement.commission_rate_set(shop=honey_shop, rate_bp=0, actor=officer, note="Hỗ trợ tháng đầu")
    order = a_paid_order(
        (ProductFactory(shop=tea_shop, stock__price=120_000), 2),
        (ProductFactory(shop=honey_shop, stock__price=90_000), 1),
    )

    tea, honey = order.shop_orders.get(shop=tea_shop), order.shop_orders.get(shop=honey_shop)
    assert (tea.commission, tea.commission_rate_bp) == (12_000, 500)  # 5 % of 240.000, never of shipping
    assert (honey.commission, honey.commission_rate_bp) == (0, 0)
    assert shop_owed(tea_shop) == {"pending": 240_000 + 25_000 - 12_000, "available": 0}
    assert shop_owed(honey_shop) == {"pending": 120_000, "available": 0}
    assert -balance(SystemAccount.COMMISSION) == 12_000
    assert balance(SystemAccount.BANK) == order.payment.amount_due == 385_000

    settlement.commission_rate_set(shop=tea_shop, rate_bp=1_000, actor=officer)  # later orders only
    tea.refresh_from_db()
    assert tea.commission == 12_000


def test_statement_lines_say_what_each_movement_is():
    shop = ShopFactory(shipping_fee=30_000)
    order = a_paid_order((ProductFactory(shop=shop, stock__price=200_000), 1))

    lines = list(
        Entry.objects.filter(account__shop=shop).order_by("pk").values_list("kind", "amount", "balance_after")
    )
    assert lines == [
        ("sale", -200_000, -200_000),
        ("shipping", -30_000, -230_000),
        ("commission", 10_000, -220_000),
    ]
    assert Transaction.objects.filter(entries__account__shop=shop).distinct().get().order == order


def test_money_becomes_available_after_delivery_and_the_hold_or_long_after_shipping():
    now = timezone.now()
    shop = ShopFactory(shipping_fee=0)
    delivered_long_ago, delivered_today, shipped_long_ago = (
        a_paid_order((ProductFactory(shop=shop, stock__price=100_000), 1)).shop_orders.get() for _ in range(3)
    )
    shipped_and_delivered(delivered_long_ago, at=now - datetime.timedelta(days=4))
    shipped_and_delivered(delivered_today, at=now)
    order_transitions.shop_order_ship(
        shop_order_id=shipped_long_ago.pk, actor=shop.members.get(), carrier="GHN", tracking_number="G2"
    )
    type(shipped_long_ago).objects.filter(pk=shipped_long_ago.pk).update(
        shipped_at=now - datetime.timedelta(days=22)
    )

    assert settlement.release_due_funds(now=now) == 2
    assert settlement.release_due_funds(now=now) == 0  # a second run releases nothing twice

    assert shop_owed(shop) == {"pending": 95_000, "available": 190_000}


def test_a_shop_cancelling_gives_back_its_share_and_the_commission_to_the_buyer():
    shop = ShopFactory(shipping_fee=20_000)
    order = a_paid_order(
        (ProductFactory(shop=shop, stock__price=100_000), 1), (ProductFactory(stock__price=50_000), 1)
    )
    part = order.shop_orders.get(shop=shop)

    transitions.payment_cancel_shop_order(
        shop_order_id=part.pk, actor=shop.members.get(), reason="out_of_stock", details=""
    )

    assert shop_owed(shop) == {"pending": 0, "available": 0}
    assert -balance(SystemAccount.REFUNDS_OWED) == 120_000 == Payment.objects.get(order=order).refund_due
    assert -balance(SystemAccount.COMMISSION) == 2_500  # only the other shop's


def test_a_cancellation_takes_from_available_when_pending_is_short():
    shop = ShopFactory(shipping_fee=0)
    part = a_paid_order((ProductFactory(shop=shop, stock__price=100_000), 1)).shop_orders.get()
    books.funds_released(part)  # released before the parcel left (an early release): pending is empty

    transitions.payment_cancel_shop_order(
        shop_order_id=part.pk, actor=shop.members.get(), reason="out_of_stock"
    )

    assert shop_owed(shop) == {"pending": 0, "available": 0}
    taken = Entry.objects.filter(account__shop=shop, kind="cancellation").values_list(
        "account__code", "amount"
    )
    assert list(taken) == [(f"shop:{shop.pk}:available", 95_000)]


def test_staff_confirming_by_hand_then_the_feed_showing_the_transfer_counts_it_once(officer):
    order = an_order((ProductFactory(stock__price=100_000, shop__shipping_fee=0), 1))
    transitions.payment_confirm_by_hand(payment_id=order.payment.pk, actor=officer, note="Thấy trên sao kê")

    seen = transfer(order.payment.reference, 100_000)

    payment = Payment.objects.get(pk=order.payment.pk)
    assert seen.outcome == TransferOutcome.CONFIRMED_EARLIER
    assert (payment.amount_received, payment.refund_due, payment.awaiting_feed) == (100_000, 0, 0)
    assert balance(SystemAccount.BANK) == 100_000 and balance(SystemAccount.CONFIRMED_BY_HAND) == 0


def test_more_than_the_hand_confirmation_counts_as_new_money(officer):
    order = an_order((ProductFactory(stock__price=100_000, shop__shipping_fee=0), 1))
    transitions.payment_confirm_by_hand(payment_id=order.payment.pk, actor=officer, note="Thấy trên sao kê")

    seen = transfer(order.payment.reference, 130_000)

    payment = Payment.objects.get(pk=order.payment.pk)
    assert seen.outcome == TransferOutcome.ALREADY_PAID
    assert (payment.amount_received, payment.refund_due) == (130_000, 30_000)


def test_a_refund_recorded_by_hand_is_settled_when_the_feed_sees_it_leave(officer):
    order = an_order((ProductFactory(stock__price=100_000, shop__shipping_fee=0), 1))
    transfer(order.payment.reference, 130_000)
    transitions.payment_record_refund(payment_id=order.payment.pk, actor=officer, amount=30_000, note="FT123")

    out = transfer(f"Hoan tien {order.payment.reference}", 30_000, incoming=False)

    payment = Payment.objects.get(pk=order.payment.pk)
    assert out.outcome == TransferOutcome.REFUND_SENT and out.payment == payment
    assert (payment.refund_due, payment.amount_refunded) == (0, 30_000)
    assert balance(SystemAccount.REFUNDS_SENT) == 0 and balance(SystemAccount.BANK) == 100_000


def test_a_refund_the_feed_sees_leave_is_recorded_without_anyone_typing_it(
    django_capture_on_commit_callbacks,
):
    order = an_order((ProductFactory(stock__price=100_000, shop__shipping_fee=0), 1))
    transfer(order.payment.reference, 150_000)

    with django_capture_on_commit_callbacks() as queued:
        out = transfer(f"MBVCB.99.{order.payment.reference}.hoan tien", 50_000, incoming=False)

    payment = Payment.objects.get(pk=order.payment.pk)
    assert out.outcome == TransferOutcome.REFUND_SENT
    assert (payment.refund_due, payment.amount_refunded) == (0, 50_000)
    assert payment.events.last().amount == -50_000 and len(queued) >= 1  # the buyer hears of it


def test_money_out_that_nothing_explains_waits_in_suspense():
    order = an_order((ProductFactory(stock__price=100_000, shop__shipping_fee=0), 1))
    transfer(order.payment.reference, 120_000)

    too_much = transfer(f"hoan {order.payment.reference}", 50_000, incoming=False)  # only 20.000 is owed
    unknown = transfer("tra tien dien", 7_000, incoming=False)

    assert too_much.outcome == unknown.outcome == TransferOutcome.OUTGOING
    assert balance(SystemAccount.SUSPENSE) == 57_000
    assert Payment.objects.get(pk=order.payment.pk).refund_due == 20_000


def test_unmatched_money_is_unallocated_until_staff_assign_it(officer):
    order = an_order((ProductFactory(stock__price=100_000, shop__shipping_fee=0), 1))
    unmatched = transfer("chuyen tien mua mat ong", 100_000)
    assert -balance(SystemAccount.UNALLOCATED) == 100_000

    matching.transfer_assign(
        transfer_id=unmatched.pk, order_number=order.number, actor=officer, note="Chị Mai gọi"
    )

    assert balance(SystemAccount.UNALLOCATED) == 0
    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.PAID


def test_the_same_bank_movement_from_both_feeds_counts_once(client, settings):
    from tests.functional.payments.test_bank_webhooks import (
        CASSO_KEY,
        SEPAY_KEY,
        casso_body,
        post_casso,
        post_sepay,
        sepay_body,
    )

    settings.SEPAY_API_KEY, settings.CASSO_CHECKSUM_KEY, settings.VIETQR_ACCOUNT_NUMBER = (
        SEPAY_KEY,
        CASSO_KEY,
        "0011001234567",
    )
    order = an_order((ProductFactory(stock__price=120_000, shop__shipping_fee=30_000), 1))
    sepay = {
        **sepay_body(order.payment.reference),
        "accountNumber": "0011001234567",
        "referenceCode": "FT26327A",
    }
    casso = casso_body(order.payment.reference)
    casso["data"].update(reference="FT26327A", accountNumber="0011001234567")

    assert post_sepay(client, sepay).status_code == 200
    assert post_casso(client, casso).status_code == 200
    for reported in BankTransfer.objects.all():  # what the worker does after each webhook
        matching.transfer_process(transfer_id=reported.pk)

    payment = Payment.objects.get(pk=order.payment.pk)
    assert BankTransfer.objects.count() == 1
    assert (payment.amount_received, payment.refund_due) == (150_000, 0)


class TestPayouts:
    @pytest.fixture
    def shop_with_money(self):
        shop = ShopFactory(
            shipping_fee=0, bank_bin="970436", account_number="0011009998887", account_holder="NGUYEN THI LAN"
        )
        part = a_paid_order((ProductFactory(shop=shop, stock__price=200_000), 1)).shop_orders.get()
        shipped_and_delivered(part, at=timezone.now() - datetime.timedelta(days=5))
        settlement.release_due_funds()
        return shop

    def test_a_batch_moves_the_whole_available_balance_once(self, officer, shop_with_money, settings):
        settings.PAYOUT_MINIMUM = 50_000
        poor = ShopFactory(bank_bin="970436", account_number="123456789", account_holder="TRAN THI B")

        batch = payouts.payout_batch_create(actor=officer, shop_ids=[shop_with_money.pk, poor.pk])

        payout = batch.payouts.get()
        assert (payout.shop, payout.amount, payout.status) == (
            shop_with_money,
            190_000,
            PayoutStatus.IN_TRANSIT,
        )
        assert payout.reference.startswith("CP") and payout.account_number == "0011009998887"
        assert shop_owed(shop_with_money) == {"pending": 0, "available": 0}
        with pytest.raises(transitions.TransitionRefused):  # nothing left to pay: never paid twice
            payouts.payout_batch_create(actor=officer, shop_ids=[shop_with_money.pk])

    def test_a_shop_without_a_complete_bank_account_is_left_out(self, officer, shop_with_money):
        type(shop_with_money).objects.filter(pk=shop_with_money.pk).update(account_number="")
        with pytest.raises(transitions.TransitionRefused):
            payouts.payout_batch_create(actor=officer, shop_ids=[shop_with_money.pk])
        assert shop_owed(shop_with_money)["available"] == 190_000

    def test_the_feed_closes_a_payout_and_the_vendor_is_told(
        self, officer, shop_with_money, django_capture_on_commit_callbacks
    ):
        payout = payouts.payout_batch_create(actor=officer, shop_ids=[shop_with_money.pk]).payouts.get()

        with django_capture_on_commit_callbacks() as queued:
            out = transfer(f"Cho Sen chi tra {payout.reference}", 190_000, incoming=False)

        payout.refresh_from_db()
        assert out.outcome == TransferOutcome.PAYOUT_SENT and payout.status == PayoutStatus.SENT
        assert "payments.tasks.notify_payout_event" in [
            callback.func.__self__.name for callback in queued if hasattr(callback.func, "__self__")
        ]
        assert balance(SystemAccount.PAYOUTS_IN_TRANSIT) == 0
        again = transfer(f"chi tra lan 2 {payout.reference}", 190_000, incoming=False)
        assert again.outcome == TransferOutcome.OUTGOING  # sent twice by mistake: staff must look

    def test_a_payout_sent_with_the_wrong_amount_is_flagged(self, officer, shop_with_money):
        payout = payouts.payout_batch_create(actor=officer, shop_ids=[shop_with_money.pk]).payouts.get()

        out = transfer(payout.reference, 19_000, incoming=False)

        payout.refresh_from_db()
        assert out.outcome == TransferOutcome.PAYOUT_MISMATCH and payout.status == PayoutStatus.MISMATCH
        assert "19.000" in payout.events.last().note
        assert (
            balance(SystemAccount.SUSPENSE) == 19_000
            and -balance(SystemAccount.PAYOUTS_IN_TRANSIT) == 190_000
        )

    def test_a_returned_payout_is_hers_again(self, officer, shop_with_money):
        payout = payouts.payout_batch_create(actor=officer, shop_ids=[shop_with_money.pk]).payouts.get()
        transfer(payout.reference, 190_000, incoming=False)

        back = transfer(f"TRA LAI {payout.reference} SAI TEN", 190_000)

        payout.refresh_from_db()
        assert back.outcome == TransferOutcome.PAYOUT_RETURNED and payout.status == PayoutStatus.RETURNED
        assert shop_owed(shop_with_money) == {"pending": 0, "available": 190_000}


def test_ledger_check_says_balanced_or_names_what_is_broken(capsys):
    a_paid_order((ProductFactory(stock__price=100_000), 1))
    call_command("ledger_check")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "balanced"

    account = Account.objects.filter(shop__isnull=False).first()
    Account.objects.filter(pk=account.pk).update(balance=account.balance - 1)
    with pytest.raises(CommandError, match=f"account {account.code}"):
        call_command("ledger_check")
    Account.objects.filter(pk=account.pk).update(balance=account.balance)
    assert list(books_problems()) == []


def test_a_replayed_event_posts_nothing_new():
    order = a_paid_order((ProductFactory(stock__price=100_000), 1))
    paid_event = Payment.objects.get(order=order).events.get(to_status=PaymentStatus.PAID)
    before = Entry.objects.count()

    books.paid(order.payment, event=paid_event, excess=0)
    matching.transfer_process(transfer_id=BankTransfer.objects.get().pk)

    assert Entry.objects.count() == before
