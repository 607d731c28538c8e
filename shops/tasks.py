from celery import shared_task

from . import (
    certificate_notifications,
    certificates,
    fulfilment_notifications,
    notifications,
    product_moderation,
)
from .imports import product_import_run


@shared_task(acks_late=True)
def run_product_import(import_id: int) -> None:
    product_import_run(import_id=import_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_review_event(event_id: int) -> int:
    return notifications.notify_review_event(event_id=event_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_certificate_event(event_id: int) -> int:
    return certificate_notifications.notify_certificate_event(event_id=event_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_product_hidden(hide_id: int) -> int:
    return product_moderation.notify_product_hidden(hide_id=hide_id)


@shared_task(acks_late=True)
def expire_and_remind_certificates() -> dict[str, int]:
    """Daily (beat): expire OCOP certificates past their date and remind shops 60 and 30 days ahead."""
    return certificates.certificates_expire_and_remind()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_shop_order_event(event_id: int) -> int:
    return fulfilment_notifications.notify_shop_order_event(event_id=event_id)
