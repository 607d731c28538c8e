"""seed_demo gives the demo staff a published second-step key, only where settings.DEBUG is on, so
people trying the demo (and browser tests) can pass the staff's second step."""

import base64

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo import data
from demo.seeding import ensure_demo_second_step

pytestmark = pytest.mark.django_db


def test_with_debug_on_the_demo_staff_gets_the_printed_key_once(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", "--shops", "1", "--products", "2")
    output = capsys.readouterr().out

    device = TOTPDevice.objects.get(user__email="admin@chosen.vn")
    assert device.confirmed
    assert base64.b32encode(device.bin_key).decode() == data.STAFF_TOTP_SECRET
    assert "INUG 6U3F NZCG K3LP KN2G CZTG GJDE CIJB" in output
    ensure_demo_second_step()
    assert TOTPDevice.objects.count() == 1  # idempotent

    call_command("demo_code")
    code = capsys.readouterr().out.strip()
    assert device.verify_token(code)
    assert code == f"{totp(device.bin_key):06d}"


def test_never_without_debug(settings, capsys):
    settings.DEBUG = False
    call_command("seed_demo", "--shops", "1", "--products", "2")

    assert not TOTPDevice.objects.exists()
    assert "INUG" not in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("demo_code")
