"""The seller and mentor pages as people use them: mistakes get Vietnamese messages and lose nothing."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shops import review
from shops.models import Shop, ShopInvitation, ShopStatus
from tests.factories import MentorFactory, UserFactory, an_application, application_form_values

pytestmark = pytest.mark.django_db


def test_a_new_member_saves_a_first_draft_with_only_a_name_and_is_told_what_is_missing(client):
    member = UserFactory()
    client.force_login(member)

    response = client.post(
        reverse("seller:application"), {"name": "Trà Shan tuyết Hà Giang", "save": "1"}, follow=True
    )

    shop = Shop.objects.get(members=member)
    assert (shop.status, shop.slug) == (ShopStatus.DRAFT, "tra-shan-tuyet-ha-giang")
    html = response.content.decode()
    assert "Đã lưu bản nháp." in html
    assert "Còn thiếu:" in html and "Số tài khoản" in html


def test_a_wrong_phone_is_flagged_on_its_field_and_everything_typed_is_kept(client):
    member = UserFactory()
    shop = an_application(owner=member)
    client.force_login(member)

    response = client.post(
        reverse("seller:application"),
        application_form_values(shop, phone="0912", story="Câu chuyện mới", save="1"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa lưu được." in html
    assert "Số điện thoại không hợp lệ. Ví dụ đúng: 0912 345 678." in html
    assert 'id="f-phone"' in html and "Câu chuyện mới" in html  # nothing she typed is lost
    assert Shop.objects.get(pk=shop.pk).story != "Câu chuyện mới"


def test_the_form_shows_her_phone_the_way_she_writes_it(client):
    member = UserFactory()
    an_application(owner=member, phone="+84912345678")
    client.force_login(member)

    assert 'value="0912 345 678"' in client.get(reverse("seller:application")).content.decode()


def test_submitting_an_incomplete_application_keeps_the_draft_and_says_what_is_missing(client):
    member = UserFactory()
    shop = an_application(owner=member, logo="")
    client.force_login(member)

    response = client.post(
        reverse("seller:application"), application_form_values(shop, submit="1"), follow=True
    )

    assert "Đã lưu bản nháp, nhưng chưa gửi duyệt được. Còn thiếu: Logo." in response.content.decode()
    assert Shop.objects.get(pk=shop.pk).status == ShopStatus.DRAFT


def test_a_complete_application_is_submitted_and_the_vendor_sees_where_it_stands(client):
    member = UserFactory()
    shop = an_application(owner=member)
    client.force_login(member)

    response = client.post(
        reverse("seller:application"), application_form_values(shop, submit="1"), follow=True
    )

    html = response.content.decode()
    assert "Đã gửi hồ sơ." in html and "Chờ duyệt" in html
    assert 'data-testid="review-log"' in html
    assert Shop.objects.get(pk=shop.pk).status == ShopStatus.SUBMITTED


def test_the_vendor_sees_the_mentors_comments_on_her_page_and_next_to_each_field(client):
    member = UserFactory()
    shop = an_application(owner=member, status=ShopStatus.SUBMITTED)
    review.shop_request_changes(
        shop_id=shop.pk, mentor=MentorFactory(), note="Gần xong.", field_comments={"story": "Kể về cá cơm."}
    )
    client.force_login(member)

    home = client.get(reverse("seller:home")).content.decode()
    form = client.get(reverse("seller:application")).content.decode()

    assert "Câu chuyện:</strong> Kể về cá cơm." in home and "Gần xong." in home
    assert 'data-testid="comment-story"' in form and "Kể về cá cơm." in form


def test_a_refused_decision_re_renders_the_review_page_with_the_comments_she_typed(client):
    shop = an_application(status=ShopStatus.SUBMITTED)
    client.force_login(MentorFactory())

    response = client.post(
        reverse("mentor:shop", kwargs={"pk": shop.pk}),
        {"action": "reject", "note": "", "comment_story": "Câu chuyện quá ngắn"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Hãy ghi lý do." in html
    assert "Câu chuyện quá ngắn" in html
    assert Shop.objects.get(pk=shop.pk).status == ShopStatus.SUBMITTED


def test_a_decision_on_a_shop_that_just_moved_says_so(client):
    shop = an_application(status=ShopStatus.SUBMITTED)
    review.shop_reject(shop_id=shop.pk, mentor=UserFactory(is_staff=True), reason="Trùng.")
    client.force_login(MentorFactory())

    response = client.post(reverse("mentor:shop", kwargs={"pk": shop.pk}), {"action": "approve"})

    assert response.status_code == 400
    assert "Không thể duyệt: gian hàng đang ở trạng thái “Bị từ chối”." in response.content.decode()


def test_the_queue_is_oldest_first_and_says_how_long_each_has_waited(client):
    first = an_application(status=ShopStatus.SUBMITTED, name="Gửi trước")
    an_application(status=ShopStatus.SUBMITTED, name="Gửi sau")
    Shop.objects.filter(pk=first.pk).update(submitted_at=first.submitted_at.replace(year=2025))
    client.force_login(MentorFactory())

    html = client.get(reverse("mentor:queue")).content.decode()

    assert html.index("Gửi trước") < html.index("Gửi sau")
    assert "Đã chờ 1\xa0năm" in html  # Django's timesince, in Vietnamese (locale/vi)


def test_the_queue_makes_the_same_number_of_queries_for_one_or_many_applications(client):
    client.force_login(MentorFactory())
    an_application(status=ShopStatus.SUBMITTED)

    def count() -> int:
        client.get(reverse("mentor:queue"))  # logo thumbnails are made once, then cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("mentor:queue")).status_code == 200
        return len(queries)

    one = count()
    for _ in range(5):
        an_application(status=ShopStatus.SUBMITTED)
    assert count() == one


def test_the_assignment_form_opens_with_the_mentors_current_provinces(client):
    mentor = MentorFactory(phone="0987000222", provinces=[1, 79])
    client.force_login(UserFactory(is_staff=True))

    html = client.get(reverse("mentor:assignments") + "?person=0987+000+222").content.decode()

    assert 'value="0987 000 222"' in html
    ticked = re.findall(r'<input type="checkbox" name="provinces" value="(\d+)"[^>]* checked>', html)
    assert sorted(ticked) == ["1", "79"]
    assert mentor.mentor_provinces.count() == 2


def test_invitations_show_only_to_someone_without_a_shop(client):
    owner, invited = UserFactory(), UserFactory(phone="0912000009")
    shop = an_application(owner=owner)
    ShopInvitation.objects.create(shop=shop, phone="+84912000009", invited_by=owner)
    client.force_login(invited)

    assert "Lời mời tham gia gian hàng" in client.get(reverse("seller:home")).content.decode()
    an_application(owner=invited, name="Gian hàng riêng của Mai")
    assert "Lời mời tham gia gian hàng" not in client.get(reverse("seller:home")).content.decode()
