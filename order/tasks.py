from celery import shared_task

from . import notifications


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_shop_order_event(event_id: int) -> int:
    return notifications.notify_shop_order_event(event_id=event_id)
