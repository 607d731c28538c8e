from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import services
from .models import Notification

SWEEP_BATCH = 500


@shared_task(acks_late=True)
def deliver_unfinished() -> int:
    """Deliver what a crash left unsent and retry clean failures: notifications of the last two days
    whose channels are not all done, older than a minute (younger ones are being sent right now)."""
    now = timezone.now()
    waiting = Notification.objects.filter(
        delivered_at=None, created_at__lt=now - timedelta(minutes=1), created_at__gt=now - timedelta(days=2)
    ).values_list("pk", flat=True)[:SWEEP_BATCH]
    return sum(services.deliver(notification_id=pk) for pk in waiting)
