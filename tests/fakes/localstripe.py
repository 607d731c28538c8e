"""localstripe (a Stripe API fake, PyPI `localstripe`) on a free port of 127.0.0.1, and what a
buyer's browser and Stripe's webhooks do around it."""

import json
import secrets
import socket
import subprocess
import sys
import time
from contextlib import suppress

import requests
import stripe

SECRET_KEY, PUBLISHABLE_KEY, WEBHOOK_SECRET = "sk_test_chosen", "pk_test_chosen", "whsec_test_chosen"
# localstripe's test cards, as Stripe documents them: one that pays, one the bank declines when
# charged, one whose bank asks for 3-D Secure.
TEST_CARD, DECLINED_CARD, THREE_D_SECURE_CARD = "4242424242424242", "4000000000000341", "4000002760003184"


class LocalStripe:
    def __init__(self, url: str):
        self.url = url

    @property
    def js_url(self) -> str:
        return f"{self.url}/js.stripe.com/v3/"

    def client(self) -> stripe.StripeClient:
        return stripe.StripeClient(SECRET_KEY, base_addresses={"api": self.url})

    def configure(self, settings) -> None:
        settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = SECRET_KEY, PUBLISHABLE_KEY
        settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
        settings.STRIPE_API_BASE, settings.STRIPE_JS_URL = self.url, self.js_url

    def buyer_pays(self, intent_id: str, *, number: str = TEST_CARD) -> dict:
        """What Stripe.js does with the card she typed: attach it and confirm the intent."""
        client = self.client()
        method = client.v1.payment_methods.create(
            params={
                "type": "card",
                "card": {"number": number, "exp_month": 12, "exp_year": 2031, "cvc": "123"},
            }
        )
        client.v1.payment_intents.update(intent_id, params={"payment_method": method.id})
        with suppress(stripe.CardError):  # declined: the intent says so
            client.v1.payment_intents.confirm(intent_id)
        return self.intent(intent_id)

    def authenticate(self, intent_id: str, *, success: bool = True) -> dict:
        """The buyer's answer in her bank's 3-D Secure window (Stripe.js opens it)."""
        intent = self.intent(intent_id)
        response = requests.post(
            f"{self.url}/v1/payment_intents/{intent_id}/_authenticate",
            params={"success": "true" if success else "false"},
            json={"key": PUBLISHABLE_KEY, "client_secret": intent["client_secret"]},
            timeout=10,
        )
        response.raise_for_status()
        return self.intent(intent_id)

    def intent(self, intent_id: str) -> dict:
        return self.client().v1.payment_intents.retrieve(intent_id).to_dict()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start() -> tuple[subprocess.Popen, LocalStripe]:
    port = free_port()
    code = (
        "from aiohttp import web; from localstripe.server import app; "
        f"web.run_app(app, host='127.0.0.1', port={port}, print=None)"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process, LocalStripe(f"http://127.0.0.1:{port}")
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("localstripe did not start")


def signed_event(
    kind: str, thing: dict, *, event_id: str = "", secret: str = WEBHOOK_SECRET, at: int | None = None
):
    """A Stripe event as its webhook sends it: the raw body and its Stripe-Signature header."""
    body = json.dumps(
        {
            "id": event_id or f"evt_{secrets.token_hex(12)}",
            "object": "event",
            "type": kind,
            "created": int(time.time()),
            "data": {"object": thing},
        }
    )
    header = stripe.WebhookSignature.generate_signature_header(body, secret, timestamp=at or int(time.time()))
    return body.encode(), header
