"""Stripe: cards, for buyers abroad and those who prefer them (settings STRIPE_*; off until set).

PaymentIntents in VND, a zero-decimal currency: `amount=150000` is 150.000 ₫. The buyer types her
card into Stripe.js on our card page (3-D Secure included), so no card data reaches our servers.
An order is paid only when the signed `payment_intent.succeeded` webhook says so. Every create
carries an idempotency key. Webhooks are verified on the raw body with Stripe's scheme and its 300 s
tolerance. Only this module imports the `stripe` SDK.
"""

from contextlib import contextmanager

import stripe
from django.conf import settings

from .base import (
    CardEvent,
    CardIntent,
    CardProcessor,
    ForgedRequest,
    MalformedReport,
    ProcessorUnavailable,
    WebhookRequest,
    whole_dong,
)

SIGNATURE_TOLERANCE_SECONDS = 300
CURRENCY = "vnd"


def _client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses=base, max_network_retries=2)


@contextmanager
def _calling_stripe():
    """Stripe's errors, as the one error the rest of the code handles (the key never in the text)."""
    try:
        yield
    except stripe.StripeError as error:
        raise ProcessorUnavailable(
            f"Stripe: {type(error).__name__} {error.user_message or ''}".strip()
        ) from error


def _id(value) -> str:
    """An id Stripe sent either as a string or as the expanded object."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value.get("id", ""))


def _intent(intent) -> CardIntent:
    error = intent.get("last_payment_error") or {}
    return CardIntent(
        intent_id=intent["id"],
        client_secret=intent.get("client_secret") or "",
        status=intent["status"],
        amount=int(intent["amount"]),
        charge_id=_id(intent.get("latest_charge")),
        failure_message=str(error.get("message", ""))[:300] if isinstance(error, dict) else "",
    )


class StripeCards(CardProcessor):
    code = "stripe"
    label = "Thẻ quốc tế (Stripe)"
    secret_headers = frozenset({"stripe-signature"})

    def enabled(self) -> bool:
        return bool(
            settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY and settings.STRIPE_WEBHOOK_SECRET
        )

    def verify(self, request: WebhookRequest) -> dict:
        if not settings.STRIPE_WEBHOOK_SECRET:
            raise ForgedRequest("cards are not configured")
        try:
            event = stripe.Webhook.construct_event(
                request.raw_body,
                request.headers.get("Stripe-Signature") or request.headers.get("stripe-signature"),
                settings.STRIPE_WEBHOOK_SECRET,
                tolerance=SIGNATURE_TOLERANCE_SECONDS,
            )
        except stripe.SignatureVerificationError as error:
            raise ForgedRequest(f"signature: {error.user_message or error}") from error
        except ValueError as error:
            raise ForgedRequest("body is not JSON") from error
        return event.to_dict()

    def parse(self, body: dict) -> CardEvent:
        try:
            event_id, kind, thing = body["id"], body["type"], body["data"]["object"]
        except (KeyError, TypeError) as error:
            raise MalformedReport("not a Stripe event") from error
        if not isinstance(thing, dict) or not isinstance(event_id, str) or not 0 < len(event_id) <= 64:
            raise MalformedReport("not a Stripe event")
        currency = str(thing.get("currency", "")).lower()
        if currency and currency != CURRENCY:
            raise MalformedReport(f"currency {currency} is not VND")
        if kind.startswith("payment_intent."):
            intent = _intent(thing)
            return CardEvent(
                event_id=event_id,
                type=kind,
                intent_id=intent.intent_id,
                amount=whole_dong(thing.get("amount_received") or thing.get("amount") or 0),
                currency=currency,
                status=intent.status,
                charge_id=intent.charge_id,
                failure_message=intent.failure_message,
            )
        if kind == "charge.refunded":
            refunds = tuple(
                (str(refund["id"]), whole_dong(refund["amount"]))
                for refund in (thing.get("refunds") or {}).get("data", [])
            )
            return CardEvent(
                event_id=event_id,
                type=kind,
                intent_id=_id(thing.get("payment_intent")),
                amount=whole_dong(thing.get("amount_refunded", 0)),
                currency=currency,
                charge_id=str(thing.get("id", "")),
                refunds=refunds,
            )
        if kind in ("charge.dispute.created", "charge.dispute.closed"):
            return CardEvent(
                event_id=event_id,
                type=kind,
                intent_id=_id(thing.get("payment_intent")),
                amount=whole_dong(thing.get("amount", 0)),
                currency=currency,
                charge_id=_id(thing.get("charge")),
                dispute_id=str(thing.get("id", "")),
                status=str(thing.get("status", "")),
            )
        return CardEvent(event_id=event_id, type=kind)  # stored, nothing to do

    def create_intent(
        self, *, amount: int, reference: str, description: str, idempotency_key: str
    ) -> CardIntent:
        with _calling_stripe():
            intent = _client().v1.payment_intents.create(
                params={
                    "amount": amount,
                    "currency": CURRENCY,
                    "payment_method_types": ["card"],
                    "metadata": {"reference": reference, "order": description},
                },
                options={"idempotency_key": idempotency_key},
            )
        return _intent(intent.to_dict())

    def retrieve_intent(self, intent_id: str) -> CardIntent:
        with _calling_stripe():
            return _intent(_client().v1.payment_intents.retrieve(intent_id).to_dict())

    def refund(self, *, intent_id: str, amount: int, idempotency_key: str) -> str:
        with _calling_stripe():
            refund = _client().v1.refunds.create(
                params={"payment_intent": intent_id, "amount": amount},
                options={"idempotency_key": idempotency_key},
            )
        return refund.id

    def fee(self, *, charge_id: str) -> int:
        client = _client()
        with _calling_stripe():
            charge = client.v1.charges.retrieve(charge_id).to_dict()
            transaction_id = _id(charge.get("balance_transaction"))
            if not transaction_id:
                return 0
            return int(client.v1.balance_transactions.retrieve(transaction_id).to_dict().get("fee") or 0)
