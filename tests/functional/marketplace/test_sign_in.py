"""People sign in with a phone number (any usual spelling) or an email, and can sign up with either."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_in(client, identifier: str, password: str):
    return client.post(
        reverse("customer:login"),
        {"login-username": identifier, "login-password": password, "login_submit": "1"},
    )


@pytest.mark.parametrize("identifier", ["0912 345 678", "+84912345678", "NGUOI@Example.vn"])
def test_sign_in_with_phone_or_email(client, password, identifier):
    UserFactory(phone="0912345678", email="nguoi@example.vn")

    response = sign_in(client, identifier, password)

    assert response.status_code == 302
    assert client.get(reverse("customer:profile-view")).status_code == 200


def test_a_wrong_password_keeps_the_form_with_a_message(client):
    UserFactory(phone="0912345678")

    response = sign_in(client, "0912345678", "sai-mat-khau")

    assert response.status_code == 200
    html = response.content.decode()
    assert "0912345678" in html  # what she typed is kept
    assert "mật khẩu không đúng" in html
    assert "_auth_user_id" not in client.session


def test_the_sign_in_box_asks_for_phone_or_email(client):
    assert "Số điện thoại hoặc email" in client.get(reverse("customer:login")).content.decode()


def test_sign_up_with_a_phone_number_only(client):
    response = client.post(
        reverse("customer:register"),
        {
            "phone": "0987 654 321",
            "email": "",
            "password1": "hoa-sen-nở-2025",
            "password2": "hoa-sen-nở-2025",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(phone="+84987654321")
    assert user.email is None


def test_sign_up_needs_a_phone_or_an_email_and_refuses_a_taken_phone(client):
    UserFactory(phone="0987654321")
    empty = client.post(
        reverse("customer:register"),
        {
            "password1": "hoa-sen-nở-2025",
            "password2": "hoa-sen-nở-2025",
        },
    )
    taken = client.post(
        reverse("customer:register"),
        {
            "phone": "+84 987 654 321",
            "password1": "hoa-sen-nở-2025",
            "password2": "hoa-sen-nở-2025",
        },
    )

    assert "Hãy nhập số điện thoại hoặc email." in empty.content.decode()
    assert "Số điện thoại này đã có tài khoản" in taken.content.decode()


def test_a_user_needs_a_phone_or_an_email_and_emails_are_unique_whatever_the_case():
    with pytest.raises(ValueError):
        User.objects.create_user(password="x")
    User.objects.create_user(email="Lan@example.vn", password="x")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="lan@EXAMPLE.vn", password="x")
