"""Who may open or post to each /seller/ and /mentor/ URL: a matrix over every URL and kind of person.

The shop under test is a submitted application in province 1 (Hà Nội). Seller URLs act on the
signed-in person's own shop, so "vendor of another shop" must only ever reach her own.
"""

import pytest
from django.urls import reverse

from shops.models import Shop, ShopInvitation, ShopMembership, ShopStatus
from tests.factories import MentorFactory, UserFactory, an_application

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PEOPLE = ["anonymous", "buyer", "vendor", "other_vendor", "mentor_in", "mentor_out", "staff"]


@pytest.fixture
def world():
    owner = UserFactory(phone="0912000001")
    other_owner = UserFactory(phone="0912000002")
    return {
        "shop": an_application(owner=owner, province_code=1, status=ShopStatus.SUBMITTED),
        "other_shop": an_application(owner=other_owner, province_code=19, name="Trà Thái Nguyên"),
        "anonymous": None,
        "buyer": UserFactory(phone="0912000003"),
        "vendor": owner,
        "other_vendor": other_owner,
        "mentor_in": MentorFactory(provinces=[1]),
        "mentor_out": MentorFactory(provinces=[19, 79]),
        "staff": UserFactory(is_staff=True),
    }


def as_person(client, world, person):
    if world[person] is not None:
        client.force_login(world[person])
    return client


def status_of(response) -> int | str:
    """The status code, or "login" for a redirect to the sign-in page."""
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return "login"
    return response.status_code


# (URL name, method) -> expected result per person, in the order of PEOPLE.
MATRIX = {
    ("seller:home", "get"): ["login", 200, 200, 200, 200, 200, 200],
    ("seller:application", "get"): ["login", 200, 302, 200, 200, 200, 200],  # vendor: under review
    ("seller:wards", "get"): [200, 200, 200, 200, 200, 200, 200],  # public place names
    ("mentor:queue", "get"): ["login", 403, 403, 403, 200, 200, 200],
    ("mentor:shop", "get"): ["login", 403, 403, 403, 200, 404, 200],
    ("mentor:assignments", "get"): ["login", 403, 403, 403, 403, 403, 200],
}


@pytest.mark.parametrize(("url_name", "method"), list(MATRIX))
@pytest.mark.parametrize("person", PEOPLE)
def test_every_page_answers_each_person_as_it_should(client, world, url_name, method, person):
    kwargs = {"pk": world["shop"].pk} if url_name == "mentor:shop" else {}

    response = getattr(as_person(client, world, person), method)(reverse(url_name, kwargs=kwargs))

    assert status_of(response) == MATRIX[(url_name, method)][PEOPLE.index(person)]


def test_the_queue_lists_only_applications_of_her_provinces(client, world):
    shop = world["shop"]
    for person, sees in [("mentor_in", True), ("mentor_out", False), ("staff", True)]:
        client.force_login(world[person])
        html = client.get(reverse("mentor:queue")).content.decode()
        assert (shop.name in html) is sees, person
        assert reverse("mentor:shop", kwargs={"pk": shop.pk}) in html or not sees


@pytest.mark.parametrize(
    ("person", "expected", "status_after"),
    [
        ("anonymous", "login", ShopStatus.SUBMITTED),
        ("buyer", 403, ShopStatus.SUBMITTED),
        ("vendor", 403, ShopStatus.SUBMITTED),  # she cannot approve her own shop
        ("other_vendor", 403, ShopStatus.SUBMITTED),
        ("mentor_out", 404, ShopStatus.SUBMITTED),
        ("mentor_in", 302, ShopStatus.APPROVED),
        ("staff", 302, ShopStatus.APPROVED),
    ],
)
def test_only_a_mentor_of_the_province_or_staff_can_decide(client, world, person, expected, status_after):
    shop = world["shop"]

    response = as_person(client, world, person).post(
        reverse("mentor:shop", kwargs={"pk": shop.pk}), {"action": "approve", "note": ""}
    )

    assert status_of(response) == expected
    shop.refresh_from_db()
    assert shop.status == status_after


@pytest.mark.parametrize(
    ("person", "expected"),
    [("anonymous", "login"), ("mentor_in", 403), ("mentor_out", 403), ("vendor", 403), ("staff", 302)],
)
def test_only_staff_assign_mentors_to_provinces(client, world, person, expected):
    response = as_person(client, world, person).post(
        reverse("mentor:assignments"), {"person": "0912000003", "provinces": ["1", "79"]}
    )

    assert status_of(response) == expected
    buyer = world["buyer"]
    assert sorted(buyer.mentor_provinces.values_list("province_code", flat=True)) == (
        [1, 79] if expected == 302 else []
    )


@pytest.mark.parametrize(
    ("person", "expected", "invited_to"),
    [
        ("anonymous", "login", None),
        ("buyer", 403, None),
        ("mentor_in", 403, None),
        ("vendor", 302, "shop"),
        ("other_vendor", 302, "other_shop"),  # she can only ever invite to her own shop
    ],
)
def test_members_invite_only_to_their_own_shop(client, world, person, expected, invited_to):
    response = as_person(client, world, person).post(
        reverse("seller:invite"), {"phone_or_email": "0987 654 321"}
    )

    assert status_of(response) == expected
    invitations = ShopInvitation.objects.filter(phone="+84987654321")
    assert list(invitations.values_list("shop", flat=True)) == ([world[invited_to].pk] if invited_to else [])


def test_the_application_form_only_ever_edits_ones_own_shop(client, world):
    other_shop = world["other_shop"]
    client.force_login(world["other_vendor"])

    response = client.post(reverse("seller:application"), {"name": "Trà Tân Cương", "save": "1"})

    assert response.status_code == 302
    assert Shop.objects.get(pk=other_shop.pk).name == "Trà Tân Cương"
    assert Shop.objects.get(pk=world["shop"].pk).name == "Hợp tác xã Mắm Cát Hải"


def test_an_invitation_is_accepted_only_by_the_person_it_was_sent_to(client, world):
    invitation = ShopInvitation.objects.create(
        shop=world["shop"], phone="+84912000003", invited_by=world["vendor"]
    )
    url = reverse("seller:accept-invitation", kwargs={"pk": invitation.pk})

    for person in ["mentor_in", "other_vendor"]:
        as_person(client, world, person).post(url)
    assert not ShopMembership.objects.filter(shop=world["shop"], role="member").exists()
    assert status_of(client.logout() or client.post(url)) == "login"

    client.force_login(world["buyer"])  # her phone is 0912000003
    response = client.post(url, follow=True)

    assert "Chị đã tham gia gian hàng Hợp tác xã Mắm Cát Hải." in response.content.decode()
    assert ShopMembership.objects.filter(shop=world["shop"], user=world["buyer"], role="member").exists()
