"""The payment providers this marketplace runs with, as the PAYMENT_PROVIDERS setting names them.

Adding a bank feed is one module here implementing `base.BankFeed` and one line in that setting;
its webhook answers at /payments/webhooks/<code>/.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import BankFeed, CardProcessor, PaymentProvider


@cache
def registry() -> dict[str, PaymentProvider]:
    """Code → provider, for every class the setting names."""
    providers = [import_string(path)() for path in settings.PAYMENT_PROVIDERS]
    return {provider.code: provider for provider in providers}


def bank_feed(code: str) -> BankFeed:
    """The enabled bank feed with this code; KeyError for anything else."""
    provider = registry()[code]
    if not isinstance(provider, BankFeed):
        raise KeyError(code)
    return provider


def card_processor(code: str) -> CardProcessor:
    """The card processor with this code; KeyError for anything else."""
    provider = registry()[code]
    if not isinstance(provider, CardProcessor):
        raise KeyError(code)
    return provider


def provider_choices() -> list[tuple[str, str]]:
    """(code, label) of the enabled providers, for the records that name one."""
    return [(code, provider.label) for code, provider in registry().items()]
