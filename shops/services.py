"""Writes on shops. Each service is atomic and validates before saving."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.accounts.phones import normalize_vn_phone
from marketplace.text import slugify

from .models import MentorProvince, Shop, ShopInvitation, ShopMembership, ShopStatus

Partner = get_model("partner", "Partner")

MAX_SHIPPING_FEE = 1_000_000  # a flat fee above a million đồng is a typo
MAX_FREE_SHIPPING_FROM = 1_000_000_000


def shop_ensure_partner(*, shop: Shop) -> Partner:
    """Oscar's partner is the shop's seller identity: its stock records and order lines hang off it."""
    if shop.partner_id is None:
        shop.partner = Partner.objects.create(name=shop.name, code=shop.slug)
        shop.save(update_fields=["partner", "updated_at"])
    partner_users = shop.partner.users
    member_ids = set(shop.members.values_list("pk", flat=True))
    missing = member_ids - set(partner_users.values_list("pk", flat=True))
    if missing:
        partner_users.add(*missing)
    return shop.partner


@transaction.atomic
def shop_create_live(
    *,
    name: str,
    slug: str,
    province_code: int,
    ward_code: int | None = None,
    story: str = "",
    phone: str = "",
    owner=None,
    **details,
) -> Shop:
    """A shop that is live at once, for staff imports and demo data.

    Members' shops go through the mentor review instead; this skips it on purpose.
    """
    shop = Shop(
        name=name,
        slug=slug,
        province_code=province_code,
        ward_code=ward_code,
        story=story,
        phone=phone,
        status=ShopStatus.APPROVED,
        **details,
    )
    shop.full_clean()
    shop.save()
    if owner is not None:
        ShopMembership.objects.create(shop=shop, user=owner, role=ShopMembership.Role.OWNER)
    shop_ensure_partner(shop=shop)
    return shop


APPLICATION_FIELDS = (
    "name",
    "story",
    "logo",
    "banner",
    "province_code",
    "ward_code",
    "phone",
    "union_chapter",
    "bank_bin",
    "account_number",
    "account_holder",
    "business_registration",
)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "gian-hang"
    slug, number = base, 1
    while Shop.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def shop_application_save(*, actor, shop: Shop | None, values: dict) -> Shop:
    """Create or update a member's application; only drafts and returned applications are editable."""
    if shop is None:
        if ShopMembership.objects.filter(user=actor).exists():
            raise PermissionDenied(_("Bạn đã có gian hàng."))
        shop = Shop(status=ShopStatus.DRAFT, slug=_unique_slug(values.get("name") or ""))
        is_new = True
    else:
        shop = Shop.objects.select_for_update().get(pk=shop.pk)
        if not shop.members.filter(pk=actor.pk).exists():
            raise PermissionDenied(_("Bạn không phải thành viên của gian hàng này."))
        if shop.status not in (ShopStatus.DRAFT, ShopStatus.CHANGES_REQUESTED):
            raise ValidationError(_("Hồ sơ đang được duyệt hoặc đã có kết quả, không sửa được nữa."))
        is_new = False
    for name in APPLICATION_FIELDS:
        if name in values:
            setattr(shop, name, values[name])
    shop.full_clean(exclude=["slug"] if is_new else None)
    shop.save()
    if is_new:
        ShopMembership.objects.create(shop=shop, user=actor, role=ShopMembership.Role.OWNER)
    return shop


@transaction.atomic
def shop_member_invite(*, shop: Shop, invited_by, phone_or_email: str) -> ShopInvitation:
    """Invite someone by phone or email; she accepts from her own seller page once signed in."""
    if not ShopMembership.objects.filter(shop=shop, user=invited_by, role=ShopMembership.Role.OWNER).exists():
        raise PermissionDenied(_("Chỉ chủ gian hàng mới mời được thành viên."))
    value = phone_or_email.strip()
    if "@" in value:
        invitation = ShopInvitation(shop=shop, email=value.lower(), invited_by=invited_by)
    else:
        invitation = ShopInvitation(shop=shop, phone=normalize_vn_phone(value), invited_by=invited_by)
    pending = ShopInvitation.objects.filter(shop=shop, accepted_at=None)
    if pending.filter(phone=invitation.phone, email=invitation.email).exists():
        raise ValidationError(_("Đã gửi lời mời cho người này rồi."))
    invitation.full_clean()
    invitation.save()
    return invitation


def invitations_for(user):
    """Pending invitations addressed to this person's phone or email."""
    matches = Q(pk__in=[])
    if user.phone:
        matches |= Q(phone=user.phone)
    if user.email:
        matches |= Q(email__iexact=user.email)
    return ShopInvitation.objects.filter(matches, accepted_at=None).select_related("shop")


@transaction.atomic
def shop_invitation_accept(*, invitation_id: int, user) -> ShopMembership:
    invitation = invitations_for(user).select_for_update().filter(pk=invitation_id).first()
    if invitation is None:
        raise PermissionDenied(_("Lời mời không còn hiệu lực."))
    if ShopMembership.objects.filter(user=user).exists():
        raise ValidationError(_("Bạn đã là thành viên của một gian hàng khác."))
    membership = ShopMembership.objects.create(
        shop=invitation.shop, user=user, role=ShopMembership.Role.MEMBER
    )
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    if invitation.shop.partner_id:
        shop_ensure_partner(shop=invitation.shop)
    return membership


@transaction.atomic
def mentor_provinces_set(*, mentor, province_codes: list[int], actor) -> None:
    """Replace a mentor's provinces (union staff only); an empty list takes her off mentoring."""
    if not actor.is_staff:
        raise PermissionDenied(_("Chỉ cán bộ Trung ương Hội mới phân công được."))
    MentorProvince.objects.filter(mentor=mentor).exclude(province_code__in=province_codes).delete()
    for code in province_codes:
        MentorProvince.objects.get_or_create(mentor=mentor, province_code=code)


@transaction.atomic
def shop_shipping_set(*, shop: Shop, actor, shipping_fee: int, free_shipping_from: int | None) -> Shop:
    """Her flat fee per shop order, and the items total from which shipping is free (None: never).

    Orders already placed keep the fee they were placed with.
    """
    shop = Shop.objects.select_for_update().get(pk=shop.pk)
    if not shop.members.filter(pk=actor.pk).exists():
        raise PermissionDenied(_("Bạn không phải thành viên của gian hàng này."))
    errors = {}
    if not 0 <= shipping_fee <= MAX_SHIPPING_FEE:
        errors["shipping_fee"] = _("Phí giao hàng phải từ 0 ₫ đến 1.000.000 ₫.")
    if free_shipping_from is not None and not 0 <= free_shipping_from <= MAX_FREE_SHIPPING_FROM:
        errors["free_shipping_from"] = _("Mức miễn phí giao hàng phải từ 0 ₫ đến 1.000.000.000 ₫.")
    if errors:
        raise ValidationError(errors)
    shop.shipping_fee = shipping_fee
    shop.free_shipping_from = free_shipping_from
    shop.save(update_fields=["shipping_fee", "free_shipping_from", "updated_at"])
    return shop
