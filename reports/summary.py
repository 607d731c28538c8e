"""The monthly summary each mentor gets for her provinces: last month's main figures, in her inbox
and by email (and on her phone), once per mentor and month, with the link to the full report."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse

from marketplace import geo
from notifications.services import Announcement, Recipient, announce, deliver
from notifications.topics import Topic
from shops.models import MentorProvince

from .figures import Scope, report
from .periods import Period

SUMMARY_FIGURES = (
    "applications",
    "approved",
    "waiting",
    "live",
    "selling_shops",
    "orders",
    "gmv",
    "certified_products",
    "by_feed_share",
)


def month_before(day: datetime.date) -> Period:
    last = day.replace(day=1) - datetime.timedelta(days=1)
    return Period("month", last.replace(day=1), last)


def send_monthly_summaries(*, today: datetime.date) -> int:
    """Last month's summary to every mentor; a second run the same month sends nothing new."""
    period = month_before(today)
    provinces_of: dict = {}
    for mentor_id, code in MentorProvince.objects.filter(mentor__is_active=True).values_list(
        "mentor", "province_code"
    ):
        provinces_of.setdefault(mentor_id, set()).add(code)
    mentors = get_user_model().objects.in_bulk(list(provinces_of))
    sent = 0
    for mentor_id, provinces in provinces_of.items():
        result = report(period=period, scope=Scope(frozenset(provinces)))
        notifications = announce(
            Announcement(
                source=f"monthly-summary:{period.slug}:{mentor_id}",
                topic=Topic.MONTHLY_REPORT,
                template="reports/emails/monthly_summary",
                path=reverse("reports:report") + f"?period=month&month={period.slug}",
                recipients=[Recipient.person(mentors[mentor_id])],
                context={
                    "period": period,
                    "provinces": sorted(geo.province_name(code) for code in provinces),
                    "figures": [result.figures[key] for key in SUMMARY_FIGURES],
                },
            )
        )
        sent += sum(deliver(notification_id=notification.pk) for notification in notifications)
    return sent
