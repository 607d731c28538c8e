"""Production: only what differs from base, still read from the environment."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
SITE_URL = env("SITE_URL")  # e.g. https://chosen.vn: every link in an email is built on it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Private files (certificate scans, uploaded product files) are sent by nginx once a view allows it.
SENDFILE_BACKEND = "django_sendfile.backends.nginx"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# nginx appends the client's address to X-Forwarded-For; sign-in throttling reads the entry the
# nearest trusted proxy wrote, never one a client could have sent (marketplace/accounts/throttle.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True

# Buyers' money goes to this account: no demo default in production.
VIETQR_BANK_BIN = env("VIETQR_BANK_BIN")
VIETQR_ACCOUNT_NUMBER = env("VIETQR_ACCOUNT_NUMBER")
VIETQR_ACCOUNT_HOLDER = env("VIETQR_ACCOUNT_HOLDER")
