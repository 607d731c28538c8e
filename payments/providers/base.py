"""The one small interface every payment provider implements, and what they hand back.

A provider is a service that calls our webhook: a bank feed (SePay, Casso) reports each transfer on
the collection account; a card processor will report card payments. Each lives in one module of
this package, the only place that knows its wire format, secrets and SDK; the enabled ones are
named in the PAYMENT_PROVIDERS setting (see `payments.providers.registry`).
"""

import json
import math
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_AMOUNT = 10**13 - 1  # VietQR's 13 digits; no real transfer on a member's shop comes near


class ForgedRequest(Exception):
    """The request does not carry a valid signature or key; the reason is for our logs."""


class ProcessorUnavailable(Exception):
    """The card processor refused or could not be reached; the message is for our logs."""


class MalformedReport(ValueError):
    """A correctly signed body that does not describe anything we can record."""


@dataclass(frozen=True)
class WebhookRequest:
    """A webhook call as it came: headers (looked up case-insensitively) and the raw body."""

    headers: Mapping[str, str]
    raw_body: bytes


@dataclass(frozen=True)
class TransferReport:
    """One movement on the collection account, whatever feed reported it."""

    provider_transaction_id: str
    incoming: bool
    amount: int
    memo: str
    account_number: str
    bank_reference: str
    occurred_at: datetime | None
    counter_account_number: str = ""
    counter_account_name: str = ""
    counter_bank_name: str = ""

    def __post_init__(self):
        """What does not fit the records is malformed, never cut: a cut id could match another one."""
        if not 0 < len(self.provider_transaction_id) <= 64:
            raise MalformedReport("transaction id is empty or longer than 64 characters")
        if len(self.account_number) > 32 or len(self.bank_reference) > 64:
            raise MalformedReport("account number or bank reference is too long")

    @property
    def bank_transaction(self) -> str | None:
        """The bank movement itself, the same whichever feed reports it: None when the feed gives no
        bank reference (then only its own id tells its reports apart)."""
        if not self.bank_reference.strip():
            return None
        account = "".join(char for char in self.account_number if char.isalnum())
        direction = "in" if self.incoming else "out"
        return f"{account}|{direction}|{self.amount}|{self.bank_reference.strip().upper()}"


class PaymentProvider(ABC):
    """What every provider offers the webhook: its code (in URLs and records), a label for staff,
    the headers that carry secrets (never stored), and a check that a request really is its own."""

    code: ClassVar[str]
    label: ClassVar[str]
    secret_headers: ClassVar[frozenset[str]] = frozenset()

    @abstractmethod
    def verify(self, request: WebhookRequest) -> dict:
        """The body, parsed, once the request is proven to come from the provider; ForgedRequest if not."""


class BankFeed(PaymentProvider):
    """A service watching the collection account, calling us once (or more) per transfer."""

    @abstractmethod
    def parse(self, body: dict) -> TransferReport:
        """The transfer the (verified) body reports; MalformedReport when it reports none."""


def json_object(raw_body: bytes, *, error: type[Exception]) -> dict:
    """The body as a JSON object, or `error`."""
    try:
        body = json.loads(raw_body)
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise error("body is not JSON") from problem
    if not isinstance(body, dict):
        raise error("body is not a JSON object")
    return body


def whole_dong(value) -> int:
    """An amount as a feed sends it: a JSON integer (or an integral float), never a bool or text,
    nor Infinity, NaN or an absurd size (Python's json reads all three)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise MalformedReport(f"amount {value!r} is not a whole number of dong")
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        raise MalformedReport(f"amount {value!r} is not a whole number of dong")
    if abs(value) > MAX_AMOUNT:
        raise MalformedReport("amount is out of range")
    return int(value)


def plain_text(value) -> str:
    """A text field of a report as stored: NUL characters, which PostgreSQL refuses, dropped."""
    return "" if value is None else str(value).replace("\x00", "")


def bank_time(value) -> datetime | None:
    """Feeds send local Vietnamese time without a zone ("2025-01-15 10:30:00")."""
    if not value:
        return None
    try:
        naive = datetime.fromisoformat(str(value).replace("T", " ")[:19])
    except ValueError as error:
        raise MalformedReport(f"unreadable date {value!r}") from error
    return naive.replace(tzinfo=VIETNAM) if naive.tzinfo is None else naive


@dataclass(frozen=True)
class CardIntent:
    """A card payment as the processor holds it: the buyer's browser confirms it with `client_secret`."""

    intent_id: str
    client_secret: str
    status: str
    amount: int
    charge_id: str = ""
    failure_message: str = ""


@dataclass(frozen=True)
class CardEvent:
    """One verified webhook event of a card processor, reduced to what the marketplace records."""

    event_id: str
    type: str
    intent_id: str = ""
    amount: int = 0
    currency: str = ""
    status: str = ""
    charge_id: str = ""
    refunds: tuple[tuple[str, int], ...] = ()  # (refund id, amount) of a refunded charge
    dispute_id: str = ""
    failure_message: str = ""


class CardProcessor(PaymentProvider):
    """A card processor: the buyer types her card into its own form, never ours; it tells us by
    webhook when a payment succeeded, failed, was refunded or disputed."""

    @abstractmethod
    def enabled(self) -> bool:
        """Whether its keys are set: cards are offered only then."""

    @abstractmethod
    def parse(self, body: dict) -> CardEvent:
        """The event the (verified) body reports; MalformedReport when it reports none."""

    @abstractmethod
    def create_intent(
        self, *, amount: int, reference: str, description: str, idempotency_key: str
    ) -> CardIntent:
        """A new card payment of `amount` đồng for the payment with this reference (and a
        description a person reads on the processor's dashboard)."""

    @abstractmethod
    def retrieve_intent(self, intent_id: str) -> CardIntent:
        """Where a card payment stands now (after the buyer's browser confirmed it, say)."""

    @abstractmethod
    def refund(self, *, intent_id: str, amount: int, idempotency_key: str) -> str:
        """Give `amount` đồng of the card payment back to the card; the refund's id."""

    @abstractmethod
    def fee(self, *, charge_id: str) -> int:
        """What the processor kept of the charge, in đồng."""
