"""Sign-in throttling (marketplace.accounts.throttle, django-axes): five wrong passwords lock one
account, however its phone number is typed, for 30 minutes or until staff unlock it; an address is
locked after twenty; a lock never touches other accounts."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.throttle import account_key, client_address
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SPELLINGS = ["0912 345 678", "+84912345678", "84-912-345-678", "0912345678", "+84 912 345 678"]


def sign_in(client, identifier: str, password: str, **extra):
    return client.post(
        reverse("customer:login"),
        {"login-username": identifier, "login-password": password, "login_submit": "1"},
        **extra,
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def lan():
    return UserFactory(phone="0912345678", email="lan@example.vn")


def test_five_wrong_passwords_in_any_spelling_lock_the_account_even_against_the_right_one(
    client, lan, password
):
    for spelling in SPELLINGS[:4]:
        response = sign_in(client, spelling, "sai-mat-khau")
        assert response.status_code == 200
        assert "mật khẩu không đúng" in response.content.decode()

    fifth = sign_in(client, SPELLINGS[4], "sai-mat-khau")
    right = sign_in(client, "0912 345 678", password)

    for response in (fifth, right):
        assert response.status_code == 429
        html = response.content.decode()
        assert "Đăng nhập đang tạm khoá" in html
        assert "cán bộ Hội LHPN mở khoá" in html
        assert 'id="login_form"' in html  # the sign-in page itself, not a bare error
    until = timezone.localtime(AccessAttempt.objects.get().attempt_time + timedelta(minutes=30))
    assert f"thử lại lúc {until:%H:%M}" in right.content.decode()
    assert not signed_in(client)
    assert AccessAttempt.objects.get().username == "+84912345678"  # one account, whatever the spelling


def test_the_lock_lifts_after_thirty_minutes(client, lan, password):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            sign_in(client, "0912345678", "sai-mat-khau")
        traveller.shift(timedelta(minutes=29))
        assert sign_in(client, "0912345678", password).status_code == 429

        traveller.shift(timedelta(minutes=1, seconds=1))
        response = sign_in(client, "0912 345 678", password)

    assert response.status_code == 302
    assert signed_in(client)


def test_staff_unlock_an_account_with_axes_reset_username(client, lan, password):
    for _ in range(5):
        sign_in(client, "lan@example.vn", "sai-mat-khau")
    assert sign_in(client, "LAN@Example.vn", password).status_code == 429

    call_command("axes_reset_username", "lan@example.vn")

    assert sign_in(client, "lan@example.vn", password).status_code == 302
    assert signed_in(client)


def test_staff_unlock_an_account_in_the_admin(client, lan, password):
    for _ in range(5):
        sign_in(client, "0912 345 678", "sai-mat-khau")
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))

    found = staff.get("/admin/axes/accessattempt/", {"q": "912345678"})
    assert "+84912345678" in found.content.decode()
    (attempt,) = found.context["cl"].result_list
    staff.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert not AccessAttempt.objects.exists()
    assert sign_in(client, "0912345678", password).status_code == 302


def test_a_locked_account_does_not_lock_another_one_even_from_the_same_address(client, lan, password):
    UserFactory(phone="0987654321")
    for _ in range(6):
        sign_in(client, "0912345678", "sai-mat-khau")

    response = sign_in(client, "0987 654 321", password)

    assert response.status_code == 302
    assert signed_in(client)


def test_twenty_failures_from_one_address_lock_it_for_every_account(client, password, settings):
    settings.SIGN_IN_FAILURES_PER_ADDRESS = 20
    UserFactory(phone="0987654321")
    for number in range(20):  # four tries each at five accounts: none of them reaches its own limit
        sign_in(client, f"09120000{number // 4:02d}", "sai-mat-khau")

    from_here = sign_in(client, "0987654321", password)
    elsewhere = sign_in(client, "0987654321", password, REMOTE_ADDR="203.0.113.9")

    assert from_here.status_code == 429
    assert elsewhere.status_code == 302


def test_the_password_typed_is_never_stored(client, lan):
    sign_in(client, "0912345678", "mat-khau-bi-mat-123")

    attempt = AccessAttempt.objects.get()
    assert "mat-khau-bi-mat-123" not in attempt.post_data
    assert "0912345678" not in attempt.post_data


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("0912 345 678", "+84912345678"),
        ("+84912345678", "+84912345678"),
        ("84-912-345-678", "+84912345678"),
        (" Lan@Example.VN ", "lan@example.vn"),
        ("0123", "0123"),  # not a valid number: counted as typed
        ("", None),
    ],
)
def test_the_account_key_is_the_same_however_it_is_typed(typed, key):
    assert account_key(None, {"username": typed}) == key


def test_the_client_address_is_read_from_x_forwarded_for_only_behind_a_trusted_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )  # 6.6.6.6: written by the client; 198.51.100.7: appended by nginx

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 2  # e.g. a CDN in front of nginx
    assert client_address(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer entries than proxies: nothing trustworthy in the header
    assert client_address(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(RequestFactory().get("/", HTTP_X_FORWARDED_FOR="not-an-address")) == "127.0.0.1"


def test_only_production_reads_x_forwarded_for():
    """Behind nginx in production; anywhere else nobody vouches for the header."""
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "chosen.vn",
        "SITE_URL": "https://chosen.vn",
        "VIETQR_BANK_BIN": "970436",
        "VIETQR_ACCOUNT_NUMBER": "0011001234567",
        "VIETQR_ACCOUNT_HOLDER": "HOI LIEN HIEP PHU NU",
    }
    env.pop("TRUSTED_PROXY_COUNT", None)
    counts = {}
    for name in ("production", "local", "test"):
        result = subprocess.run(
            [sys.executable, "-c", f"import marketplace.settings.{name} as s; print(s.TRUSTED_PROXY_COUNT)"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        counts[name] = int(result.stdout.strip())

    assert counts == {"production": 1, "local": 0, "test": 0}


def test_the_admin_signs_in_through_the_one_throttled_sign_in_page(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert 'id="login_form"' in response.content.decode()
