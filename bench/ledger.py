"""Benchmark: the books. Posting throughput, and a vendor's balance page with a million entries.

    .venv/bin/python bench/ledger.py [--entries 1000000] [--shops 200] [--requests 400]
    BENCH_LEDGER_DATABASE_URL=postgres://postgres@127.0.0.1:5432/chosen_bench_ledger (default)

1. Drops and re-creates its own PostgreSQL database, migrates, and opens `--shops` live shops.
2. Posting: times `ledger.services.post` for sales (received → a shop's pending, with shipping and
   commission: 5 entries), each post its own database transaction, from 1 process, then from 4
   processes on different shops, then from 4 processes all on one shop (whose balance rows they
   must take in turn); each process warms up, then all start together; prints transactions/s.
3. Fills the books to `--entries` entries in bulk (sales spread over 24 months and every shop, a
   quarter of them on one big shop), with the running balances a real posting would write. The
   balance check trigger is paused for the bulk load only.
4. Requests /seller/balance/ for `--requests` different (shop, month) pairs, the big shop's months
   among them, with production settings in this process (the page is never cached), interleaved
   with the bare Django view /bench/bare/ (bench/urls.py) as the yardstick; prints p50 and p99 of
   each (and of the big shop's pages apart), their ratio, and the SQL queries per page: between 10
   and 12 (a month with no line, or no payout line, needs fewer lookups), never more with more lines.
Machine and date are printed with the figures. Not part of the test suite.
"""

import argparse
import datetime
import multiprocessing
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.own_database import recreate_database, use_own_database  # noqa: E402

DATABASE_URL = use_own_database("BENCH_LEDGER_DATABASE_URL", "chosen_bench_ledger")
WARM_UP = 20  # posts each process makes before the clock starts (connections, caches)


def setup_django() -> None:
    import django

    django.setup()


def open_shops(count: int) -> list[int]:
    from shops.services import shop_create_live
    from tests.factories import UserFactory

    shop_ids = []
    for number in range(count):
        owner = UserFactory(phone=f"+8491{number:07d}", email=None)
        shop = shop_create_live(
            name=f"Gian hàng {number}", slug=f"gian-hang-{number}", province_code=1, owner=owner
        )
        shop_ids.append(shop.pk)
    return shop_ids


def sale_lines(shop, accounts, amount: int) -> list:
    from ledger.services import Line, SystemAccount, shop_accounts

    pending = shop_accounts(shop).pending
    commission = amount // 20
    return [
        Line(accounts[SystemAccount.RECEIVED], amount + 30_000, "allocated"),
        Line(pending, -amount, "sale"),
        Line(pending, -30_000, "shipping"),
        Line(pending, commission, "commission"),
        Line(accounts[SystemAccount.COMMISSION], -commission, "commission"),
    ]


def post_sales(worker: str, shop_ids: list[int], count: int, ready, results) -> None:
    """One process posting `count` sales round the given shops, timed from a common start."""
    setup_django()
    from django.db import connection

    from ledger.services import SystemAccount, post, system_accounts
    from shops.models import Shop

    shops = list(Shop.objects.filter(pk__in=shop_ids))
    accounts = system_accounts(SystemAccount.RECEIVED, SystemAccount.COMMISSION)
    for number in range(WARM_UP):
        post(key=f"bench:{worker}:warm:{number}", kind="paid", lines=sale_lines(shops[0], accounts, 1_000))
    ready.wait()
    started = time.perf_counter()
    for number in range(count):
        shop = shops[number % len(shops)]
        post(key=f"bench:{worker}:{number}", kind="paid", lines=sale_lines(shop, accounts, 150_000 + number))
    results.put(time.perf_counter() - started)
    connection.close()


def posting_throughput(shop_ids: list[int], *, per_process: int) -> list[tuple[str, float]]:
    from django.db import connection

    connection.close()  # forked processes open their own
    figures = []
    for label, processes, shops_for in (
        ("1 process", 1, lambda worker: shop_ids),
        ("4 processes, different shops", 4, lambda worker: shop_ids[worker::4]),
        ("4 processes, one shop", 4, lambda worker: shop_ids[:1]),
    ):
        ready, results = multiprocessing.Barrier(processes), multiprocessing.Queue()
        workers = [
            multiprocessing.Process(
                target=post_sales, args=(f"{label}:{worker}", shops_for(worker), per_process, ready, results)
            )
            for worker in range(processes)
        ]
        for process in workers:
            process.start()
        for process in workers:
            process.join()
            if process.exitcode:
                raise RuntimeError(f"a posting process failed ({label})")
        slowest = max(results.get() for _ in workers)
        figures.append((label, processes * per_process / slowest))
    return figures


