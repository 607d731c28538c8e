"""Benchmark: signed bank-feed webhooks confirming payments through gunicorn, Redis and a Celery worker.

    make bench-webhooks [BENCH_ARGS="--orders 500"]
    .venv/bin/python bench/webhooks.py [--orders 2000] [--clients 8] [--duplicates 0.1] [--workers 2]
    BENCH_PAY_DATABASE_URL=postgres://postgres@127.0.0.1:5432/chosen_bench_pay (default)

1. Drops and re-creates that PostgreSQL database, migrates, and places N orders through checkout's
   `place_order` (Oscar baskets of one to three products from up to three of five live shops; each
   order gets its VietQR payment).
2. Starts gunicorn (production settings, DEBUG off, persistent database connections) and a real
   `celery -A marketplace worker` (prefork, concurrency 2) on Redis redis://127.0.0.1:6379/10,
   flushed first, with SEPAY_API_KEY and CASSO_CHECKSUM_KEY set; waits until the worker is idle.
3. Fires one signed webhook per order from 8 concurrent clients, half SePay (`Authorization:
   Apikey`), half Casso (a fresh `X-Casso-Signature` per request), plus 10% duplicates of the same
   transfers, all shuffled.
4. Prints webhook requests/s, p50 and p99 of the webhook answer, and payments confirmed per second
   from the first request until the last payment is paid; then checks that every payment was paid
   exactly once and every transfer recorded once, and exits 1 if not.
Gunicorn and the worker are stopped at the end, on errors and on Ctrl-C; their logs and the emails
the worker sends land in var/bench/. Not part of the test suite.
"""

import argparse
import http.client
import json
import logging
import multiprocessing
import os
import queue
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get("BENCH_PAY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chosen_bench_pay")
REDIS_URL = "redis://127.0.0.1:6379/10"
HOST = "127.0.0.1"
SEPAY_API_KEY = "bench-sepay-api-key-0123456789"
CASSO_CHECKSUM_KEY = "bench-casso-checksum-key-0123456789"
COLLECTION_ACCOUNT = "0011001234567"
LOGS = ROOT / "var" / "bench"

BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "CONN_MAX_AGE": "600",
    "SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789",
    "ALLOWED_HOSTS": f"{HOST},localhost",
    "SITE_URL": f"http://{HOST}",
    "SECURE_SSL_REDIRECT": "false",  # plain HTTP on 127.0.0.1, as behind a TLS-terminating proxy
    "DEBUG": "false",
    "SEPAY_API_KEY": SEPAY_API_KEY,
    "CASSO_CHECKSUM_KEY": CASSO_CHECKSUM_KEY,
    "VIETQR_BANK_BIN": "970436",
    "VIETQR_ACCOUNT_NUMBER": COLLECTION_ACCOUNT,
    "VIETQR_ACCOUNT_HOLDER": "HOI LIEN HIEP PHU NU CHO SEN",
    "EMAIL_URL": f"filemail:///{LOGS / 'webhooks-mail'}",
    "MEDIA_ROOT": str(LOGS / "media"),
    "PYTHONPATH": str(ROOT),
}
os.environ.update(BENCH_ENV)  # this process places the orders and reads the results with the same settings


def recreate_database() -> None:
    import psycopg

    name = urlsplit(DATABASE_URL).path.lstrip("/")
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    print(f"database {name} re-created")


