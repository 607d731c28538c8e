"""Tests: fast hashing and in-memory mail; DATABASE_URL and REDIS_URL from the environment when given."""

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if env("TEST_EMAIL_DIR", default=""):  # a worker process started by the tests writes its mail there
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env("TEST_EMAIL_DIR")
THUMBNAIL_DEBUG = True
# Push and text messages are off unless a test turns them on (never a developer's key in var/).
WEBPUSH_VAPID_KEY_FILE = None
SMS_GATEWAY = ""
SERVE_MEDIA = True
# Each test starts with an empty cache (see tests/conftest.py); Redis stays the broker when set.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Two test runs on one machine at once (TEST_RUN_ID=a, TEST_RUN_ID=b) keep their databases, queues
# and embedded brokers apart.
RUN_SUFFIX = f"-{env('TEST_RUN_ID')}" if env("TEST_RUN_ID", default="") else ""

# Where a worker process started by the tests keeps files (each test in the run itself gets its own
# folders: tests/conftest.py); emptied when that worker starts.
MEDIA_ROOT = VAR_DIR / f"test-media{RUN_SUFFIX}"
PRIVATE_MEDIA_ROOT = SENDFILE_ROOT = VAR_DIR / f"test-private-media{RUN_SUFFIX}"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a real worker process can read what a test wrote.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db{RUN_SUFFIX}.sqlite3")}
else:
    TEST_DATABASE = f"test_{DATABASES['default']['NAME']}{RUN_SUFFIX}"
    DATABASES["default"]["TEST"] = {"NAME": TEST_DATABASE.replace("-", "_")}

# Tests talk to their own queue, so a developer's running worker never takes a test's task.
CELERY_TASK_DEFAULT_QUEUE = f"tests{RUN_SUFFIX}"
if not REDIS_URL:  # noqa: F405
    CELERY_QUEUE_DIR = VAR_DIR / f"test-celery{RUN_SUFFIX}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_QUEUE_DIR / 'results'}"
