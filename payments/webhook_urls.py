"""One webhook URL per enabled provider: /payments/webhooks/<code>/, named by its code."""

from django.urls import path

from . import views
from .providers import registry
from .providers.base import BankFeed, CardProcessor

app_name = "webhooks"
urlpatterns = [
    path(f"{code}/", views.bank_feed_webhook, {"provider": code}, name=code)
    for code, provider in registry().items()
    if isinstance(provider, BankFeed)
] + [
    path(f"{code}/", views.card_webhook, {"provider": code}, name=code)
    for code, provider in registry().items()
    if isinstance(provider, CardProcessor)
]
