"""manage.py demo_code: the demo staff's current second-step code (development only)."""

import base64

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from demo import data


class Command(BaseCommand):
    help = "Print the 6-digit second-step code of the demo staff (0900000001), as her app would show it."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Chỉ dùng khi phát triển (DEBUG bật): site thật không có mã của dữ liệu mẫu.")
        code = totp(base64.b32decode(data.STAFF_TOTP_SECRET))
        self.stdout.write(f"{code:06d}")
