"""Review emails: who gets them, what they say, once only, and sent by a real worker after commit."""

from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.core import mail

from shops import review
from shops.models import ShopReviewEvent, ShopStatus
from shops.notifications import notify_review_event
from tests.conftest import queued_tasks, wait_for_delivery
from tests.factories import MentorFactory, UserFactory, an_application

MENTOR_EMAIL = "hoa.mentor@hoiphunu.vn"


def latest_event(shop) -> ShopReviewEvent:
    return shop.review_events.order_by("-pk").first()


@pytest.mark.django_db
def test_a_submission_emails_the_mentors_of_the_province_with_a_link_to_the_application(settings):
    settings.SITE_URL = "https://chosen.vn"
    MentorFactory(provinces=[1], email=MENTOR_EMAIL)
    MentorFactory(provinces=[79], email="sai.tinh@hoiphunu.vn")
    owner = UserFactory()
    shop = an_application(owner=owner, name='Mắm & muối "Bà Lan"')
    review.shop_submit(shop_id=shop.pk, actor=owner)

    sent = notify_review_event(event_id=latest_event(shop).pk)

    assert sent == 1
    [email] = mail.outbox
    assert email.to == [MENTOR_EMAIL]
    assert email.subject == '[Chợ Sen] Hồ sơ gian hàng mới cần duyệt: Mắm & muối "Bà Lan"'
    assert f"https://chosen.vn/mentor/shops/{shop.pk}/" in email.body
    assert "Thành phố Hà Nội" in email.body and "&amp;" not in email.body


@pytest.mark.django_db
def test_with_no_mentor_in_the_province_union_staff_hear_of_the_application():
    UserFactory(is_staff=True, email="bantochuc@hoiphunu.vn")
    owner = UserFactory()
    shop = an_application(owner=owner)
    review.shop_submit(shop_id=shop.pk, actor=owner)

    notify_review_event(event_id=latest_event(shop).pk)

    assert [email.to for email in mail.outbox] == [["bantochuc@hoiphunu.vn"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "subject", "in_body"),
    [
        (
            ShopStatus.APPROVED,
            "Chúc mừng! Gian hàng “Hợp tác xã Mắm Cát Hải” đã được duyệt",
            "đã hiển thị cho người mua",
        ),
        (
            ShopStatus.CHANGES_REQUESTED,
            "Hồ sơ gian hàng “Hợp tác xã Mắm Cát Hải” cần bổ sung",
            "Góp ý chung: Thêm ảnh.",
        ),
        (
            ShopStatus.REJECTED,
            "Hồ sơ gian hàng “Hợp tác xã Mắm Cát Hải” chưa được duyệt",
            "Lý do: Không phải hội viên.",
        ),
        (ShopStatus.SUSPENDED, "Gian hàng “Hợp tác xã Mắm Cát Hải” tạm ngừng bán", "Lý do: Hàng giả."),
    ],
)
def test_each_decision_emails_every_member_of_the_shop_in_vietnamese(status, subject, in_body):
    owner, helper = UserFactory(email="lan@example.vn"), UserFactory(email="mai@example.vn")
    shop = an_application(owner=owner, status=ShopStatus.SUBMITTED)
    shop.memberships.create(user=helper)
    shop = an_application_moved_to(shop, status)

    notify_review_event(event_id=latest_event(shop).pk)

    assert sorted(email.to[0] for email in mail.outbox) == ["lan@example.vn", "mai@example.vn"]
    assert {email.subject for email in mail.outbox} == {f"[Chợ Sen] {subject}"}
    assert in_body in mail.outbox[0].body
    assert "/seller/" in mail.outbox[0].body


def an_application_moved_to(shop, status):
    staff = UserFactory(is_staff=True, email=None)
    if status == ShopStatus.APPROVED:
        review.shop_approve(shop_id=shop.pk, mentor=staff)
    elif status == ShopStatus.CHANGES_REQUESTED:
        review.shop_request_changes(
            shop_id=shop.pk, mentor=staff, note="Thêm ảnh.", field_comments={"story": "Dài hơn."}
        )
    elif status == ShopStatus.REJECTED:
        review.shop_reject(shop_id=shop.pk, mentor=staff, reason="Không phải hội viên.")
    else:
        review.shop_approve(shop_id=shop.pk, mentor=staff)
        review.shop_suspend(shop_id=shop.pk, mentor=staff, reason="Hàng giả.")
    return shop


@pytest.mark.django_db
def test_a_redelivered_task_sends_nothing_twice_and_members_without_email_are_skipped():
    owner = UserFactory(email=None)
    shop = an_application(owner=owner, status=ShopStatus.SUBMITTED)
    shop.memberships.create(user=UserFactory(email="mai@example.vn"))
    review.shop_reject(shop_id=shop.pk, mentor=UserFactory(is_staff=True), reason="Trùng gian hàng.")
    event = latest_event(shop)

    first, second = notify_review_event(event_id=event.pk), notify_review_event(event_id=event.pk)

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    event.refresh_from_db()
    assert event.notified_at is not None


@pytest.mark.django_db
def test_the_email_task_is_queued_only_when_the_decision_is_committed(django_capture_on_commit_callbacks):
    shop = an_application(status=ShopStatus.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        review.shop_approve(shop_id=shop.pk, mentor=UserFactory(is_staff=True))

    assert queued_tasks(queued) == ["shops.tasks.notify_review_event"]
    assert not mail.outbox


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_emails_the_mentor_and_then_the_vendor(celery_worker_process):
    email_dir = celery_worker_process.email_dir
    mentor = MentorFactory(provinces=[1], email=MENTOR_EMAIL)
    owner = UserFactory(email="lan@example.vn")
    shop = an_application(owner=owner)

    submitted = review.shop_submit(shop_id=shop.pk, actor=owner)
    wait_for_delivery(f"shop-review:{submitted.pk}", message="the worker to email the mentor")
    approved = review.shop_approve(shop_id=shop.pk, mentor=mentor, note="Chúc chị bán đắt hàng.")
    wait_for_delivery(f"shop-review:{approved.pk}", message="the worker to email the vendor")

    sent = [message_from_bytes(path.read_bytes()) for path in sorted(email_dir.glob("*.log"))]
    by_recipient = {message["To"]: str(make_header(decode_header(message["Subject"]))) for message in sent}
    assert by_recipient[MENTOR_EMAIL] == "[Chợ Sen] Hồ sơ gian hàng mới cần duyệt: Hợp tác xã Mắm Cát Hải"
    assert (
        by_recipient["lan@example.vn"]
        == "[Chợ Sen] Chúc mừng! Gian hàng “Hợp tác xã Mắm Cát Hải” đã được duyệt"
    )
