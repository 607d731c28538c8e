"""A local Web Push service, and a browser's side of a subscription to it.

It does what a real push service and the receiving browser do together: checks the VAPID
authorization (RFC 8292: an ES256 JWT for this origin, signed by the key it names, not expired),
and decrypts the aes128gcm payload (RFC 8291) with the subscription's private key, keeping what it
read. An endpoint marked gone answers 410, as a push service does for an expired subscription.
"""

import base64
import json
import os
import time
from dataclasses import dataclass, field

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from . import LocalService, QuietHandler


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class BrowserSubscription:
    """What a browser keeps for one subscription: its endpoint, its key pair and auth secret."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return b64url(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)


class _Handler(QuietHandler):
    def do_POST(self):
        service: FakePushService = self.server.service
        body = self.body()
        headers = {name.lower(): value for name, value in self.headers.items()}  # names are case-blind
        status = service.receive(self.path, headers, body)
        self.send_response(status)
        self.end_headers()


class FakePushService(LocalService):
    def __init__(self):
        super().__init__(_Handler)
        self.subscriptions: dict[str, BrowserSubscription] = {}
        self.gone: set[str] = set()
        self.received: list[dict] = []  # {"endpoint", "payload", "headers" (lower-case names)}
        self.problems: list[str] = []

    def subscribe(self) -> BrowserSubscription:
        subscription = BrowserSubscription(endpoint=f"{self.origin}/push/{b64url(os.urandom(12))}")
        self.subscriptions[subscription.endpoint] = subscription
        return subscription

    def receive(self, path: str, headers: dict, body: bytes) -> int:
        endpoint = self.origin + path
        if endpoint in self.gone:
            return 410
        subscription = self.subscriptions.get(endpoint)
        if subscription is None:
            return 404
        problem = self._check_vapid(headers.get("authorization", ""))
        if headers.get("content-encoding") != "aes128gcm" or "ttl" not in headers:
            problem = problem or "Content-Encoding aes128gcm and TTL are required"
        if problem:
            self.problems.append(problem)
            return 401
        plain = http_ece.decrypt(
            body,
            private_key=subscription.private_key,
            auth_secret=subscription.auth_secret,
            version="aes128gcm",
        )
        self.received.append({"endpoint": endpoint, "payload": json.loads(plain), "headers": headers})
        return 201

    def _check_vapid(self, authorization: str) -> str:
        """ "" when the VAPID authorization is valid for this origin, else what is wrong."""
        if not authorization.startswith("vapid "):
            return f"not a VAPID authorization: {authorization[:20]}"
        parts = dict(part.strip().split("=", 1) for part in authorization[len("vapid ") :].split(","))
        token, key = parts.get("t", ""), parts.get("k", "")
        header, claims, signature = token.split(".")
        public_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
        raw = unb64url(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        try:
            public_key.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            return "VAPID signature does not verify"
        if json.loads(unb64url(header)).get("alg") != "ES256":
            return "VAPID token is not ES256"
        claims = json.loads(unb64url(claims))
        if claims.get("aud") != self.origin:
            return f"VAPID audience {claims.get('aud')}"
        if not (time.time() < claims.get("exp", 0) <= time.time() + 24 * 3600):
            return "VAPID token expired or too long-lived"
        if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
            return "VAPID subject is not a contact"
        return ""
