from celery import shared_task

from . import summary
from .periods import today


@shared_task
def send_monthly_summaries() -> int:
    """Beat, on the 1st of each month: last month's summary to each mentor (once: safe to rerun)."""
    return summary.send_monthly_summaries(today=today())
