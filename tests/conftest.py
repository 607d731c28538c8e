"""Shared fixtures: required services, a real Celery worker process, and Chromium for browser tests.

Under CI=true nothing is skipped: a missing database, broker or browser fails the run.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_sessionstart(session):
    """Say which database and broker this run uses, and fail early in CI if one is unreachable."""
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = "redis" if settings.REDIS_URL else "embedded (filesystem)"
    print(f"\nChợ Sen tests: database={database}, broker={broker}", flush=True)
    if settings.REDIS_URL:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()
        except redis.RedisError as error:
            pytest.exit(f"REDIS_URL is set but Redis does not answer: {error}", returncode=3)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = settings.SENDFILE_ROOT = tmp_path / "private-media"


def _worker_file_roots() -> tuple[Path, Path]:
    """The media folders of a worker process started by the tests: the test settings' own."""
    from marketplace.settings import test as test_settings

    return Path(test_settings.MEDIA_ROOT), Path(test_settings.PRIVATE_MEDIA_ROOT)


@pytest.fixture
def files_shared_with_worker(settings):
    """This test's uploads go where the worker process reads them, instead of its own tmp_path."""
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = _worker_file_roots()
    settings.SENDFILE_ROOT = settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def _empty_cache():
    """Oscar caches category paths by primary key, and keys are reused from test to test."""
    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in Vietnamese; a request to /en/ must not leak English into the next test."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _staff_force_login_passes_the_second_step(monkeypatch):
    """client.force_login(staff) also passes the staff's second step (marketplace.accounts.second_step),
    the way django_otp.login records it after a code: a test about staff pages starts where she
    would be after both steps. Tests of the step itself sign in through the sign-in form."""
    from django.test import Client

    force_login = Client.force_login

    def force_login_and_pass_the_second_step(self, user, backend=None):
        force_login(self, user, backend)
        if user.is_staff or user.is_superuser:
            pass_second_step_in(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_and_pass_the_second_step)


def pass_second_step_in(client, user) -> None:
    """Her session (a test client's) passes the staff's second step, as django_otp.login records it."""
    from django.http import HttpRequest
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="tests", defaults={"confirmed": True})
    request = HttpRequest()
    request.user = user
    request.session = client.session
    otp_login(request, device)
    request.session.save()


@pytest.fixture
def password():
    return PASSWORD