def create_shops(seed: int) -> None:
    """Five live shops with four products each, their owners (who get the paid emails) and 50 buyers."""
    from django.contrib.auth import get_user_model

    from catalogue.services import ProductInput, product_save
    from shops.services import shop_create_live

    User = get_user_model()
    rng = random.Random(seed)
    for number, province_code in enumerate([1, 31, 46, 79, 92], start=1):
        owner = User.objects.create_user(f"htx{number}@example.vn", "bench", phone=f"+849120001{number:02d}")
        shop = shop_create_live(
            name=f"HTX Đặc sản số {number}",
            slug=f"htx-dac-san-{number}",
            province_code=province_code,
            owner=owner,
            shipping_fee=25_000,
            free_shipping_from=500_000,
        )
        for kind in range(1, 5):
            values = ProductInput(
                title=f"Đặc sản {kind} của HTX {number}",
                description="Sản phẩm OCOP 4 sao.",
                category=None,
                price=rng.randrange(35, 400) * 1000,
                stock=100_000,
            )
            product_save(shop=shop, values=values)
    for number in range(50):
        User.objects.create_user(f"khach{number}@example.vn", "bench", phone=f"+849130{number:05d}")


def place_order_batch(numbers: range) -> list[int]:
    """Orders as buyers place them: an Oscar basket of one to three products, then checkout."""
    from django.contrib.auth import get_user_model
    from oscar.core.loading import get_class, get_model

    from checkout.services import Delivery, place_order
    from marketplace import geo

    Basket = get_model("basket", "Basket")
    Product = get_model("catalogue", "Product")
    strategy = get_class("partner.strategy", "Selector")().strategy()
    products = list(Product.objects.order_by("pk"))
    buyers = list(get_user_model().objects.filter(email__startswith="khach").order_by("pk"))
    ward_code = geo.ward_choices(1)[0][0]
    rng = random.Random(numbers.start)
    order_ids = []
    for number in numbers:
        buyer = rng.choice(buyers)
        basket = Basket.objects.create(owner=buyer)
        basket.strategy = strategy
        for product in rng.sample(products, rng.choice([1, 1, 2, 3])):
            basket.add_product(product, rng.randint(1, 3))
        delivery = Delivery(
            name="Trần Thị Mai",
            phone="+84912345678",
            province_code=1,
            ward_code=ward_code,
            street=f"{number % 200 + 1} phố Hàng Bông",
            email=buyer.email,
        )
        order_ids.append(place_order(basket=basket, buyer=buyer, delivery=delivery).pk)
    return order_ids


def place_orders(count: int, processes: int) -> list[int]:
    """`count` orders from forked processes (checkout waits on the database, so they overlap well)."""
    from django.db import connections

    connections.close_all()  # never share a connection with the forked children
    batches = [range(start, min(start + 100, count)) for start in range(0, count, 100)]
    order_ids: list[int] = []
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for batch_ids in pool.imap_unordered(place_order_batch, batches):
            order_ids += batch_ids
            if len(order_ids) % 500 == 0:
                print(f"  {len(order_ids)} orders placed", flush=True)
    elapsed = time.perf_counter() - started
    print(f"{count} orders placed in {elapsed:.1f} s ({count / elapsed:.0f} orders/s, {processes} processes)")
    return sorted(order_ids)


@dataclass(frozen=True)
class Transfer:
    """One incoming transfer for one payment, as SePay or Casso reports it."""

    provider: str
    transaction_id: int
    body: dict


def memo_for(reference: str, number: int) -> str:
    """What banks actually put in a memo: the reference wrapped, spaced or lower-cased."""
    spellings = [
        f"{reference} NGUYEN THI MAI chuyen tien",
        f"MBVCB.{8_000_000 + number}.{reference}.CT tu 0912345678 TRAN THI MAI toi {COLLECTION_ACCOUNT}",
        f"{reference[:5]} {reference[5:]} thanh toan don hang".lower(),
    ]
    return spellings[number % len(spellings)]


