"""Settings shared by every environment; every value can come from the environment (.env)."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's OSCAR_* defaults, overridden below)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"  # local state: SQLite, uploads, the embedded broker; not in git
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Where links in emails point: the address people reach the site at (`make run PORT=8080` sets it to
# that port for the web server, the worker and beat alike).
SITE_URL = env("SITE_URL", default="http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "marketplace.apps.MarketplaceConfig",
    "marketplace.accounts.apps.AccountsConfig",
    "axes",  # sign-in throttling
    "django_otp",  # staff's second step
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "partner.apps.PartnerConfig",
    "basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "order.apps.OrderConfig",
    "customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    # Our own apps, from the bottom layer up (see docs/architecture.md); the storefront comes after
    # Oscar's catalogue and search apps, whose pages it supplies.
    "notifications.apps.NotificationsConfig",
    "shops.apps.ShopsConfig",
    "ocop.apps.OcopConfig",
    "ledger.apps.LedgerConfig",
    "payments.apps.PaymentsConfig",
    "storefront.apps.StorefrontConfig",
    "seller.apps.SellerConfig",
    "mentoring.apps.MentoringConfig",
    "reports.apps.ReportsConfig",
    "demo.apps.DemoConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "marketplace.content_security_policy.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "marketplace.middleware.StripNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "marketplace.accounts.middleware.StaffSecondStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # Oscar's search_form, checkout and notifications feed only templates we replaced.
                "oscar.core.context_processors.metadata",
                "storefront.context_processors.navigation",
            ],
        },
    }
]
# Sessions read from the cache (Redis when configured), written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Databases: a SQLite file unless DATABASE_URL says otherwise (e.g. postgres://...).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the worker write to one file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "marketplace.accounts.backends.PhoneOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "/"

# Sign-in throttling (django-axes, marketplace/accounts/throttle.py): an account is locked after
# SIGN_IN_FAILURES_PER_ACCOUNT wrong passwords, an address after SIGN_IN_FAILURES_PER_ADDRESS, each
# for AXES_COOLOFF_TIME after its last failure. The account is the normalised phone (+84912345678)
# or the lower-cased email, however it was typed. Staff unlock at /admin/axes/ or with
# `manage.py axes_reset_username +84912345678` (docs/staff.md).
AXES_HANDLER = "marketplace.accounts.throttle.AccountAndAddressHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: an account, an address
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURES_PER_ACCOUNT", default=5)
SIGN_IN_FAILURES_PER_ADDRESS = env.int("SIGN_IN_FAILURES_PER_ADDRESS", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGN_IN_LOCK_MINUTES", default=30))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock lifts at the time the page says
AXES_USERNAME_CALLABLE = "marketplace.accounts.throttle.account_key"
AXES_CLIENT_IP_CALLABLE = "marketplace.accounts.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "marketplace.accounts.throttle.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not logged with their address
# What axes stores of a refused sign-in never holds the password typed, nor the CSRF token.
AXES_PASSWORD_FORM_FIELD = "login-password"  # noqa: S105 (the name of a form field)
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "login-username", "csrfmiddlewaretoken"]
# How many proxies in front of Django append to X-Forwarded-For (production: nginx, 1). With 0 the
# client address is REMOTE_ADDR and X-Forwarded-For is never read (a client could write it).
TRUSTED_PROXY_COUNT = 0

# Union staff's second step (django-otp): a code from an authenticator app (TOTP) or a recovery
# code, asked by marketplace.accounts.middleware before any page (marketplace/accounts/second_step.py).
OTP_TOTP_ISSUER = "Cho Sen"
SECOND_STEP_RECOVERY_CODES = 10

# Content-Security-Policy (django-csp; marketplace/content_security_policy.py). Inline <script> and
# <style> elements carry nonce="{{ request.csp_nonce }}"; storefront pages from the cache get the
# response's nonce filled in (storefront/page_cache.py). style-src-attr allows style="" attributes
# (a progress bar's width, a few layout tweaks): they cannot run script, and img-src/default-src keep
# what CSS could load to this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Oscar's dashboard (jQuery plugins, TinyMCE, inline handlers in Oscar's templates) and Django's
# admin, for staff only and behind the second step: inline scripts and styles allowed, nothing else
# loosened.
CONTENT_SECURITY_POLICY_BACK_OFFICE_PREFIXES = ["/dashboard/", "/admin/"]
CONTENT_SECURITY_POLICY_BACK_OFFICE = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}

# Vietnamese first, English under /en/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["marketplace.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "marketplace" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Django serves uploads itself only in development and tests; in production the web server does.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# Certificate scans and uploaded product files: outside MEDIA_ROOT, so /media/ never serves them.
# Views that check who asks send them (marketplace/private_files.py, django-sendfile2): Django itself
# in development and tests, nginx from an `internal` location in production (X-Accel-Redirect).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private-media")))
SENDFILE_BACKEND = "django_sendfile.backends.simple"
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT
SENDFILE_URL = "/private-media/"  # nginx's internal location (docs/operations.md)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Redis, when configured, is the broker, the result store and the cache.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "marketplace.cache.ReusingRedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    # Embedded broker: a folder on disk that a real worker process reads (not eager mode).
    CELERY_QUEUE_DIR = VAR_DIR / "celery"
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_QUEUE_DIR / 'results'}"

CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TASK_IGNORE_RESULT = True  # tasks report through the database; nobody reads their return values
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {}
# Product imports whose worker died mid-run end as failed instead of "Đang nhập" for ever.
CELERY_BEAT_SCHEDULE["fail-stalled-product-imports"] = {
    "task": "catalogue.tasks.fail_stalled_imports",
    "schedule": 15 * 60,
}
# OCOP certificates: expire those past their date and remind shops 60 and 30 days ahead, daily.
CELERY_BEAT_SCHEDULE["expire-and-remind-ocop-certificates"] = {
    "task": "ocop.tasks.expire_and_remind_certificates",
    "schedule": crontab(hour=0, minute=10),
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Chợ Sen <no-reply@chosen.vn>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Oscar
OSCAR_SHOP_NAME = "Chợ Sen"
OSCAR_SHOP_TAGLINE = _("Sản phẩm OCOP từ những người phụ nữ làm kinh tế")
OSCAR_HOMEPAGE = reverse_lazy("home")  # "/" or "/en/", in the page's language
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_CURRENCY_FORMAT = {"VND": {"format": "#,##0\xa0¤", "locale": "vi_VN", "currency_digits": False}}
OSCAR_SLUG_FUNCTION = "marketplace.text.slugify"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "country")
OSCAR_HIDDEN_FEATURES = ["wishlists"]
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
THUMBNAIL_PRESERVE_FORMAT = True
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# Uploads
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Payments: the marketplace's collection account that buyers pay by VietQR, and the bank feeds.
VIETQR_BANK_BIN = env("VIETQR_BANK_BIN", default="970436")
VIETQR_ACCOUNT_NUMBER = env("VIETQR_ACCOUNT_NUMBER", default="0011001234567")
VIETQR_ACCOUNT_HOLDER = env("VIETQR_ACCOUNT_HOLDER", default="HOI LIEN HIEP PHU NU CHO SEN")
PAYMENT_EXPIRY_HOURS = env.int("PAYMENT_EXPIRY_HOURS", default=24)
# Vendors' money (docs/payments.md, "Vendors get paid"): the commission a shop pays unless staff set
# its own rate (basis points: 500 = 5 %, 0 allowed), the days after delivery before a shop order's
# money can be paid out (or after shipping, when nobody marks it delivered), and the smallest payout.
COMMISSION_RATE_BP = env.int("COMMISSION_RATE_BP", default=500)
FUNDS_HOLD_DAYS_AFTER_DELIVERY = env.int("FUNDS_HOLD_DAYS_AFTER_DELIVERY", default=3)
FUNDS_RELEASE_DAYS_AFTER_SHIPPING = env.int("FUNDS_RELEASE_DAYS_AFTER_SHIPPING", default=21)
PAYOUT_MINIMUM = env.int("PAYOUT_MINIMUM", default=50_000)
CELERY_BEAT_SCHEDULE["release-shop-funds"] = {
    "task": "payments.tasks.release_shop_funds",
    "schedule": crontab(minute=20),
}
# The payment providers whose webhooks are open (payments.providers): one line per bank feed.
PAYMENT_PROVIDERS = [
    "payments.providers.sepay.SePay",
    "payments.providers.casso.Casso",
    "payments.providers.stripe.StripeCards",
]
# Cards through Stripe (payments.providers.stripe): offered only when all three keys are set. The
# webhook endpoint to give Stripe is SITE_URL + /payments/webhooks/stripe/. STRIPE_API_BASE and
# STRIPE_JS_URL point at localstripe in the tests; leave them unset in production.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
STRIPE_JS_URL = env("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
# Who bears Stripe's fee on a card sale: "marketplace" (the Union, as a cost) or "shops" (each shop
# order its share, taken from what the shop earns).
CARD_FEE_PAID_BY = env("CARD_FEE_PAID_BY", default="marketplace")
# Notifications (the notifications app): the inbox and email always; Web Push and text messages
# once configured. Push needs a VAPID key: WEBPUSH_VAPID_PRIVATE_KEY (PEM or base64url), or in
# development the file `manage.py webpush_keys` writes. SMS_GATEWAY names a gateway of
# notifications.sms ("esms"), or is empty (off).
WEBPUSH_VAPID_PRIVATE_KEY = env("WEBPUSH_VAPID_PRIVATE_KEY", default="")
WEBPUSH_VAPID_KEY_FILE = Path(env("WEBPUSH_VAPID_KEY_FILE", default=str(VAR_DIR / "webpush-vapid.pem")))
WEBPUSH_CONTACT = env("WEBPUSH_CONTACT", default="mailto:hotro@chosen.vn")
SMS_GATEWAY = env("SMS_GATEWAY", default="")
SMS_UNACCENTED = env.bool("SMS_UNACCENTED", default=True)  # 160 characters a message instead of 70
ESMS_API_URL = env(
    "ESMS_API_URL", default="https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/"
)
ESMS_API_KEY = env("ESMS_API_KEY", default="")
ESMS_SECRET_KEY = env("ESMS_SECRET_KEY", default="")
ESMS_BRANDNAME = env("ESMS_BRANDNAME", default="")
ESMS_SANDBOX = env.bool("ESMS_SANDBOX", default=False)
CELERY_BEAT_SCHEDULE["monthly-report-to-mentors"] = {
    "task": "reports.tasks.send_monthly_summaries",
    "schedule": crontab(day_of_month="1", hour=7, minute=0),
}
CELERY_BEAT_SCHEDULE["deliver-unfinished-notifications"] = {
    "task": "notifications.tasks.deliver_unfinished",
    "schedule": 5 * 60,
}

SEPAY_API_KEY = env("SEPAY_API_KEY", default="")
CASSO_CHECKSUM_KEY = env("CASSO_CHECKSUM_KEY", default="")
CELERY_BEAT_SCHEDULE["expire-unpaid-payments"] = {
    "task": "payments.tasks.expire_overdue_payments",
    "schedule": 5 * 60,
}
