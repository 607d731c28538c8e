from django.conf import settings
from django.core.management.base import BaseCommand
from py_vapid import Vapid


class Command(BaseCommand):
    help = (
        "Write a VAPID key for Web Push to settings.WEBPUSH_VAPID_KEY_FILE if there is none "
        "(development; in production set WEBPUSH_VAPID_PRIVATE_KEY)."
    )

    def handle(self, *args, **options):
        path = settings.WEBPUSH_VAPID_KEY_FILE
        if settings.WEBPUSH_VAPID_PRIVATE_KEY or not path or path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Vapid()
        key.generate_keys()
        key.save_key(str(path))
        path.chmod(0o600)
        self.stdout.write(f"Web Push key written to {path}")
