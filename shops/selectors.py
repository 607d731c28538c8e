"""Reads of shops' people: who to tell about a shop (its members, its province's mentors)."""

from django.contrib.auth import get_user_model

from .models import MentorProvince, Shop


def member_emails(*, shop: Shop) -> list[str]:
    return list(shop.members.filter(is_active=True).exclude(email=None).values_list("email", flat=True))


def mentor_emails(*, province_code: int | None) -> list[str]:
    """The province's mentors; union staff when nobody is assigned to it yet."""
    people = get_user_model().objects.filter(is_active=True).exclude(email=None)
    mentors = people.filter(
        pk__in=MentorProvince.objects.filter(province_code=province_code).values("mentor")
    )
    if not mentors.exists():
        mentors = people.filter(is_staff=True)
    return list(mentors.values_list("email", flat=True))
