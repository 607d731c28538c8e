"""Cards through Stripe, against localstripe on 127.0.0.1 and webhooks signed with Stripe's scheme:
an order is paid only on the signed `payment_intent.succeeded`, once, however often and however
late it comes; refunds go back to the card; disputes reach staff; the books stay balanced."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from ledger.selectors import balance
from ledger.services import SystemAccount
from order.models import ShopOrder
from payments import cards, selectors, webhooks
from payments.models import CardPayment, CardRefund, Payment, PaymentStatus, WebhookCall
from payments.reconciliation import books_problems
from payments.transitions import payment_cancel_shop_order
from tests.factories import ProductFactory, ShopFactory, an_order
from tests.factories.money import bank_feed
from tests.fakes.localstripe import DECLINED_CARD, THREE_D_SECURE_CARD, signed_event


@pytest.fixture(autouse=True)
def _books_balance_at_the_end():
    yield
    assert list(books_problems()) == []


def an_order_of(*prices: int, shipping_fee: int = 20_000):
    """One order with a product of a different shop at each price."""
    products = [
        ProductFactory(shop=ShopFactory(shipping_fee=shipping_fee), stock__price=price) for price in prices
    ]
    return an_order(*[(product, 1) for product in products])


def deliver(kind: str, thing: dict, **signing) -> tuple[int, WebhookCall]:
    body, header = signed_event(kind, thing, **signing)
    status, _answer = webhooks.card_webhook_receive(
        provider="stripe",
        headers={"Stripe-Signature": header, "Content-Type": "application/json"},
        raw_body=body,
    )
    return status, WebhookCall.objects.order_by("-pk").first()


def process(call: WebhookCall) -> str:
    return cards.card_event_process(call_id=call.pk)


def paid_by_card(stripe_cards, order) -> CardPayment:
    card = cards.card_payment_start(payment_id=order.payment.pk)
    intent = stripe_cards.buyer_pays(card.intent_id)
    _status, call = deliver("payment_intent.succeeded", intent)
    process(call)
    card.refresh_from_db()
    return card


@pytest.mark.django_db
def test_a_card_payment_is_a_vnd_intent_and_pays_the_order_only_on_the_signed_webhook(stripe_cards):
    order = an_order_of(150_000)
    card = cards.card_payment_start(payment_id=order.payment.pk)

    intent = stripe_cards.intent(card.intent_id)
    assert (intent["amount"], intent["currency"]) == (170_000, "vnd")  # zero-decimal: 170.000 ₫
    assert intent["metadata"]["reference"] == order.payment.reference
    assert cards.card_payment_start(payment_id=order.payment.pk) == card  # a reload: the same intent

    intent = stripe_cards.buyer_pays(card.intent_id)
    assert intent["status"] == "succeeded"
    cards.card_payment_refresh(card_id=card.pk)
    payment = Payment.objects.get(pk=order.payment.pk)
    assert payment.status == PaymentStatus.PENDING  # the browser's word is not enough
    assert selectors.payment_state(payment=payment)["card_confirming"] is True

    status, call = deliver("payment_intent.succeeded", intent)
    assert status == 200 and call.valid and call.event_type == "payment_intent.succeeded"
    assert process(call) == "payment_intent.succeeded"

    payment.refresh_from_db()
    assert (payment.status, payment.method, payment.amount_received) == ("paid", "card", 170_000)
    assert payment.paid_by == "card" and order.shop_orders.get().paid_by == "card"  # the reports count it
    assert balance(SystemAccount.CARD_CLEARING) == 170_000
    assert order.shop_orders.get().status == "paid"


@pytest.mark.django_db
def test_the_same_event_twice_or_processed_twice_pays_once(stripe_cards):
    order = an_order_of(150_000)
    card = cards.card_payment_start(payment_id=order.payment.pk)
    intent = stripe_cards.buyer_pays(card.intent_id)

    first_status, first = deliver("payment_intent.succeeded", intent, event_id="evt_once")
    again_status, again = deliver("payment_intent.succeeded", intent, event_id="evt_once")
    other_status, other = deliver("payment_intent.succeeded", intent, event_id="evt_resent_by_stripe")

    assert (first_status, again_status, other_status) == (200, 200, 200)
    assert again.error == "duplicate of event evt_once" and again.event_id is None
    assert [process(first), process(first), process(other)] == [
        "payment_intent.succeeded",
        "already processed",
        "payment_intent.succeeded",
    ]
    payment = Payment.objects.get(pk=order.payment.pk)
    assert (payment.amount_received, payment.refund_due) == (170_000, 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("signing", "why"),
    [
        ({"secret": "whsec_someone_else"}, "signature"),
        ({"at": int(time.time()) - 301}, "signature"),  # older than Stripe's 300 s tolerance
    ],
)
def test_a_forged_or_stale_event_is_refused_and_kept(stripe_cards, signing, why):
    order = an_order_of(150_000)
    card = cards.card_payment_start(payment_id=order.payment.pk)

    status, call = deliver("payment_intent.succeeded", stripe_cards.buyer_pays(card.intent_id), **signing)

    assert status == 400
    assert (call.valid, call.event_id) == (False, None) and call.error.startswith(why)
    assert call.headers["Stripe-Signature"] == "•••" and "payment_intent.succeeded" in call.body
    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.PENDING


@pytest.mark.django_db
def test_the_webhook_url_answers_stripe_and_refuses_an_unsigned_call(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_chosen"
    response = client.post(reverse("webhooks:stripe"), data="{}", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_card_whose_bank_asks_for_3d_secure_pays_once_she_confirms(stripe_cards):
    order = an_order_of(150_000)
    card = cards.card_payment_start(payment_id=order.payment.pk)

    assert stripe_cards.buyer_pays(card.intent_id, number=THREE_D_SECURE_CARD)["status"] == "requires_action"
    intent = stripe_cards.authenticate(card.intent_id)
    _status, call = deliver("payment_intent.succeeded", intent)
    process(call)

    assert intent["status"] == "succeeded"
    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.PAID


@pytest.mark.django_db
def test_a_declined_card_leaves_the_order_payable_by_vietqr(stripe_cards):
    order = an_order_of(150_000)
    card = cards.card_payment_start(payment_id=order.payment.pk)
    intent = stripe_cards.buyer_pays(card.intent_id, number=DECLINED_CARD)

    _status, call = deliver("payment_intent.payment_failed", intent)
    process(call)

    card.refresh_from_db()
    payment = Payment.objects.get(pk=order.payment.pk)
    assert card.status == "requires_payment_method" and not card.credited
    assert payment.status == PaymentStatus.PENDING and payment.is_open
    bank_feed(amount=170_000, memo=f"CK {payment.reference}", incoming=True)
    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.PAID


@pytest.mark.django_db
def test_a_failure_told_after_the_success_changes_nothing(stripe_cards):
    order = an_order_of(150_000)
    card = paid_by_card(stripe_cards, order)

    _status, call = deliver(
        "payment_intent.payment_failed",
        {**stripe_cards.intent(card.intent_id), "status": "requires_payment_method"},
    )
    process(call)

    card.refresh_from_db()
    assert (
        card.status == "succeeded" and Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.PAID
    )


@pytest.mark.django_db
def test_a_shop_cancelling_its_part_refunds_that_part_to_the_card(stripe_cards):
    order = an_order_of(150_000, 80_000)
    card = paid_by_card(stripe_cards, order)
    cancelled = order.shop_orders.order_by("pk").last()  # the 80.000 ₫ shop: 100.000 ₫ with shipping

    payment_cancel_shop_order(
        shop_order_id=cancelled.pk,
        actor=cancelled.shop.members.first(),
        reason="out_of_stock",
        details="Hết hàng",
    )
    assert cards.card_refund_due(payment_id=order.payment.pk) == 100_000
    assert cards.card_refund_due(payment_id=order.payment.pk) == 0  # a second worker: nothing left

    [refund] = CardRefund.objects.all()
    at_stripe = stripe_cards.client().v1.refunds.retrieve(refund.refund_id)
    assert (at_stripe.amount, refund.amount) == (100_000, 100_000)
    payment = Payment.objects.get(pk=order.payment.pk)
    assert (payment.refund_due, payment.amount_refunded) == (0, 100_000)

    # Stripe then tells of the refund it made for us: known, nothing new.
    charge = stripe_cards.client().v1.charges.retrieve(card.charge_id).to_dict()
    charge["refunds"] = {"data": [{"id": refund.refund_id, "amount": 100_000}]}
    _status, call = deliver("charge.refunded", charge)
    process(call)
    assert CardRefund.objects.count() == 1
    assert Payment.objects.get(pk=order.payment.pk).amount_refunded == 100_000


@pytest.mark.django_db
def test_a_card_payment_after_the_order_was_paid_by_vietqr_goes_back_to_the_card(stripe_cards):
    order = an_order_of(150_000)
    card = cards.card_payment_start(payment_id=order.payment.pk)
    bank_feed(amount=170_000, memo=f"CK {order.payment.reference}", incoming=True)
    intent = stripe_cards.buyer_pays(card.intent_id)

    _status, call = deliver("payment_intent.succeeded", intent)
    process(call)
    assert Payment.objects.get(pk=order.payment.pk).refund_due == 170_000
    cards.card_refund_due(payment_id=order.payment.pk)

    payment = Payment.objects.get(pk=order.payment.pk)
    assert (payment.status, payment.refund_due, payment.amount_refunded) == ("paid", 0, 170_000)
    assert balance(SystemAccount.CARD_CLEARING) == 0


@pytest.mark.django_db
def test_a_refund_told_before_its_success_waits_for_it(stripe_cards):
    order = an_order_of(150_000)
    card = cards.card_payment_start(payment_id=order.payment.pk)
    stripe_cards.buyer_pays(card.intent_id)

    _status, call = deliver(
        "charge.refunded",
        {
            "id": "ch_x",
            "payment_intent": card.intent_id,
            "currency": "vnd",
            "refunds": {"data": [{"id": "re_early", "amount": 1000}]},
        },
    )
    with pytest.raises(cards.NotYet):
        process(call)
    assert WebhookCall.objects.get(pk=call.pk).processed_at is None  # retried later by the task


@pytest.mark.django_db
def test_a_dispute_flags_the_order_for_staff_and_stripe_holds_the_amount(stripe_cards, client):
    order = an_order_of(150_000)
    card = paid_by_card(stripe_cards, order)

    dispute = {
        "id": "dp_1",
        "object": "dispute",
        "amount": 170_000,
        "currency": "vnd",
        "charge": card.charge_id,
        "payment_intent": card.intent_id,
        "reason": "fraudulent",
    }
    _status, call = deliver("charge.dispute.created", dispute)
    process(call)

    card.refresh_from_db()
    assert card.disputed_at is not None and card.dispute_id == "dp_1"
    assert order.payment in selectors.payments_needing_staff()
    assert balance(SystemAccount.CARD_DISPUTES) == 170_000 and balance(SystemAccount.CARD_CLEARING) == 0
    assert "Chủ thẻ khiếu nại" in order.payment.events.last().note


@pytest.mark.django_db
@pytest.mark.parametrize(("paid_by", "shop_fees"), [("marketplace", [0, 0]), ("shops", [3_636, 2_139])])
def test_stripes_fee_is_the_unions_cost_or_shared_by_the_shops(
    stripe_cards, settings, monkeypatch, paid_by, shop_fees
):
    settings.CARD_FEE_PAID_BY = paid_by
    monkeypatch.setattr("payments.providers.stripe.StripeCards.fee", lambda self, charge_id: 5_775)
    order = an_order_of(150_000, 80_000)  # 170.000 ₫ and 100.000 ₫ with shipping

    card = paid_by_card(stripe_cards, order)

    assert card.fee == 5_775
    assert [s.card_fee for s in ShopOrder.objects.filter(order=order).order_by("pk")] == shop_fees
    assert balance(SystemAccount.CARD_CLEARING) == 270_000 - 5_775
    assert balance(SystemAccount.CARD_FEES) == 5_775 - sum(shop_fees)


@pytest.mark.django_db(transaction=True)
def test_the_same_event_at_the_same_moment_from_two_deliveries_pays_once(stripe_cards):
    order = an_order_of(150_000)
    card = cards.card_payment_start(payment_id=order.payment.pk)
    body, header = signed_event(
        "payment_intent.succeeded", stripe_cards.buyer_pays(card.intent_id), event_id="evt_race"
    )
    start = threading.Barrier(2, timeout=10)
    answers = []

    def stripe_delivers():
        try:
            start.wait()
            answers.append(
                Client()
                .post(
                    reverse("webhooks:stripe"),
                    data=body,
                    content_type="application/json",
                    HTTP_STRIPE_SIGNATURE=header,
                )
                .status_code
            )
            for call in WebhookCall.objects.filter(event_id="evt_race"):
                process(call)
        finally:
            connection.close()

    threads = [threading.Thread(target=stripe_delivers) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [200, 200]
    assert WebhookCall.objects.filter(event_id="evt_race").count() == 1
    payment = Payment.objects.get(pk=order.payment.pk)
    assert (payment.status, payment.amount_received) == ("paid", 170_000)


@pytest.mark.django_db
def test_the_card_page_hands_over_to_stripe_js_and_cards_are_offered_only_when_set_up(stripe_cards, settings):
    order = an_order_of(150_000)
    token = order.verification_hash()
    assert "Thẻ quốc tế" in Client().get(reverse("payments:order", args=[token])).content.decode()

    response = Client().get(reverse("payments:card", args=[token]))

    html = response.content.decode()
    card = CardPayment.objects.get(payment=order.payment)
    assert f'data-secret="{card.client_secret}"' in html and 'data-key="pk_test_chosen"' in html
    assert f'src="{stripe_cards.js_url}"' in html
    policy = response["Content-Security-Policy"]
    assert stripe_cards.url in policy.split("script-src")[1].split(";")[0]

    settings.STRIPE_SECRET_KEY = ""
    assert Client().get(reverse("payments:card", args=[token])).status_code == 404
    assert "Thẻ quốc tế" not in Client().get(reverse("payments:order", args=[token])).content.decode()


@pytest.mark.django_db
def test_a_paid_order_sends_the_card_page_back_to_the_order_with_a_message(stripe_cards):
    order = an_order_of(150_000)
    paid_by_card(stripe_cards, order)
    token = order.verification_hash()

    response = Client().get(reverse("payments:card", args=[token]), follow=True)

    assert "Đơn này không còn chờ thanh toán." in response.content.decode()


@pytest.mark.django_db
def test_staff_see_the_card_payment_and_its_dispute_and_refund_to_the_card(stripe_cards, client):
    from tests.conftest import pass_second_step_in
    from tests.factories.money import a_staff_member

    order = an_order_of(150_000, 80_000)
    card = paid_by_card(stripe_cards, order)
    dispute = {
        "id": "dp_2",
        "amount": 50_000,
        "currency": "vnd",
        "charge": card.charge_id,
        "payment_intent": card.intent_id,
    }
    process(deliver("charge.dispute.created", dispute)[1])
    cancelled = order.shop_orders.order_by("pk").last()
    payment_cancel_shop_order(
        shop_order_id=cancelled.pk, actor=cancelled.shop.members.first(), reason="out_of_stock"
    )
    staff = a_staff_member()
    client.force_login(staff)
    pass_second_step_in(client, staff)

    worklist = client.get(reverse("payments:staff")).content.decode()
    page = client.get(reverse("payments:staff-payment", args=[order.payment.pk])).content.decode()
    assert 'data-testid="disputed"' in worklist
    assert card.intent_id in page and "Chủ thẻ khiếu nại 50.000" in page and "Hoàn về thẻ" in page

    response = client.post(
        reverse("payments:staff-payment", args=[order.payment.pk]), {"action": "card_refund"}, follow=True
    )

    assert "Đã hoàn tiền về thẻ của người mua qua Stripe." in response.content.decode()
    assert Payment.objects.get(pk=order.payment.pk).amount_refunded == 100_000
    again = client.post(reverse("payments:staff-payment", args=[order.payment.pk]), {"action": "card_refund"})
    assert again.status_code == 400 and "Không có khoản nào cần hoàn về thẻ" in again.content.decode()


@pytest.mark.django_db
def test_an_event_whose_task_was_lost_is_processed_by_the_beat_job(stripe_cards, time_machine):
    from payments.tasks import expire_overdue_payments

    time_machine.move_to("2026-12-01 10:00")
    order = an_order_of(150_000)
    card = cards.card_payment_start(payment_id=order.payment.pk)
    deliver("payment_intent.succeeded", stripe_cards.buyer_pays(card.intent_id))  # its task never ran

    time_machine.shift(180)
    expire_overdue_payments()

    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.PAID


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "outcome", "clearing", "suspense"), [("won", "won", 170_000, 0), ("lost", "lost", 0, 170_000)]
)
def test_a_closed_dispute_gives_the_money_back_or_leaves_it_to_staff(
    stripe_cards, status, outcome, clearing, suspense
):
    order = an_order_of(150_000)
    card = paid_by_card(stripe_cards, order)
    dispute = {
        "id": "dp_3",
        "amount": 170_000,
        "currency": "vnd",
        "charge": card.charge_id,
        "payment_intent": card.intent_id,
    }

    _status, closed_early = deliver("charge.dispute.closed", {**dispute, "status": status})
    with pytest.raises(cards.NotYet):  # closed before it was opened: waits for the opening
        process(closed_early)
    process(deliver("charge.dispute.created", {**dispute, "status": "needs_response"})[1])
    process(closed_early)
    process(deliver("charge.dispute.closed", {**dispute, "status": status})[1])  # told twice

    card.refresh_from_db()
    assert card.dispute_outcome == outcome
    assert balance(SystemAccount.CARD_CLEARING) == clearing and balance(SystemAccount.SUSPENSE) == suspense
    assert balance(SystemAccount.CARD_DISPUTES) == 0
    assert (order.payment in selectors.payments_needing_staff()) == (outcome == "lost")