def transfer_for(payment, number: int) -> Transfer:
    memo = memo_for(payment.reference, number)
    transaction_id = 70_000_000 + number
    when = "2026-11-23 10:15:00"
    if number % 2 == 0:
        body = {
            "id": transaction_id,
            "gateway": "Vietcombank",
            "transactionDate": when,
            "accountNumber": COLLECTION_ACCOUNT,
            "code": None,
            "content": memo,
            "transferType": "in",
            "transferAmount": payment.amount_due,
            "accumulated": 0,
            "subAccount": None,
            "referenceCode": f"FT{transaction_id}",
            "description": f"BankAPINotify {memo}",
        }
        return Transfer("sepay", transaction_id, body)
    body = {
        "error": 0,
        "data": {
            "id": transaction_id,
            "reference": f"FT{transaction_id}",
            "description": memo,
            "amount": payment.amount_due,
            "runningBalance": 0,
            "transactionDateTime": when,
            "accountNumber": COLLECTION_ACCOUNT,
            "bankName": "Vietcombank",
            "bankAbbreviation": "VCB",
            "virtualAccountNumber": "",
            "virtualAccountName": "",
            "counterAccountName": "TRAN THI MAI",
            "counterAccountNumber": "0912345678",
            "counterAccountBankId": "970415",
            "counterAccountBankName": "VietinBank",
        },
    }
    return Transfer("casso", transaction_id, body)


