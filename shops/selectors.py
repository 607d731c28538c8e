"""Reads of shops as buyers and mentors see them."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from .models import MentorProvince, Shop, ShopStatus


def live_shops(*, province_code: int | None = None) -> QuerySet[Shop]:
    shops = Shop.objects.live().annotate(product_count=Count("products", filter=Q(products__is_public=True)))
    if province_code:
        shops = shops.filter(province_code=province_code)
    return shops.order_by("name")


def shop_for_page(*, slug: str) -> Shop:
    """A shop whose page is up; Shop.DoesNotExist for drafts, rejected and unknown shops."""
    return Shop.objects.filter(status__in=ShopStatus.visible_statuses()).get(slug=slug)


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
