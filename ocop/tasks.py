from celery import shared_task

from . import notifications, services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_certificate_event(event_id: int) -> int:
    return notifications.notify_certificate_event(event_id=event_id)


@shared_task(acks_late=True)
def expire_and_remind_certificates() -> dict[str, int]:
    """Daily (beat): expire OCOP certificates past their date and remind shops 60 and 30 days ahead."""
    return services.certificates_expire_and_remind()
