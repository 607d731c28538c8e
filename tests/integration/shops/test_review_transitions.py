"""Every shop transition, and every refusal: wrong status, wrong person, missing reason, missing fields."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from oscar.core.loading import get_model

from shops import review
from shops.models import Shop, ShopReviewEvent, ShopStatus
from shops.services import shop_application_save
from tests.conftest import queued_tasks
from tests.factories import MentorFactory, ProductFactory, UserFactory, an_application

pytestmark = pytest.mark.django_db
Partner = get_model("partner", "Partner")


def log_of(shop: Shop) -> list[tuple[str, str]]:
    return list(shop.review_events.order_by("pk").values_list("from_status", "to_status"))


def test_a_draft_is_saved_with_what_she_typed_normalised_the_way_banks_want_it():
    owner = UserFactory()

    shop = an_application(owner=owner)

    assert shop.status == ShopStatus.DRAFT
    assert shop.slug == "hop-tac-xa-mam-cat-hai"
    assert (shop.account_holder, shop.account_number, shop.phone) == (
        "NGUYEN THI LAN",
        "0123456789",
        "+84912345678",
    )
    assert list(shop.members.all()) == [owner]
    assert shop.partner is None and not Shop.objects.visible().filter(pk=shop.pk).exists()


def test_submitting_says_exactly_what_is_missing_and_leaves_the_draft_as_it_was():
    owner = UserFactory()
    shop = an_application(owner=owner, story="", logo="", account_number="")

    with pytest.raises(review.TransitionRefused) as refused:
        review.shop_submit(shop_id=shop.pk, actor=owner)

    assert refused.value.messages == ["Còn thiếu: Câu chuyện, Logo, Số tài khoản."]
    assert list(review.missing_for_submission(shop)) == ["story", "logo", "account_number"]
    shop.refresh_from_db()
    assert shop.status == ShopStatus.DRAFT and not shop.review_events.exists()


def test_the_whole_life_of_a_shop_is_logged_who_when_from_to_why(django_capture_on_commit_callbacks):
    owner, mentor = UserFactory(), MentorFactory(provinces=[1])
    shop = an_application(owner=owner, province_code=1)

    with django_capture_on_commit_callbacks() as notifications:
        review.shop_submit(shop_id=shop.pk, actor=owner)
        review.shop_request_changes(
            shop_id=shop.pk,
            mentor=mentor,
            note="Gần xong rồi.",
            field_comments={"story": "Kể thêm về cá cơm.", "logo": " "},
        )
        shop_application_save(actor=owner, shop=shop, values={"story": "Cá cơm than từ Cát Hải."})
        review.shop_submit(shop_id=shop.pk, actor=owner)
        review.shop_approve(shop_id=shop.pk, mentor=mentor, note="Chúc chị bán đắt hàng.")
        review.shop_suspend(shop_id=shop.pk, mentor=mentor, reason="Khách báo hàng giả.")
        review.shop_reinstate(shop_id=shop.pk, mentor=mentor, reason="Đã kiểm tra, hàng thật.")

    assert log_of(shop) == [
        ("draft", "submitted"),
        ("submitted", "changes_requested"),
        ("changes_requested", "submitted"),
        ("submitted", "approved"),
        ("approved", "suspended"),
        ("suspended", "approved"),
    ]
    request = shop.review_events.get(to_status="changes_requested")
    assert (request.actor, request.note, request.field_comments) == (
        mentor,
        "Gần xong rồi.",
        {"story": "Kể thêm về cá cơm."},
    )
    assert request.labelled_field_comments() == [("story", "Câu chuyện", "Kể thêm về cá cơm.")]
    assert shop.review_events.get(to_status="suspended").note == "Khách báo hàng giả."
    # one email task per transition, queued after commit
    assert queued_tasks(notifications) == ["shops.tasks.notify_review_event"] * 6


def test_approval_creates_the_partner_links_every_member_and_makes_the_shop_public():
    owner, helper, mentor = UserFactory(), UserFactory(), MentorFactory(provinces=[1])
    shop = an_application(owner=owner, status=ShopStatus.SUBMITTED)
    shop.memberships.create(user=helper)

    review.shop_approve(shop_id=shop.pk, mentor=mentor)

    shop.refresh_from_db()
    assert shop.status == ShopStatus.APPROVED
    assert shop.partner.code == shop.slug
    assert set(shop.partner.users.all()) == {owner, helper}
    assert Shop.objects.live().filter(pk=shop.pk).exists()


def test_suspension_keeps_the_page_up_but_stops_buying_and_reinstating_restores_it():
    mentor = MentorFactory(provinces=[1])
    product = ProductFactory()
    shop = product.shop

    review.shop_suspend(shop_id=shop.pk, mentor=mentor, reason="Chờ xác minh.")
    assert Shop.objects.visible().filter(pk=shop.pk).exists()
    assert not Shop.objects.live().filter(pk=shop.pk).exists()
    assert not _buyable(product)

    review.shop_reinstate(shop_id=shop.pk, mentor=mentor, reason="Đã xác minh.")
    assert _buyable(product)
    assert Partner.objects.filter(shop=shop).count() == 1  # the same partner, not a new one


def _buyable(product) -> bool:
    from oscar.core.loading import get_class

    strategy = get_class("partner.strategy", "Selector")().strategy()
    product.refresh_from_db()
    return strategy.fetch_for_product(product).availability.is_available_to_buy


@pytest.mark.parametrize(
    ("status", "decide"),
    [
        (ShopStatus.DRAFT, "approve"),
        (ShopStatus.CHANGES_REQUESTED, "approve"),
        (ShopStatus.REJECTED, "approve"),
        (ShopStatus.APPROVED, "approve"),
        (ShopStatus.APPROVED, "reject"),
        (ShopStatus.DRAFT, "request_changes"),
        (ShopStatus.SUBMITTED, "suspend"),
        (ShopStatus.SUSPENDED, "suspend"),
        (ShopStatus.APPROVED, "reinstate"),
        (ShopStatus.REJECTED, "reinstate"),
    ],
)
def test_impossible_transitions_are_refused_with_the_current_status_and_change_nothing(status, decide):
    shop = an_application(status=status)
    mentor = MentorFactory(provinces=[1])
    events_before = shop.review_events.count()

    with pytest.raises(review.TransitionRefused) as refused:
        _decide(decide, shop, mentor)

    assert f"gian hàng đang ở trạng thái “{shop.get_status_display()}”" in refused.value.messages[0]
    shop.refresh_from_db()
    assert shop.status == status and shop.review_events.count() == events_before


def _decide(decision: str, shop: Shop, mentor):
    call = {
        "approve": lambda: review.shop_approve(shop_id=shop.pk, mentor=mentor),
        "reject": lambda: review.shop_reject(shop_id=shop.pk, mentor=mentor, reason="Lý do."),
        "request_changes": lambda: review.shop_request_changes(shop_id=shop.pk, mentor=mentor, note="Sửa."),
        "suspend": lambda: review.shop_suspend(shop_id=shop.pk, mentor=mentor, reason="Lý do."),
        "reinstate": lambda: review.shop_reinstate(shop_id=shop.pk, mentor=mentor, reason="Lý do."),
    }
    return call[decision]()


def test_a_second_mentor_cannot_approve_what_was_just_rejected():
    shop = an_application(status=ShopStatus.SUBMITTED)
    first, second = MentorFactory(provinces=[1]), MentorFactory(provinces=[1])
    review.shop_reject(shop_id=shop.pk, mentor=first, reason="Không phải sản phẩm tự làm.")

    with pytest.raises(review.TransitionRefused, match="Bị từ chối"):
        review.shop_approve(shop_id=shop.pk, mentor=second)

    assert Shop.objects.get(pk=shop.pk).partner is None


@pytest.mark.parametrize("decide", ["approve", "reject", "request_changes", "suspend", "reinstate"])
def test_a_mentor_cannot_act_outside_her_provinces_whatever_the_status(decide):
    shop = an_application(province_code=1, status=ShopStatus.SUBMITTED)
    elsewhere = MentorFactory(provinces=[4, 8])

    with pytest.raises(PermissionDenied, match="không thuộc tỉnh/thành phố bạn phụ trách"):
        _decide(decide, shop, elsewhere)

    assert Shop.objects.get(pk=shop.pk).status == ShopStatus.SUBMITTED


def test_a_buyer_without_provinces_cannot_review_and_staff_can_anywhere():
    shop = an_application(province_code=1, status=ShopStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        review.shop_approve(shop_id=shop.pk, mentor=UserFactory())

    review.shop_approve(shop_id=shop.pk, mentor=UserFactory(is_staff=True))
    assert Shop.objects.get(pk=shop.pk).status == ShopStatus.APPROVED


@pytest.mark.parametrize("decide", ["reject", "suspend", "reinstate"])
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_rejecting_suspending_and_reinstating_need_a_reason(decide, reason):
    status = {
        "reject": ShopStatus.SUBMITTED,
        "suspend": ShopStatus.APPROVED,
        "reinstate": ShopStatus.SUSPENDED,
    }
    shop = an_application(status=status[decide])
    mentor = MentorFactory(provinces=[1])
    call = getattr(review, f"shop_{decide}")

    with pytest.raises(review.TransitionRefused, match="Hãy ghi lý do"):
        call(shop_id=shop.pk, mentor=mentor, reason=reason)

    assert Shop.objects.get(pk=shop.pk).status == status[decide]


def test_requesting_changes_needs_a_note_or_a_comment_on_a_real_field():
    shop = an_application(status=ShopStatus.SUBMITTED)
    mentor = MentorFactory(provinces=[1])

    with pytest.raises(review.TransitionRefused, match="Hãy ghi điều cần bổ sung"):
        review.shop_request_changes(shop_id=shop.pk, mentor=mentor, note=" ", field_comments={"story": ""})
    with pytest.raises(review.TransitionRefused, match="Mục không tồn tại: password"):
        review.shop_request_changes(shop_id=shop.pk, mentor=mentor, field_comments={"password": "?"})

    assert Shop.objects.get(pk=shop.pk).status == ShopStatus.SUBMITTED


def test_only_a_member_submits_and_only_drafts_or_returned_applications_are_edited():
    owner = UserFactory()
    shop = an_application(owner=owner)

    with pytest.raises(PermissionDenied):
        review.shop_submit(shop_id=shop.pk, actor=UserFactory())
    with pytest.raises(PermissionDenied):
        shop_application_save(actor=UserFactory(), shop=shop, values={"name": "Của tôi"})

    review.shop_submit(shop_id=shop.pk, actor=owner)
    with pytest.raises(review.TransitionRefused):
        review.shop_submit(shop_id=shop.pk, actor=owner)
    with pytest.raises(ValidationError, match="không sửa được nữa"):
        shop_application_save(actor=owner, shop=shop, values={"name": "Đổi tên giữa chừng"})
    assert Shop.objects.get(pk=shop.pk).name == "Hợp tác xã Mắm Cát Hải"


def test_one_shop_per_person():
    owner = UserFactory()
    an_application(owner=owner)

    with pytest.raises(PermissionDenied, match="Bạn đã có gian hàng"):
        shop_application_save(actor=owner, shop=None, values={"name": "Gian hàng thứ hai"})


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Số điện thoại không hợp lệ"),
        ("account_number", "12-34", "Số tài khoản gồm 6 đến 19 chữ số"),
        ("bank_bin", "999999", "Ngân hàng không có trong danh sách NAPAS"),
        ("ward_code", 1, "Phường/xã"),
    ],
)
def test_bad_values_are_refused_on_their_own_field_in_vietnamese(field, value, message):
    with pytest.raises(ValidationError) as refused:
        an_application(**{field: value})

    assert field in refused.value.message_dict
    assert message in " ".join(refused.value.message_dict[field])
    assert not Shop.objects.exists()


def test_review_events_are_never_lost_when_a_transition_fails():
    shop = an_application(status=ShopStatus.SUBMITTED)
    before = ShopReviewEvent.objects.count()
    with pytest.raises(review.TransitionRefused):
        review.shop_reject(shop_id=shop.pk, mentor=MentorFactory(), reason="")
    assert ShopReviewEvent.objects.count() == before
