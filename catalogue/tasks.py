from celery import shared_task

from . import imports, moderation


@shared_task(acks_late=True)
def run_product_import(import_id: int) -> None:
    imports.product_import_run(import_id=import_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_product_hidden(hide_id: int) -> int:
    return moderation.notify_product_hidden(hide_id=hide_id)


@shared_task(acks_late=True)
def fail_stalled_imports() -> int:
    """Beat, every quarter of an hour: imports whose worker died end as failed."""
    return imports.product_imports_fail_stalled()
