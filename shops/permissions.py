"""Who may act on a shop: its members for their own shop, mentors in their provinces, staff anywhere."""

from django.db.models import QuerySet

from .models import MentorProvince, Shop, ShopMembership


def mentors_a_province(*, user_id: int) -> bool:
    return MentorProvince.objects.filter(mentor_id=user_id).exists()


def is_mentor(user) -> bool:
    return bool(user.is_authenticated) and (user.is_staff or mentors_a_province(user_id=user.pk))


def mentor_province_codes(user) -> set[int] | None:
    """The provinces a mentor acts in; None means everywhere (union staff)."""
    if user.is_staff:
        return None
    return set(MentorProvince.objects.filter(mentor=user).values_list("province_code", flat=True))


def can_review(user, shop: Shop) -> bool:
    provinces = mentor_province_codes(user)
    return provinces is None or shop.province_code in provinces


def shops_reviewable_by(user) -> QuerySet[Shop]:
    provinces = mentor_province_codes(user)
    shops = Shop.objects.all()
    return shops if provinces is None else shops.filter(province_code__in=provinces)


def shop_of_member(user) -> Shop | None:
    """The shop a vendor runs (one per person), or None."""
    if not user.is_authenticated:
        return None
    membership = ShopMembership.objects.filter(user=user).select_related("shop").first()
    return membership.shop if membership else None


def is_member(user, shop: Shop) -> bool:
    return bool(user.is_authenticated) and ShopMembership.objects.filter(user=user, shop=shop).exists()


def can_see_certificate_scan(user, shop: Shop) -> bool:
    """A certificate scan: the shop's members, the mentors of its province and union staff."""
    if not user.is_authenticated:
        return False
    return is_member(user, shop) or (is_mentor(user) and can_review(user, shop))


def can_see_import_file(user, shop: Shop | None) -> bool:
    """A product file someone uploaded: the shop's members and union staff."""
    if not user.is_authenticated:
        return False
    return user.is_staff or (shop is not None and is_member(user, shop))
