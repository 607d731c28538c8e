"""Reads of shops as buyers and mentors see them."""

from django.db.models import Count, Q, QuerySet

from .models import Shop, ShopStatus


def live_shops(*, province_code: int | None = None) -> QuerySet[Shop]:
    shops = Shop.objects.live().annotate(product_count=Count("products", filter=Q(products__is_public=True)))
    if province_code:
        shops = shops.filter(province_code=province_code)
    return shops.order_by("name")


def shop_for_page(*, slug: str) -> Shop:
    """A shop whose page is up; Shop.DoesNotExist for drafts, rejected and unknown shops."""
    return Shop.objects.filter(status__in=ShopStatus.visible_statuses()).get(slug=slug)
