from celery import shared_task

from . import notifications
from .imports import product_import_run


@shared_task(acks_late=True)
def run_product_import(import_id: int) -> None:
    product_import_run(import_id=import_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_review_event(event_id: int) -> int:
    return notifications.notify_review_event(event_id=event_id)
