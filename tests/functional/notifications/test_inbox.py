"""Her inbox at /notifications/, the bell in the header (a hole in cached pages), the short links
of her messages, her channel choices and the browser subscriptions for push."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification, Preference, PushSubscription
from notifications.services import Announcement, Recipient, announce
from tests.factories import MentorFactory, ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db


def tell(user, *, headline_source: str, shop=None) -> Notification:
    shop = shop or ShopFactory(name=headline_source)
    [notification] = announce(
        Announcement(
            source=headline_source,
            topic="shop_review",
            template="shops/emails/approved",
            path="/seller/",
            recipients=[Recipient.person(user)],
            context={"shop": shop, "reinstated": False},
        )
    )
    return notification


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def bell(response) -> int:
    """The number on the bell of the header (0 when there is none)."""
    link = re.search(r'data-testid="nav-inbox">(.*?)</a>', response.content.decode(), re.S).group(1)
    shown = re.search(r'<span class="count" aria-label="(\d+) thông báo chưa đọc">(\d+)</span>', link)
    return int(shown.group(1)) if shown else 0


def test_the_inbox_lists_her_notifications_newest_first_with_the_unread_ones_marked():
    lan = UserFactory()
    tell(lan, headline_source="Mật ong Ba Vì")
    tell(lan, headline_source="Trà Thái Nguyên")
    tell(UserFactory(), headline_source="Không phải của chị")

    html = signed_in(lan).get(reverse("notifications:inbox")).content.decode()

    assert html.index("Trà Thái Nguyên") < html.index("Mật ong Ba Vì")
    assert "Không phải của chị" not in html
    assert html.count('class="unread"') == 2 and html.count("Chưa đọc:") == 2


def test_a_short_link_opens_the_page_and_marks_it_read_and_an_unknown_one_is_404():
    lan = UserFactory()
    notification = tell(lan, headline_source="Mật ong Ba Vì")
    client = signed_in(lan)
    assert bell(client.get("/")) == 1

    response = Client().get(f"/n/{notification.short_code}")  # from her text message, not signed in

    assert response.status_code == 302 and response["Location"] == "/seller/"
    assert Notification.objects.get(pk=notification.pk).read_at is not None
    assert bell(client.get("/")) == 0
    assert Client().get("/n/khongcoma00").status_code == 404


def test_read_all_empties_the_bell_of_her_and_of_nobody_else():
    lan, hoa = UserFactory(), UserFactory()
    tell(lan, headline_source="a")
    tell(lan, headline_source="b")
    tell(hoa, headline_source="c")

    response = signed_in(lan).post(reverse("notifications:read-all"), follow=True)

    assert "Đã đánh dấu mọi thông báo là đã đọc." in response.content.decode()
    assert Notification.objects.filter(user=lan, read_at=None).count() == 0
    assert Notification.objects.filter(user=hoa, read_at=None).count() == 1


def test_each_signed_in_visitor_sees_her_own_count_on_the_cached_storefront_pages():
    product = ProductFactory()
    lan, hoa = UserFactory(), UserFactory()
    for source in ("a", "b", "c"):
        tell(lan, headline_source=source)
    pages = ["/", product.get_absolute_url(), reverse("catalogue:index")]
    as_lan, as_hoa = signed_in(lan), signed_in(hoa)

    for url in pages:
        for _ in range(2):  # the second round comes from the page cache
            assert bell(as_lan.get(url)) == 3, url
            assert bell(as_hoa.get(url)) == 0, url
    tell(hoa, headline_source="d")
    assert [bell(as_hoa.get(url)) for url in pages] == [1, 1, 1]
    assert 'data-testid="nav-inbox"' not in Client().get("/").content.decode()


def test_a_cached_page_reads_her_count_with_the_page_and_no_query(django_assert_max_num_queries):
    lan = UserFactory()
    tell(lan, headline_source="a")
    client = signed_in(lan)
    client.get("/")

    with django_assert_max_num_queries(2) as queries:  # her user row and the catalogue fingerprint
        assert bell(client.get("/")) == 1
    assert not [q["sql"] for q in queries.captured_queries if "notification" in q["sql"]]


def test_the_inbox_makes_the_same_number_of_queries_for_one_or_twenty_notifications():
    lan = UserFactory()
    client = signed_in(lan)
    tell(lan, headline_source="first")

    def count() -> int:
        cache.clear()  # her counts are read the same way each time
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("notifications:inbox")).status_code == 200
        return len(queries)

    one = count()
    for n in range(19):
        tell(lan, headline_source=f"more {n}")
    assert count() == one


def test_the_inbox_and_choices_need_her_to_sign_in():
    for name in ("notifications:inbox", "notifications:channels"):
        response = Client().get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_vendor_chooses_her_channels_and_only_the_differences_are_kept():
    vendor = UserFactory(email=None)
    ShopFactory(owner=vendor)
    client = signed_in(vendor)

    page = client.get(reverse("notifications:channels")).content.decode()
    assert "Đơn hàng mới đã thanh toán" in page and "Hồ sơ và chứng nhận mới cần duyệt" not in page
    assert "Tài khoản chưa có email" in page and "Chợ Sen chưa bật gửi tin nhắn SMS." in page

    everything = {"email", "push", "sms"}
    chosen = {topic: sorted(everything) for topic in ("new_orders", "shop_review", "products", "payouts")}
    chosen |= {"certificates": ["push"], "my_orders": ["email", "push", "sms"]}
    response = client.post(reverse("notifications:channels"), chosen, follow=True)

    assert "Đã lưu cách bạn muốn nhận thông báo." in response.content.decode()
    assert set(Preference.objects.filter(user=vendor).values_list("topic", "channel", "enabled")) == {
        ("certificates", "email", False),
        ("certificates", "sms", False),
    }


def test_a_mentor_is_offered_the_review_queue_topic():
    page = signed_in(MentorFactory(provinces=[1])).get(reverse("notifications:channels")).content.decode()
    assert "Hồ sơ và chứng nhận mới cần duyệt" in page and "Đơn hàng mới đã thanh toán" not in page


SUBSCRIPTION = {
    "endpoint": "https://fcm.googleapis.com/fcm/send/abc123",
    "keys": {"p256dh": "BOr2-key", "auth": "auth-secret"},
}


def test_a_browser_subscription_is_kept_once_and_removed_on_request():
    lan = UserFactory()
    client = signed_in(lan)
    subscribe = reverse("notifications:push-subscribe")

    for _ in range(2):
        response = client.post(subscribe, json.dumps(SUBSCRIPTION), content_type="application/json")
        assert response.status_code == 201
    assert PushSubscription.objects.filter(user=lan).count() == 1

    response = client.post(
        reverse("notifications:push-unsubscribe"), json.dumps({"endpoint": SUBSCRIPTION["endpoint"]}),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200 and not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps({"endpoint": "http://evil.example/push", "keys": SUBSCRIPTION["keys"]}),
        json.dumps({"endpoint": SUBSCRIPTION["endpoint"]}),
        json.dumps(["a list"]),
        json.dumps({**SUBSCRIPTION, "padding": "x" * 5000}),
    ],
)
def test_anything_but_a_browsers_subscription_is_refused(body):
    response = signed_in(UserFactory()).post(
        reverse("notifications:push-subscribe"), body, content_type="application/json"
    )
    assert response.status_code == 400 and not PushSubscription.objects.exists()


def test_a_visitor_who_is_not_signed_in_cannot_subscribe():
    response = Client().post(
        reverse("notifications:push-subscribe"), json.dumps(SUBSCRIPTION), content_type="application/json"
    )
    assert response.status_code == 403


def test_the_service_worker_is_served_from_the_root_and_the_manifests_open_each_centre():
    worker = Client().get("/sw.js")
    assert worker["Content-Type"] == "application/javascript" and worker["Service-Worker-Allowed"] == "/"
    assert "showNotification" in worker.content.decode()

    seller = json.loads(Client().get("/seller.webmanifest").content)
    mentor = json.loads(Client().get("/mentor.webmanifest").content)
    assert (seller["start_url"], mentor["start_url"]) == ("/seller/", "/mentor/")
    assert seller["display"] == "standalone" and {icon["sizes"] for icon in seller["icons"]} == {
        "192x192",
        "512x512",
    }
    assert Client().get("/other.webmanifest").status_code == 404


def test_the_opt_in_box_is_on_the_vendors_and_mentors_first_screens_only_when_push_is_set_up(settings):
    from py_vapid import Vapid

    vendor = UserFactory()
    ShopFactory(owner=vendor)
    mentor = MentorFactory(provinces=[1])
    assert "data-push" not in signed_in(vendor).get(reverse("seller:home")).content.decode()

    key = Vapid()
    key.generate_keys()
    settings.WEBPUSH_VAPID_PRIVATE_KEY = key.private_pem().decode()
    for user, url in ((vendor, reverse("seller:home")), (mentor, reverse("mentor:queue"))):
        html = signed_in(user).get(url).content.decode()
        assert "Bật thông báo trên máy này" in html and 'data-key="B' in html
        assert 'rel="manifest"' in html


def test_oscars_account_inbox_leads_to_ours():
    client = signed_in(UserFactory())
    for path in (
        "/accounts/notifications/inbox/",
        "/accounts/notifications/archive/",
        "/accounts/notifications/7/",
    ):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == reverse("notifications:inbox"), path
