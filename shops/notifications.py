"""Shop review news: mentors hear of new applications, members hear of each decision."""

from django.urls import reverse

from notifications.services import Announcement, notify_once
from notifications.topics import Topic

from .models import ShopReviewEvent, ShopStatus
from .selectors import members_to_tell, mentors_to_tell


def _announcements(event: ShopReviewEvent) -> list[Announcement]:
    shop = event.shop
    if event.to_status == ShopStatus.SUBMITTED:
        recipients = mentors_to_tell(province_code=shop.province_code)
        topic, path = Topic.REVIEW_QUEUE, reverse("mentor:shop", kwargs={"pk": shop.pk})
    else:
        recipients, topic, path = members_to_tell(shop=shop), Topic.SHOP_REVIEW, reverse("seller:home")
    return [
        Announcement(
            source=f"shop-review:{event.pk}",
            topic=topic,
            template=f"shops/emails/{event.to_status}",
            path=path,
            recipients=recipients,
            context={
                "event": event,
                "shop": shop,
                "reinstated": event.from_status == ShopStatus.SUSPENDED,
                "field_comments": event.labelled_field_comments(),
            },
        )
    ]


def notify_review_event(*, event_id: int) -> int:
    """Announce the event once; a redelivered task finds notified_at set and sends nothing."""
    return notify_once(
        ShopReviewEvent.objects.select_related("shop", "actor"), pk=event_id, announcements=_announcements
    )
