"""Whole pages from the cache for returning visitors: each still gets her own basket count, sign-in
state, role, messages and CSRF token, and a catalogue write or a change of role shows at once."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.signing import Signer
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shops.services import mentor_provinces_set
from storefront.visitors import mentor_role_key
from tests.conftest import pass_second_step_in
from tests.factories import MentorFactory, ProductFactory, UserFactory, a_basket

pytestmark = pytest.mark.django_db
ALL = reverse("catalogue:index")
SEARCH = reverse("search:search") + "?q=nuoc+mam"
BASKET_COOKIE = settings.OSCAR_BASKET_COOKIE_OPEN


@pytest.fixture
def product():
    return ProductFactory(title="Nước mắm Cát Hải", stock__price=60000, category="Thực phẩm > Nước mắm")


def storefront_pages(product) -> list[str]:
    return ["/", ALL, SEARCH, product.get_absolute_url(), product.shop.get_absolute_url()]


def basket_count(response) -> int:
    """The number on the basket icon of the bottom navigation (0 when there is none)."""
    link = re.search(r'data-testid="nav-basket">(.*?)</a>', response.content.decode(), re.S).group(1)
    shown = re.search(r'<span class="count" aria-label="(\d+) sản phẩm">(\d+)</span>', link)
    assert shown is None or shown.group(1) == shown.group(2)
    return int(shown.group(1)) if shown else 0


def visitor_with_basket(*lines) -> Client:
    client = Client()
    client.cookies[BASKET_COOKIE] = Signer().sign(a_basket(*lines).pk)
    return client


def test_each_returning_visitor_sees_her_own_basket_count_on_the_cached_pages(product):
    other = ProductFactory(shop=product.shop)
    first_time, two, five = Client(), visitor_with_basket((product, 2)), visitor_with_basket((other, 5))

    for url in storefront_pages(product):
        for _ in range(2):  # the second round comes from the page cache
            assert basket_count(two.get(url)) == 2, url
            assert basket_count(five.get(url)) == 5, url
            assert basket_count(first_time.get(url)) == 0, url


def test_a_returning_visitors_cached_page_needs_no_query_for_her_basket(product):
    visitor = visitor_with_basket((product, 1))
    for url in storefront_pages(product):
        visitor.get(url)

    for url in storefront_pages(product):
        with CaptureQueriesContext(connection) as queries:
            assert basket_count(visitor.get(url)) == 1
        # only the catalogue fingerprint, read on every request inside a test's transaction
        assert len(queries) <= 1, (url, [q["sql"] for q in queries])


def test_a_basket_changed_anywhere_shows_its_new_count_at_once(product):
    basket = a_basket((product, 2), (ProductFactory(shop=product.shop), 1))
    visitor = Client()
    visitor.cookies[BASKET_COOKIE] = Signer().sign(basket.pk)
    assert basket_count(visitor.get("/")) == 3

    basket.lines.first().delete()
    assert basket_count(visitor.get("/")) == 1

    basket.submit()
    assert basket_count(visitor.get("/")) == 0


def test_adding_to_the_basket_updates_the_count_on_an_already_cached_page(product):
    visitor = visitor_with_basket((product, 1))
    assert basket_count(visitor.get("/")) == 1

    visitor.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 3})

    visitor.get(reverse("basket:summary"))  # shows the "added" message
    assert basket_count(visitor.get("/")) == 4


def test_a_forged_basket_cookie_counts_nothing_and_is_dropped(product):
    visitor = Client()
    visitor.cookies[BASKET_COOKIE] = "7:forged-signature"

    response = visitor.get("/")

    assert basket_count(response) == 0
    assert response.cookies[BASKET_COOKIE]["max-age"] == 0


def test_signed_in_state_is_never_served_to_someone_else(product):
    buyer, guest, user = Client(), Client(), UserFactory()
    buyer.force_login(user)
    a_basket((product, 3), owner=user)

    for url in storefront_pages(product):
        for _ in range(2):
            signed_in = buyer.get(url).content.decode()
            assert "Đăng xuất" in signed_in and "Đăng nhập / Đăng ký" not in signed_in, url
            assert basket_count(buyer.get(url)) == 3, url
            anonymous = guest.get(url).content.decode()
            assert "Đăng nhập / Đăng ký" in anonymous and "Đăng xuất" not in anonymous, url


def test_mentors_and_staff_get_their_own_links_and_buyers_do_not(product):
    buyer, mentor, staff = Client(), Client(), Client()
    buyer.force_login(UserFactory())
    mentor.force_login(MentorFactory())
    staff.force_login(UserFactory(is_staff=True))

    for _ in range(2):
        for_buyer = buyer.get(product.get_absolute_url()).content.decode()
        for_mentor = mentor.get(product.get_absolute_url()).content.decode()
        for_staff = staff.get(product.get_absolute_url()).content.decode()
        assert 'data-testid="nav-mentor"' not in for_buyer and "Sửa sản phẩm" not in for_buyer
        assert 'data-testid="nav-mentor"' in for_mentor and 'data-testid="nav-payments"' not in for_mentor
        assert 'data-testid="nav-payments"' in for_staff and "Sửa sản phẩm" in for_staff


def test_a_message_waiting_is_shown_once_on_a_cached_page(product):
    visitor = visitor_with_basket((product, 1))
    visitor.get("/")  # the page is cached

    visitor.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    assert 'class="alert' in visitor.get("/").content.decode()
    after = visitor.get("/")
    assert 'class="alert' not in after.content.decode() and basket_count(after) == 2


def test_a_basket_kept_in_the_browser_is_merged_at_sign_in_and_counted(product):
    visitor = visitor_with_basket((product, 2))
    user = UserFactory()
    a_basket((ProductFactory(shop=product.shop), 1), owner=user)
    visitor.get("/")

    visitor.force_login(user)

    assert basket_count(visitor.get("/")) == 3
    assert basket_count(visitor.get(ALL)) == 3


def test_a_new_price_shows_at_once_to_returning_visitors(product):
    visitor = visitor_with_basket((product, 1))
    for url in storefront_pages(product):
        visitor.get(url)

    record = product.stockrecords.get()
    record.price = Decimal(75000)
    record.save()

    for url in storefront_pages(product):
        html = visitor.get(url).content.decode()
        assert "75.000\xa0₫" in html and "60.000\xa0₫" not in html, url


def test_a_signed_in_buyers_cached_product_page_has_her_own_working_csrf_token(product):
    user = UserFactory()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(user)
    second.force_login(UserFactory())
    first.get(product.get_absolute_url())  # fills the page cache for signed-in buyers

    html = second.get(product.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = second.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert basket_count(second.get("/")) == 1


def test_after_commit_the_new_count_is_stored_for_every_request(product, django_capture_on_commit_callbacks):
    basket = a_basket((product, 2))
    visitor = Client()
    visitor.cookies[BASKET_COOKIE] = Signer().sign(basket.pk)
    visitor.get("/")

    with django_capture_on_commit_callbacks(execute=True):
        basket.add_product(product, 3)

    with CaptureQueriesContext(connection) as queries:
        assert basket_count(visitor.get("/")) == 5
    assert not [q["sql"] for q in queries if "basket" in q["sql"]]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_signed_in_buyers_cached_page_reads_only_her_user_row_and_writes_nothing(
    product, django_assert_max_num_queries
):
    user = UserFactory()
    a_basket((product, 2), owner=user)
    buyer = signed_in(user)
    for url in storefront_pages(product):
        buyer.get(url)

    for url in storefront_pages(product):
        # her user row (her session is checked against it on every request) and the catalogue
        # fingerprint, read on every request inside a test's transaction; her role and basket
        # count come from the cache with the page
        with django_assert_max_num_queries(2) as queries:
            response = buyer.get(url)
        sql = [query["sql"] for query in queries.captured_queries]
        assert basket_count(response) == 2, url
        assert any('FROM "accounts_user"' in each for each in sql), (url, sql)
        assert all(each.startswith("SELECT") for each in sql), (url, sql)
        assert not [each for each in sql if "mentorprovince" in each or "basket" in each], (url, sql)
        assert settings.SESSION_COOKIE_NAME not in response.cookies, url  # her session is not saved


def test_a_password_changed_elsewhere_signs_her_out_of_the_cached_pages(product):
    user = UserFactory()
    buyer = signed_in(user)
    assert "Đăng xuất" in buyer.get("/").content.decode()

    user.set_password("another-secret-2026")
    user.save()

    html = buyer.get("/").content.decode()
    assert "Đăng nhập / Đăng ký" in html and "Đăng xuất" not in html


def links_shown(client: Client, url: str) -> set[str]:
    html = client.get(url).content.decode()
    return {name for name in ("nav-mentor", "nav-payments") if f'data-testid="{name}"' in html}


def test_made_mentor_taken_off_or_made_staff_shows_at_once_on_the_cached_pages(
    product, django_capture_on_commit_callbacks
):
    staff, user = UserFactory(is_staff=True), UserFactory()
    buyer = signed_in(user)
    for url in storefront_pages(product):
        assert links_shown(buyer, url) == links_shown(buyer, url) == set(), url  # the second from the cache

    with django_capture_on_commit_callbacks(execute=True):
        mentor_provinces_set(mentor=user, province_codes=[1], actor=staff)
    for url in storefront_pages(product):
        assert links_shown(buyer, url) == {"nav-mentor"}, url

    with django_capture_on_commit_callbacks(execute=True):
        mentor_provinces_set(mentor=user, province_codes=[], actor=staff)
    for url in storefront_pages(product):
        assert links_shown(buyer, url) == set(), url

    user.is_staff = True
    user.save()
    assert buyer.get("/")["Location"].startswith(reverse("accounts:second-step-setup"))  # staff: 2nd step
    pass_second_step_in(buyer, user)
    for url in storefront_pages(product):
        assert links_shown(buyer, url) == {"nav-mentor", "nav-payments"}, url


def test_a_new_mentor_is_one_before_her_transaction_commits(product):
    staff, user = UserFactory(is_staff=True), UserFactory()
    buyer = signed_in(user)
    assert links_shown(buyer, "/") == set()

    mentor_provinces_set(mentor=user, province_codes=[1], actor=staff)  # not committed yet

    assert links_shown(buyer, "/") == {"nav-mentor"}


def test_a_role_read_before_the_commit_does_not_outlive_it(product, django_capture_on_commit_callbacks):
    staff, user = UserFactory(is_staff=True), UserFactory()
    buyer = signed_in(user)
    buyer.get("/")

    with django_capture_on_commit_callbacks(execute=True):
        mentor_provinces_set(mentor=user, province_codes=[1], actor=staff)
        cache.add(mentor_role_key(user.pk), False)  # another request kept the role it read before the commit

    with CaptureQueriesContext(connection) as queries:
        assert links_shown(buyer, "/") == {"nav-mentor"}
    assert not [q["sql"] for q in queries if "mentorprovince" in q["sql"]]  # stored again after commit
