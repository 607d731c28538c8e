"""A buyer abroad pays by card on a 360 px phone, against localstripe: she chooses "Thẻ quốc tế",
Stripe.js's card field is handed over on our card page, her bank asks for 3-D Secure and she
confirms, she is back on her order page that says "đang xác nhận", and Stripe's signed webhook then
turns it to paid by itself.

localstripe's stand-in for Stripe.js cannot attach the card typed into its field to the payment
(real Stripe.js does): the test attaches it through localstripe's API, as Stripe.js would, before
she presses "Trả". Everything else is the real path: our pages and script, Stripe.js's
confirmCardPayment with its 3-D Secure window, and the signed webhook on our live server.
Screenshots in var/screenshots/cards/.
"""

import urllib.request

import pytest
from playwright.sync_api import expect

from payments import cards
from payments.models import CardPayment, Payment, PaymentStatus, WebhookCall
from tests.browser.checks import assert_fits_the_screen, axe_violations
from tests.factories import ProductFactory, ShopFactory, an_order
from tests.fakes.localstripe import THREE_D_SECURE_CARD, signed_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def send_stripe_webhook(base: str, kind: str, thing: dict) -> int:
    body, header = signed_event(kind, thing)
    request = urllib.request.Request(  # noqa: S310 (the live test server, http only)
        f"{base}/payments/webhooks/stripe/",
        data=body,
        headers={"Content-Type": "application/json", "Stripe-Signature": header},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status


def test_a_buyer_chooses_cards_confirms_3d_secure_and_the_webhook_makes_it_paid(
    phone_page, live_server, stripe_cards, screenshot
):
    page, base = phone_page, live_server.url
    honey = ProductFactory(
        title="Mật ong bạc hà 500 ml",
        stock__price=210_000,
        shop=ShopFactory(name="Mật ong Đồng Văn", shipping_fee=30_000),
    )
    order = an_order((honey, 1), email="con.gai@example.com")
    page.goto(f"{base}/pay/{order.verification_hash()}/")

    page.get_by_test_id("pay-by-card").click()
    expect(page.get_by_role("heading", name="Thanh toán bằng thẻ")).to_be_visible()
    expect(page.get_by_test_id("card-amount")).to_have_text("240.000\u00a0₫")
    expect(page.get_by_test_id("card-element")).to_contain_text("localstripe")  # Stripe.js mounted its field
    assert_fits_the_screen(page)
    # the card field is Stripe's own (here localstripe's stand-in): axe checks the page around it
    assert [v for v in axe_violations(page) if "card-element" not in v] == []
    screenshot(page, "cards/card-page")

    card = CardPayment.objects.get(payment=order.payment)
    assert stripe_cards.buyer_pays(card.intent_id, number=THREE_D_SECURE_CARD)["status"] == "requires_action"
    page.get_by_role("button", name="Trả 240.000\u00a0₫").click()
    page.get_by_role("button", name="Complete authentication").click()  # her bank's 3-D Secure window

    page.wait_for_url(f"{base}/pay/{order.verification_hash()}/?card=1")
    expect(page.get_by_test_id("status-label")).to_have_text("Đang xác nhận thanh toán thẻ…")
    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.PENDING
    screenshot(page, "cards/confirming")

    assert send_stripe_webhook(base, "payment_intent.succeeded", stripe_cards.intent(card.intent_id)) == 200
    cards.card_event_process(call_id=WebhookCall.objects.get(event_type="payment_intent.succeeded").pk)

    expect(page.get_by_test_id("status-label")).to_have_text("Đã nhận đủ tiền ✓", timeout=15_000)
    assert_fits_the_screen(page)
    assert axe_violations(page) == []
    screenshot(page, "cards/paid")