def signed_request(transfer: Transfer) -> tuple[bytes, dict[str, str]]:
    """The body and headers the provider sends; Casso's signature is made at sending time."""
    from payments.providers.casso import casso_signature

    raw_body = json.dumps(transfer.body, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json", "User-Agent": f"{transfer.provider}-bench"}
    if transfer.provider == "sepay":
        headers["Authorization"] = f"Apikey {SEPAY_API_KEY}"
    else:
        headers["X-Casso-Signature"] = casso_signature(
            timestamp_ms=int(time.time() * 1000), body=transfer.body, checksum_key=CASSO_CHECKSUM_KEY
        )
    return raw_body, headers


@dataclass(frozen=True)
class Answer:
    status: int
    sent_at: float  # wall clock, comparable with the worker's paid_at
    seconds: float


def fire(port: int, transfers: list[Transfer], clients: int) -> list[Answer]:
    """Post every transfer from `clients` threads, one connection per request as bank feeds do."""
    pending: queue.Queue[Transfer] = queue.Queue()
    for transfer in transfers:
        pending.put(transfer)
    answers: list[Answer] = []

    def client() -> None:
        while True:
            try:
                transfer = pending.get_nowait()
            except queue.Empty:
                return
            raw_body, headers = signed_request(transfer)
            sent_at, started = time.time(), time.perf_counter()
            connection = http.client.HTTPConnection(HOST, port, timeout=60)
            try:
                connection.request("POST", f"/payments/webhooks/{transfer.provider}/", raw_body, headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0
            finally:
                connection.close()
            answers.append(Answer(status, sent_at, time.perf_counter() - started))

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def wait_for(condition, *, what: str, timeout: float, children: tuple[subprocess.Popen, ...]) -> None:
    """Poll `condition` every 0.1 s; give up when a child process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while not condition():
        for child in children:
            if child.poll() is not None:
                raise RuntimeError(f"{Path(child.args[0]).name} exited while waiting for {what}: see {LOGS}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what} after {timeout:.0f} s")
        time.sleep(0.1)


def start(command: list[str], log_name: str) -> subprocess.Popen:
    """A child in its own session, so that Ctrl-C reaches only us and we stop it in order."""
    log = open(LOGS / log_name, "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **BENCH_ENV}, stdout=log, stderr=log, start_new_session=True
    )


def stop(process: subprocess.Popen) -> None:
    """SIGTERM: gunicorn and Celery both shut down warm; a straggler is killed after 30 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def healthy(port: int) -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        connection.request("GET", "/healthz/")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def check(order_ids: list[int], transfers: list[Transfer], answers: list[Answer]) -> bool:
    """Every payment paid exactly once, every distinct transfer recorded once, every call answered."""
    from django.db.models import Count, F, Q
    from oscar.core.loading import get_model

    from order.models import ShopOrder, ShopOrderStatus
    from payments.models import BankTransfer, Payment, PaymentEvent, PaymentStatus, WebhookCall

    Order = get_model("order", "Order")
    payments = Payment.objects.filter(order__in=order_ids)
    distinct = len({(transfer.provider, transfer.transaction_id) for transfer in transfers})
    outcomes = Counter(BankTransfer.objects.values_list("outcome", flat=True))
    paid_events = PaymentEvent.objects.filter(to_status=PaymentStatus.PAID)
    checks = {
        f"all {len(answers)} webhook calls answered 200": all(answer.status == 200 for answer in answers),
        f"{len(answers)} calls stored, all valid, each linked to its transfer": WebhookCall.objects.filter(
            valid=True, transfer__isnull=False
        ).count()
        == WebhookCall.objects.count()
        == len(answers),
        f"{len(order_ids)} payments paid": payments.filter(status=PaymentStatus.PAID).count()
        == len(order_ids),
        "amount_received == amount_due, refund_due == 0 on every payment": not payments.filter(
            ~Q(amount_received=F("amount_due")) | Q(refund_due__gt=0)
        ).exists(),
        f"BankTransfer rows == {distinct} distinct transfers, all outcome 'paid'": outcomes
        == Counter({"paid": distinct}),
        "one transfer and one 'paid' event per payment": not payments.annotate(
            transfer_count=Count("transfers", distinct=True),
            paid_count=Count("events", filter=Q(events__to_status=PaymentStatus.PAID), distinct=True),
        )
        .exclude(transfer_count=1, paid_count=1)
        .exists()
        and paid_events.count() == len(order_ids),
        "every order and shop order marked paid": not Order.objects.exclude(status="paid").exists()
        and not ShopOrder.objects.exclude(status=ShopOrderStatus.PAID).exists(),
    }
    print("\ncheck")
    for claim, holds in checks.items():
        print(f"  {'ok  ' if holds else 'FAIL'} {claim}")
    print(f"  transfer outcomes: {dict(outcomes)}")
    return all(checks.values())


def percentile(values: list[float], rank: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[rank - 1]


@dataclass(frozen=True)
class Measurement:
    answers: list[Answer]
    paid_when_answered: int  # payments already paid when the last webhook was answered
    last_paid: float  # wall clock of the last payment turned paid
    last_email: float  # ... and of the last paid event whose emails went out
    load_before: float
    load_after: float

    def print(self, paid_count: int) -> None:
        first_sent = min(answer.sent_at for answer in self.answers)
        http_seconds = max(answer.sent_at + answer.seconds for answer in self.answers) - first_sent
        paid_seconds = self.last_paid - first_sent
        latencies = [answer.seconds * 1000 for answer in self.answers]
        requests = len(self.answers)
        rows = [
            (
                "webhook requests/s",
                f"{requests / http_seconds:.1f}",
                f"{requests} answered in {http_seconds:.1f} s",
            ),
            ("webhook answer p50", f"{statistics.median(latencies):.1f} ms", ""),
            ("webhook answer p99", f"{percentile(latencies, 99):.1f} ms", ""),
            (
                "payments paid/s",
                f"{paid_count / paid_seconds:.1f}",
                f"{paid_count} paid in {paid_seconds:.1f} s",
            ),
            (
                "paid at last answer",
                f"{self.paid_when_answered}",
                "of them, while webhooks were still coming in",
            ),
            ("paid emails all out", f"{self.last_email - first_sent:.1f} s", "after the first request"),
            ("load average (1 min)", f"{self.load_before:.2f}", f"before; {self.load_after:.2f} after"),
        ]
        print(f"\nresults ({os.cpu_count()} cores, shared with whatever else runs)")
        for name, value, note in rows:
            print(f"  {name:<21}{value:>10}  {note}")


def prepare(args) -> tuple[list[int], list[Transfer], list[Transfer]]:
    """A fresh database with the orders; the transfers that pay them; the requests, duplicates included."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # the benchmark's own Redis database
    recreate_database()
    import django

    django.setup()
    logging.disable(logging.INFO)  # Oscar logs a stock alert check for every line ordered
    from django.core.management import call_command

    from payments.models import Payment

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.1f} s")
    create_shops(args.seed)
    order_ids = place_orders(args.orders, args.setup_processes)
    payments = Payment.objects.filter(order__in=order_ids).order_by("pk")
    transfers = [transfer_for(payment, number) for number, payment in enumerate(payments)]
    rng = random.Random(args.seed)
    requests = transfers + rng.sample(transfers, round(len(transfers) * args.duplicates))
    rng.shuffle(requests)
    return order_ids, transfers, requests


def measure(args, order_ids: list[int], requests: list[Transfer]) -> Measurement:
    """Serve, fire, and wait until every payment is paid and every paid email is out."""
    from marketplace.celery import app as celery_app
    from payments.models import Payment, PaymentEvent, PaymentStatus

    port = free_port()
    server = start(
        [str(BIN / "gunicorn"), "marketplace.wsgi", "--workers", str(args.workers),
         "--bind", f"{HOST}:{port}", "--log-level", "warning"],
        "webhooks-gunicorn.log",
    )  # fmt: skip
    worker = start(
        [str(BIN / "celery"), "-A", "marketplace", "worker", "--pool", "prefork", "--concurrency",
         str(args.concurrency), "--hostname", "bench-webhooks@%h", "--loglevel", "warning"],
        "webhooks-worker.log",
    )  # fmt: skip
    children = (server, worker)
    paid = Payment.objects.filter(order__in=order_ids, status=PaymentStatus.PAID)
    paid_events = PaymentEvent.objects.filter(to_status=PaymentStatus.PAID)
    try:
        wait_for(lambda: healthy(port), what="gunicorn", timeout=60, children=children)
        wait_for(
            lambda: celery_app.control.ping(timeout=0.5), what="the worker", timeout=60, children=children
        )
        load_before = os.getloadavg()[0]
        duplicates = len(requests) - len(order_ids)
        print(
            f"\nfiring {len(requests)} webhooks ({len(order_ids)} transfers + {duplicates} duplicates, "
            f"half SePay, half Casso) from {args.clients} clients at gunicorn ({args.workers} "
            f"workers) and a Celery worker (prefork, {args.concurrency}) on PostgreSQL and Redis"
        )
        answers = fire(port, requests, args.clients)
        paid_when_answered = paid.count()
        wait_for(
            lambda: paid.count() == len(order_ids), what="every payment paid", timeout=600, children=children
        )
        wait_for(
            lambda: not paid_events.filter(notified_at=None).exists(),
            what="the paid emails",
            timeout=600,
            children=children,
        )
        return Measurement(
            answers=answers,
            paid_when_answered=paid_when_answered,
            last_paid=max(paid.values_list("paid_at", flat=True)).timestamp(),
            last_email=max(paid_events.values_list("notified_at", flat=True)).timestamp(),
            load_before=load_before,
            load_after=os.getloadavg()[0],
        )
    finally:
        for child in children:
            stop(child)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duplicates", type=float, default=0.1, help="share of transfers sent twice")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--concurrency", type=int, default=2, help="Celery worker processes")
    parser.add_argument("--setup-processes", type=int, default=4, help="processes placing the orders")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop gunicorn and the worker on kill too
    shutil.rmtree(LOGS / "webhooks-mail", ignore_errors=True)  # the emails of this run only
    LOGS.mkdir(parents=True, exist_ok=True)

    order_ids, transfers, requests = prepare(args)
    try:
        measurement = measure(args, order_ids, requests)
    except KeyboardInterrupt:
        print("\ninterrupted: gunicorn and the worker are stopped")
        return 130
    measurement.print(len(order_ids))
    return 0 if check(order_ids, transfers, measurement.answers) else 1


if __name__ == "__main__":
    sys.exit(main())
