"""Production settings for the storefront benchmark, plus the bare comparison view (bench/urls.py).

Plain HTTP on 127.0.0.1, so no HTTPS redirect; static files collected under var/bench/.
"""

from marketplace.settings.production import *  # noqa: F403
from marketplace.settings.production import VAR_DIR

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = VAR_DIR / "bench" / "static"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