def _worker_database_url() -> str:
    """The test database as a URL, for a worker started in another process."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    auth = f"{user}:{db.get('PASSWORD') or ''}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


UNCONSUMED_QUEUE = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-unconsumed"


def _queue_length(queue: str) -> int:
    from marketplace.celery import app

    with app.connection_for_read() as connection:
        return connection.default_channel.queue_declare(queue=queue, passive=False).message_count


def _purge(queue: str) -> None:
    from marketplace.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_declare(queue=queue)
        connection.default_channel.queue_purge(queue)


@pytest.fixture(autouse=True)
def _tasks_reach_the_worker_only_from_worker_tests(request):
    """Tasks that other tests queue (they commit, so on_commit fires) go to a queue no worker reads.

    Otherwise the session's worker, once started, would run them while the next test empties the
    database, and PostgreSQL would deadlock the TRUNCATE against the worker's reads. Tests that use
    the worker wait, when they end, until it has taken everything they queued.
    """
    from marketplace.celery import app

    if "celery_worker_process" not in request.fixturenames:
        app.conf.task_default_queue = UNCONSUMED_QUEUE
        yield
        app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE
        return
    yield
    deadline = time.monotonic() + 30
    while _queue_length(settings.CELERY_TASK_DEFAULT_QUEUE) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # the last task taken may still be running


def pytest_sessionfinish(session, exitstatus):
    if getattr(settings, "CELERY_BROKER_URL", None):
        try:
            _purge(UNCONSUMED_QUEUE)
        except Exception as error:  # noqa: BLE001  (a broker gone at exit must not hide the results)
            print(f"could not purge {UNCONSUMED_QUEUE}: {error}")


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real `celery worker` process on the test queue, reading the test database.

    The mail it sends lands as files in `worker.email_dir`.
    """
    from marketplace.celery import app, ensure_embedded_broker_folders

    ensure_embedded_broker_folders()
    app.control.purge()  # nothing left over from an earlier, interrupted run
    for folder in _worker_file_roots():  # nor files an earlier run wrote, which a test could read by mistake
        shutil.rmtree(folder, ignore_errors=True)
    with django_db_blocker.unblock():
        database_url = _worker_database_url()
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    email_dir = tmp_path_factory.mktemp("worker-mail")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "DATABASE_URL": database_url,
        "TEST_EMAIL_DIR": str(email_dir),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "marketplace", "worker",
        "-Q", settings.CELERY_TASK_DEFAULT_QUEUE, "--pool", "solo", "--loglevel", "INFO",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    with open(log_path, "w") as log:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while "ready." not in log_path.read_text():
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            pytest.fail(f"Celery worker did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.2)
    worker.email_dir = email_dir
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


def wait_for(condition, *, timeout: float = 30, interval: float = 0.2, message: str = "condition"):
    """Poll until condition() is truthy; the worker runs in another process."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout}s waiting for {message}")


def wait_for_delivery(source: str, *, message: str) -> None:
    """Until the notifications of an event (`source`, e.g. f"payment:{event.pk}") exist and every
    channel of each is done: a worker delivers them after the commit that marks the event notified."""
    from django.db.models import Q

    from notifications.models import Notification

    of_event = Notification.objects.filter(Q(source=source) | Q(source__startswith=f"{source}:"))
    wait_for(lambda: of_event.exists() and not of_event.filter(delivered_at=None).exists(), message=message)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = "Chromium is not installed (apt-get install chromium); `make test` installs it"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # between page actions are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A fresh 360x800 phone-sized browser tab; screenshots go to var/screenshots/. A test fails if
    the Content-Security-Policy blocked anything on its pages (a script without its nonce, an
    onclick attribute…)."""
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    blocked = []
    page.on("console", lambda note: "Content Security Policy" in note.text and blocked.append(note.text))
    yield page
    context.close()
    assert not blocked, "The Content-Security-Policy blocked:\n" + "\n".join(blocked)


@pytest.fixture
def screenshot():
    folder = ROOT / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def authenticator_app(user):
    """A staff member's authenticator app (a confirmed TOTP device), for tests that sign her in through
    the sign-in form and then pass the second step with pass_second_step."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="tests", defaults={"confirmed": True})
    return device


def current_code(device) -> str:
    """The 6 digits her authenticator app shows now."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def pass_second_step(page, device) -> None:
    """In the browser, after her password: "Xác minh hai bước" with the code of her app."""
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name="Xác minh hai bước")).to_be_visible()
    form = page.get_by_test_id("second-step-form")
    form.get_by_label("Mã 6 số trên ứng dụng").fill(current_code(device))
    form.get_by_role("button", name="Xác minh").click()


def queued_tasks(callbacks) -> list[str]:
    """The Celery tasks among captured on-commit callbacks (caches also bump themselves on commit)."""
    return [
        callback.func.__self__.name
        for callback in callbacks
        if hasattr(getattr(callback, "func", None), "__self__") and hasattr(callback.func.__self__, "delay")
    ]


@pytest.fixture
def sms_gateway(settings):
    """Text messages on, through a local eSMS.vn that checks each request (tests/fakes/esms.py)."""
    from tests.fakes import esms

    with esms.FakeEsms() as gateway:
        esms.configure(settings, gateway)
        yield gateway
    assert gateway.problems == []


@pytest.fixture(scope="session")
def localstripe_server():
    """localstripe for the whole run (a dev dependency): Stripe's API on 127.0.0.1, no network."""
    from importlib.util import find_spec

    from tests.fakes import localstripe

    if find_spec("localstripe") is None:
        message = "localstripe is missing: pip install -e '.[dev]' (make test does)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    process, server = localstripe.start()
    yield server
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_cards(settings, localstripe_server):
    """Cards on, through localstripe."""
    localstripe_server.configure(settings)
    return localstripe_server
