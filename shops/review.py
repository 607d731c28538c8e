"""The shop lifecycle as explicit transitions.

draft → submitted → approved | changes_requested (→ submitted again) | rejected;
approved → suspended → approved. Each transition locks the shop row, checks the current status
and the actor's right to act, appends to the review log, and notifies after commit.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.lifecycle import Lifecycle, TransitionRefused, require_text

from .models import Shop, ShopReviewEvent, ShopStatus
from .permissions import can_review
from .services import APPLICATION_FIELDS, shop_ensure_partner

SHOP_REVIEW = Lifecycle(
    model=Shop,
    event_model=ShopReviewEvent,
    refusal=gettext_lazy("Không thể %(action)s: gian hàng đang ở trạng thái “%(status)s”."),
    notify_task="shops.tasks.notify_review_event",
)

# What a complete application must hold before a mentor sees it: all but the optional extras.
OPTIONAL_FOR_SUBMISSION = ("banner", "business_registration")
REQUIRED_FOR_SUBMISSION = tuple(name for name in APPLICATION_FIELDS if name not in OPTIONAL_FOR_SUBMISSION)


def missing_for_submission(shop: Shop) -> dict[str, str]:
    """Field name → label of what is still empty, in form order, so pages say exactly what is missing."""
    return {
        name: str(Shop._meta.get_field(name).verbose_name)
        for name in REQUIRED_FOR_SUBMISSION
        if not getattr(shop, name)
    }


def _locked(shop_id: int, *, allowed: tuple[str, ...], action: str, reviewer=None, member=None) -> Shop:
    """Lock the shop, check who acts (before anything about the shop is said), then its status."""

    def authorize(shop: Shop) -> None:
        if reviewer is not None and not can_review(reviewer, shop):
            raise PermissionDenied(_("Gian hàng này không thuộc tỉnh/thành phố bạn phụ trách."))
        if member is not None and not shop.members.filter(pk=member.pk).exists():
            raise PermissionDenied(_("Bạn không phải thành viên của gian hàng này."))

    return SHOP_REVIEW.lock(shop_id, allowed=allowed, action=action, authorize=authorize)


def _move(shop: Shop, *, to: str, actor, note: str = "", field_comments=None) -> ShopReviewEvent:
    return SHOP_REVIEW.move(
        shop,
        to=to,
        actor=actor,
        note=note,
        field_comments=field_comments or {},
        update_fields=["status", "submitted_at", "updated_at"],
    )


@transaction.atomic
def shop_submit(*, shop_id: int, actor) -> ShopReviewEvent:
    shop = _locked(
        shop_id,
        allowed=(ShopStatus.DRAFT, ShopStatus.CHANGES_REQUESTED),
        action=_("gửi duyệt"),
        member=actor,
    )
    missing = missing_for_submission(shop)
    if missing:
        raise TransitionRefused(_("Còn thiếu: %(fields)s.") % {"fields": ", ".join(missing.values())})
    shop.full_clean()
    shop.submitted_at = timezone.now()
    return _move(shop, to=ShopStatus.SUBMITTED, actor=actor)


@transaction.atomic
def shop_approve(*, shop_id: int, mentor, note: str = "") -> ShopReviewEvent:
    shop = _locked(shop_id, allowed=(ShopStatus.SUBMITTED,), action=_("duyệt"), reviewer=mentor)
    event = _move(shop, to=ShopStatus.APPROVED, actor=mentor, note=note.strip())
    shop_ensure_partner(shop=shop)
    return event


@transaction.atomic
def shop_request_changes(
    *, shop_id: int, mentor, note: str = "", field_comments: dict[str, str] | None = None
) -> ShopReviewEvent:
    shop = _locked(shop_id, allowed=(ShopStatus.SUBMITTED,), action=_("yêu cầu bổ sung"), reviewer=mentor)
    comments = {field: text.strip() for field, text in (field_comments or {}).items() if text.strip()}
    unknown = set(comments) - {field.name for field in Shop._meta.get_fields()}
    if unknown:
        raise TransitionRefused(_("Mục không tồn tại: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if not comments and not note.strip():
        raise TransitionRefused(_("Hãy ghi điều cần bổ sung (góp ý chung hoặc từng mục)."))
    return _move(
        shop, to=ShopStatus.CHANGES_REQUESTED, actor=mentor, note=note.strip(), field_comments=comments
    )


@transaction.atomic
def shop_reject(*, shop_id: int, mentor, reason: str) -> ShopReviewEvent:
    shop = _locked(shop_id, allowed=(ShopStatus.SUBMITTED,), action=_("từ chối"), reviewer=mentor)
    return _move(
        shop, to=ShopStatus.REJECTED, actor=mentor, note=require_text(reason, why=_("Hãy ghi lý do."))
    )


@transaction.atomic
def shop_suspend(*, shop_id: int, mentor, reason: str) -> ShopReviewEvent:
    shop = _locked(shop_id, allowed=(ShopStatus.APPROVED,), action=_("tạm ngừng"), reviewer=mentor)
    return _move(
        shop, to=ShopStatus.SUSPENDED, actor=mentor, note=require_text(reason, why=_("Hãy ghi lý do."))
    )


@transaction.atomic
def shop_reinstate(*, shop_id: int, mentor, reason: str) -> ShopReviewEvent:
    shop = _locked(shop_id, allowed=(ShopStatus.SUSPENDED,), action=_("mở lại"), reviewer=mentor)
    event = _move(
        shop, to=ShopStatus.APPROVED, actor=mentor, note=require_text(reason, why=_("Hãy ghi lý do."))
    )
    shop_ensure_partner(shop=shop)  # members who joined while it was suspended can sell too
    return event
