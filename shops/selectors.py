"""Reads of shops' people: who to tell about a shop (its members, its province's mentors)."""

from django.contrib.auth import get_user_model

from notifications.services import Recipient

from .models import MentorProvince, Shop


def members_to_tell(*, shop: Shop) -> list[Recipient]:
    return [Recipient.person(user) for user in shop.members.filter(is_active=True)]


def mentors_to_tell(*, province_code: int | None) -> list[Recipient]:
    """The province's mentors; union staff when nobody is assigned to it yet."""
    people = get_user_model().objects.filter(is_active=True)
    mentors = people.filter(
        pk__in=MentorProvince.objects.filter(province_code=province_code).values("mentor")
    )
    if not mentors.exists():
        mentors = people.filter(is_staff=True)
    return [Recipient.person(user) for user in mentors]
