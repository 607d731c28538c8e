"""Union staff's second step (marketplace.accounts.second_step, django-otp): after her password a
staff member types her authenticator app's code, or a recovery code (once), before any page; with
no app yet she sets one up first. Nobody else ever sees the step.

These tests sign in through the sign-in form: client.force_login(staff) passes the step by itself
(tests/conftest.py)."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "/admin/",
    "/dashboard/",
    "/payments/staff/",
    "/mentor/mentors/",
    "/mentor/",
    "/",
    "/en/dashboard/",
]


def sign_in(client, identifier: str, password: str):
    response = client.post(
        reverse("customer:login"),
        {"login-username": identifier, "login-password": password, "login_submit": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    return response


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def two_step(client, code: str, *, using: str = "app", next_url: str = ""):
    return client.post(reverse("accounts:second-step"), {"code": code, "using": using, "next": next_url})


@pytest.fixture
def staff(password):
    return UserFactory(phone="0900000009", email="thu@hoiphunu.vn", is_staff=True)


@pytest.fixture
def app(staff):
    return TOTPDevice.objects.create(user=staff, name="Điện thoại", confirmed=True)


def test_an_unverified_staff_member_is_sent_to_the_step_from_every_staff_area(client, staff, app, password):
    sign_in(client, "0900 000 009", password)

    for url in STAFF_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        location = urlsplit(response["Location"])
        assert location.path in ("/accounts/two-step/", "/en/accounts/two-step/"), url
        assert parse_qs(location.query)["next"] == [url]
    page = client.get("/accounts/two-step/")
    assert page.status_code == 200
    assert "Xác minh hai bước" in page.content.decode()


def test_the_step_page_signing_out_and_the_language_switch_stay_open(client, staff, app, password):
    sign_in(client, "thu@hoiphunu.vn", password)

    assert client.get(reverse("accounts:second-step")).status_code == 200
    assert client.get("/en/accounts/two-step/").status_code == 200
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    assert client.get(reverse("customer:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused_in_vietnamese_and_the_right_one_passes(client, staff, app, password):
    sign_in(client, "thu@hoiphunu.vn", password)

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        wrong = two_step(
            client, "000000" if code_of(app) != "000000" else "111111", next_url="/payments/staff/"
        )
        assert wrong.status_code == 200
        assert "Mã không đúng." in wrong.content.decode()
        assert client.get("/payments/staff/").status_code == 302  # still not through

        too_soon = two_step(client, code_of(app))  # wrong codes slow the next try down
        assert "Hãy đợi 1 giây" in too_soon.content.decode()

        traveller.shift(timedelta(seconds=2))
        right = two_step(client, code_of(app), next_url="/payments/staff/")

    assert right.status_code == 302
    assert right["Location"] == "/payments/staff/"
    assert client.get("/payments/staff/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_code_from_the_app_is_good_once(client, staff, app, password):
    with time_machine.travel(timezone.now(), tick=False):
        code = code_of(app)
        sign_in(client, "thu@hoiphunu.vn", password)
        assert two_step(client, code).status_code == 302
        client.get(reverse("customer:logout"))
        sign_in(client, "thu@hoiphunu.vn", password)

        replayed = two_step(client, code)

    assert replayed.status_code == 200
    assert "Mã không đúng." in replayed.content.decode()


def test_a_recovery_code_works_once(client, staff, app, password):
    recovery = StaticDevice.objects.create(user=staff, name="Mã dự phòng", confirmed=True)
    recovery.token_set.create(token="abcd2345")
    recovery.token_set.create(token="wxyz6789")
    sign_in(client, "thu@hoiphunu.vn", password)

    used = two_step(client, "ABCD 2345", using="recovery", next_url="/payments/staff/")
    assert used.status_code == 302
    assert used["Location"] == "/payments/staff/"
    assert "còn 1 mã" in client.get("/payments/staff/").content.decode()
    assert client.get("/dashboard/").status_code == 200

    client.get(reverse("customer:logout"))
    sign_in(client, "thu@hoiphunu.vn", password)
    again = two_step(client, "abcd2345", using="recovery")

    assert again.status_code == 200
    assert "Mã không đúng." in again.content.decode()
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["wxyz6789"]


def test_someone_who_is_not_staff_never_sees_the_step(client, password):
    UserFactory(phone="0912345678")
    sign_in(client, "0912345678", password)

    assert client.get("/").status_code == 200
    assert client.get(reverse("customer:summary"), follow=True).status_code == 200
    assert client.get(reverse("seller:home")).status_code in (200, 302)
    assert "two-step" not in client.get(reverse("seller:home")).get("Location", "")
    away = client.get(reverse("accounts:second-step"))
    assert away.status_code == 302
    assert "two-step" not in away["Location"]


def test_a_staff_member_without_an_app_sets_one_up_and_gets_ten_recovery_codes_once(client, staff, password):
    sign_in(client, "thu@hoiphunu.vn", password)

    sent = client.get("/payments/staff/")
    assert urlsplit(sent["Location"]).path == reverse("accounts:second-step-setup")
    assert client.get(reverse("accounts:second-step"))["Location"].startswith(
        reverse("accounts:second-step-setup")
    )
    page = client.get(sent["Location"])
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    assert "<svg" in html  # the QR code, inline
    secret = page.context["secret"]
    assert len(secret.replace(" ", "")) == 32 and secret in html
    assert client.get(sent["Location"]).context["secret"] == secret  # the same secret until confirmed

    wrong = client.post(sent["Location"], {"code": "12345", "next": "/payments/staff/"})
    assert "Mã không đúng." in wrong.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=2), tick=False):
        confirmed = client.post(sent["Location"], {"code": code_of(device), "next": "/payments/staff/"})

    assert confirmed.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    codes = StaticToken.objects.filter(device__user=staff, device__confirmed=True)
    assert codes.count() == 10
    shown = client.get(confirmed["Location"])
    for token in codes.values_list("token", flat=True):
        assert f"{token[:4]} {token[4:]}" in shown.content.decode()
    assert 'href="/payments/staff/"' in shown.content.decode()
    assert client.get(confirmed["Location"]).status_code == 302  # shown once
    assert client.get("/payments/staff/").status_code == 200  # she passed the step by setting it up


def test_a_staff_member_with_an_app_cannot_add_another_with_her_password_alone(client, staff, app, password):
    sign_in(client, "thu@hoiphunu.vn", password)

    response = client.get(reverse("accounts:second-step-setup"))

    assert urlsplit(response["Location"]).path == reverse("accounts:second-step")
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_the_step_in_english(client, staff, app, password):
    sign_in(client, "thu@hoiphunu.vn", password)

    html = client.get("/en/accounts/two-step/").content.decode()
    wrong = client.post("/en/accounts/two-step/", {"code": "12", "using": "app"}).content.decode()

    assert "Two-step verification" in html
    assert "That code is not right" in wrong


def test_force_login_of_staff_in_tests_passes_the_step(client, staff):
    client.force_login(staff)

    assert client.get("/payments/staff/").status_code == 200
