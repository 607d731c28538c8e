from celery import shared_task

from . import imports, moderation


@shared_task(acks_late=True)
def run_product_import(import_id: int) -> None:
    imports.product_import_run(import_id=import_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_product_hidden(hide_id: int) -> int:
    return moderation.notify_product_hidden(hide_id=hide_id)