def fill(shop_ids: list[int], *, entries: int, seed: int = 7) -> None:
    """Sales in bulk, with the running balances a real posting writes, up to `entries` entries."""
    from django.db import connection
    from django.utils import timezone

    from ledger.models import Account, Entry, Transaction
    from ledger.services import SystemAccount, shop_accounts, system_accounts
    from shops.models import Shop

    random.seed(seed)
    shops = {shop.pk: shop for shop in Shop.objects.filter(pk__in=shop_ids)}
    pending = {shop_id: shop_accounts(shop).pending for shop_id, shop in shops.items()}
    accounts = system_accounts(SystemAccount.RECEIVED, SystemAccount.COMMISSION)
    start = timezone.now() - datetime.timedelta(days=730)
    big_shop = shop_ids[0]
    existing = Entry.objects.count()
    sales = (entries - existing) // 5
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_balances")
    try:
        batch_size = 5_000
        for first in range(0, sales, batch_size):
            count = min(batch_size, sales - first)
            shop_of = [big_shop if random.random() < 0.25 else random.choice(shop_ids) for _ in range(count)]
            moments = sorted(
                start + datetime.timedelta(seconds=random.uniform(0, 730 * 86_400)) for _ in range(count)
            )
            transactions = Transaction.objects.bulk_create(
                [
                    Transaction(key=f"fill:{first + n}", kind="paid", created_at=moments[n])
                    for n in range(count)
                ]
            )
            rows = []
            for transaction, shop_id in zip(transactions, shop_of, strict=True):
                amount = random.randrange(50_000, 900_000, 1_000)
                commission = amount // 20
                account = pending[shop_id]
                lines = [
                    (accounts[SystemAccount.RECEIVED], amount + 30_000, "allocated", None),
                    (account, -amount, "sale", True),
                    (account, -30_000, "shipping", True),
                    (account, commission, "commission", True),
                    (accounts[SystemAccount.COMMISSION], -commission, "commission", None),
                ]
                for target, value, kind, running in lines:
                    after = None
                    if running:
                        target.balance += value
                        after = target.balance
                    rows.append(
                        Entry(
                            transaction=transaction,
                            account_id=target.pk,
                            amount=value,
                            kind=kind,
                            balance_after=after,
                            created_at=transaction.created_at,
                        )
                    )
            Entry.objects.bulk_create(rows, batch_size=5_000)
            print(f"\r  {existing + (first + count) * 5:,} entries", end="", flush=True)
        Account.objects.bulk_update(pending.values(), ["balance"])
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_balances")
            cursor.execute("ANALYZE ledger_entry")
    print()


def page_timings(shop_ids: list[int], *, requests: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from shops.models import Shop

    random.seed(11)
    today = timezone.localdate()
    months = [
        (today.replace(day=1) - datetime.timedelta(days=31 * back)).strftime("%Y-%m") for back in range(24)
    ]
    shops = {shop.pk: shop for shop in Shop.objects.filter(pk__in=shop_ids).prefetch_related("members")}
    clients = {}
    page, big_shop_page, bare, queries = [], [], [], []
    pairs = [(shop_ids[0], month) for month in months[:12]]
    pairs += [(random.choice(shop_ids), random.choice(months)) for _ in range(requests - len(pairs))]
    random.shuffle(pairs)
    for shop_id, month in pairs:
        client = clients.get(shop_id)
        if client is None:
            client = clients[shop_id] = Client()
            client.force_login(shops[shop_id].members.first())
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/seller/balance/", {"month": month})
        page.append(time.perf_counter() - started)
        if shop_id == shop_ids[0]:
            big_shop_page.append(page[-1])
        if response.status_code != 200:
            raise RuntimeError(f"/seller/balance/ answered {response.status_code}")
        queries.append(len(captured))
        started = time.perf_counter()
        client.get("/bench/bare/")
        bare.append(time.perf_counter() - started)
    return {"page": page, "big shop": big_shop_page, "bare": bare, "queries": queries}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--shops", type=int, default=200)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--posts", type=int, default=500, help="sales each posting process writes")
    args = parser.parse_args()

    print(f"Chợ Sen ledger benchmark · {datetime.date.today()} · {platform.node()} · {os.cpu_count()} cores")
    recreate_database(DATABASE_URL)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from ledger.models import Entry

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production settings serve hashed files
    shop_ids = open_shops(args.shops)
    print("\nposting (5 entries a transaction, PostgreSQL, each post its own database transaction)")
    for label, rate in posting_throughput(shop_ids, per_process=args.posts):
        print(f"  {label:32} {rate:8.0f} transactions/s")
    connection.close()
    print(f"\nfilling the books to {args.entries:,} entries")
    fill(shop_ids, entries=args.entries)
    total = Entry.objects.count()
    biggest = Entry.objects.filter(account__shop_id=shop_ids[0]).count()
    print(f"  {total:,} entries in the books; the big shop has {biggest:,}")
    timings = page_timings(shop_ids, requests=args.requests)
    page_p50, bare_p50 = statistics.median(timings["page"]), statistics.median(timings["bare"])
    print(f"\n/seller/balance/ over {args.requests} (shop, month) pairs, in this process")
    for label, values in (
        ("balance page", timings["page"]),
        ("  big shop", timings["big shop"]),
        ("bare view", timings["bare"]),
    ):
        p50, p99 = statistics.median(values) * 1000, percentile(values, 0.99) * 1000
        print(f"  {label:13} p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  ({len(values)} requests)")
    print(f"  ratio of p50s (balance page / bare view): {page_p50 / bare_p50:.1f}")
    print(f"  SQL queries per page: {min(timings['queries'])} to {max(timings['queries'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
