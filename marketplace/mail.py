"""The emails the marketplace sends: written in Vietnamese, and each sent exactly once.

Whatever causes an email (a review, certificate, payment or shop-order event, a product hide) has a
`notified_at`; the email goes out in the transaction that sets it, under that row's lock, so a task
delivered twice, or run by two workers at once, sends nothing the second time.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def messages_for(template: str, context: dict, recipients: Iterable[str]) -> list[tuple]:
    """One message per address, from `<template>_subject.txt` and `<template>_body.txt`."""
    recipients = list(recipients)
    if not recipients:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]


def send_messages(messages: list[tuple]) -> int:
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def send_email(*, template: str, context: dict, emails: list[str], path: str) -> int:
    """The `template` message to each address, with `url`: the page at `path` where she acts on it."""
    return send_messages(messages_for(template, {**context, "url": site_url(path)}, emails))


def send_once(records: models.QuerySet, *, pk: int, send: Callable[[models.Model], int]) -> int:
    """Run `send(record)` for a record not yet notified, and mark it notified in the same transaction."""
    with transaction.atomic():
        record = records.select_for_update(of=("self",)).filter(pk=pk, notified_at=None).first()
        if record is None:
            return 0
        sent = send(record)
        record.notified_at = timezone.now()
        record.save(update_fields=["notified_at"])
    return sent
