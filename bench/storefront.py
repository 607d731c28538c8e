"""Benchmark: the storefront under 8 concurrent clients, against a bare Django view in the same run.

    .venv/bin/python bench/storefront.py [--seconds 15] [--clients 8] [--workers 2]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/chosen_bench (default)

1. Creates the PostgreSQL database if needed, migrates, and imports the shared 10,000-product
   catalogue (../shared/data/make_catalogue.py --products 10000 --shops 200 --seed 42) through
   `import_products` unless it is already loaded; then writes the search documents.
2. Serves it with gunicorn (production settings, DEBUG off, persistent database connections, Redis
   cache redis://127.0.0.1:6379/9) and bench/settings.py, which adds the bare view /bench/bare/.
3. Hits each page with N concurrent clients for a fixed time, after a warm-up, and prints
   requests/s, p50 and p99, and the ratio of requests/s to the bare view's over the same seconds
   (one-second slices of each in turn: the machine is shared and its load changes by the second):
   first as first-time visitors (no cookies), then as a returning guest with a basket (R), then as
   a signed-in buyer with a basket (S); all get whole pages from the cache, the returning ones with
   their own basket count filled in (search/page_cache.py).
Not part of the test suite.
"""

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from shared_catalogue import write_catalogue

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chosen_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
HOST = "127.0.0.1"
BARE_VIEW = "/bench/bare/"


def bench_env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CONN_MAX_AGE": "600",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SITE_URL": f"http://{HOST}",
        "MEDIA_ROOT": str(ROOT / "var" / "bench" / "media"),
        "DEBUG": "false",
        "PYTHONPATH": str(ROOT),
        # production settings require the marketplace's receiving account; any valid one will do here
        "VIETQR_BANK_BIN": os.environ.get("VIETQR_BANK_BIN", "970436"),
        "VIETQR_ACCOUNT_NUMBER": os.environ.get("VIETQR_ACCOUNT_NUMBER", "0011004455667"),
        "VIETQR_ACCOUNT_HOLDER": os.environ.get("VIETQR_ACCOUNT_HOLDER", "CHO SEN BENCHMARK"),
    }


def manage(*args: str, capture: bool = False) -> str:
    command = [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=bench_env(), check=True, capture_output=capture, text=True)
    return done.stdout if capture else ""


def create_database() -> None:
    import psycopg

    url = urlsplit(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def load_catalogue(products: int, shops: int, seed: int) -> None:
    manage("migrate", "-v0")
    count_products = "from catalogue.models import Product; print(Product.objects.count())"
    count = manage("shell", "-c", count_products, capture=True)
    if int(count.strip().splitlines()[-1]) >= products:
        print(f"catalogue already loaded ({count.strip()} products)")
    else:
        with tempfile.TemporaryDirectory() as workdir:
            csv_file = Path(workdir) / "catalogue.csv"
            write_catalogue(csv_file, products=products, shops=shops, seed=seed)
            started = time.perf_counter()
            manage("import_products", str(csv_file), "--create-shops")
            print(f"imported {products} products in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    manage("search_index")
    print(f"search documents written in {time.perf_counter() - started:.1f} s")
    manage("collectstatic", "--noinput", "-v0")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# Returning visitors: a guest whose basket cookie holds two products, and a signed-in buyer with a
# basket of her own. Their pages come from the page cache too, with their basket count filled in.
RETURNING_VISITORS_SCRIPT = """
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.signing import Signer
from oscar.core.loading import get_class, get_model
from storefront.selectors import browsable_products

Basket = get_model("basket", "Basket")
strategy = get_class("partner.strategy", "Selector")().strategy()
buyable = lambda product: strategy.fetch_for_product(product).availability.is_available_to_buy
in_stock = [product for product in browsable_products()[:40] if buyable(product)]
buyer, _ = get_user_model().objects.get_or_create(email="bench-buyer@example.vn")
Basket.objects.filter(owner=buyer).delete()
baskets = [Basket.objects.create(owner=owner) for owner in (None, buyer)]
for basket in baskets:
    basket.strategy = strategy
    for product in in_stock[:2]:
        basket.add_product(product, 1)
session = SessionStore()
session.update({SESSION_KEY: str(buyer.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
                HASH_SESSION_KEY: buyer.get_session_auth_hash()})
session.create()
print(f"{settings.OSCAR_BASKET_COOKIE_OPEN}={Signer().sign(baskets[0].pk)}")
print(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
"""


def returning_visitors() -> dict[str, str]:
    """Cookie headers of a guest with a basket (R) and a signed-in buyer with a basket (S)."""
    output = manage("shell", "-c", RETURNING_VISITORS_SCRIPT, capture=True)
    basket_cookie, session_cookie = output.split()[-2:]
    return {"R": f"Cookie: {basket_cookie}\r\n", "S": f"Cookie: {session_cookie}\r\n"}


async def fetch(port: int, path: str, headers: str = "") -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n{headers}Connection: close\r\n\r\n".encode())
    response = await reader.read(-1)
    writer.close()
    status = int(response.split(b" ", 2)[1])
    return status, response


async def hammer(
    port: int, path: str, clients: int, seconds: float, headers: str = ""
) -> tuple[int, list[float], int]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def client():
        nonlocal errors
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            status, _ = await fetch(port, path, headers)
            latencies.append(time.perf_counter() - started)
            errors += status != 200

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return len(latencies) / (time.perf_counter() - started), latencies, errors


def against_bare_view(
    port: int, path: str, clients: int, seconds: float, headers: str
) -> tuple[float, list[float], int, float]:
    """The page's requests/s, latencies and errors, and the bare view's requests/s in the same
    seconds: one-second slices of each in turn, so that both see the same load."""
    slices = max(1, round(seconds))
    page_rates, bare_rates, latencies, errors = [], [], [], 0
    for _ in range(slices):
        bare_rate, *__ = asyncio.run(hammer(port, BARE_VIEW, clients, seconds / slices))
        rate, slice_latencies, slice_errors = asyncio.run(
            hammer(port, path, clients, seconds / slices, headers)
        )
        bare_rates.append(bare_rate)
        page_rates.append(rate)
        latencies += slice_latencies
        errors += slice_errors
    return statistics.mean(page_rates), latencies, errors, statistics.mean(bare_rates)


def discover(port: int) -> dict[str, str]:
    """Real URLs of a category with products, one of its products, and that product's shop."""

    def get(path: str) -> str:
        status, body = asyncio.run(fetch(port, path))
        assert status == 200, (path, status)
        return body.decode()

    category = re.search(r'href="(/catalogue/category/[^"?]+)"', get("/")).group(1)
    product = re.search(r'href="(/catalogue/[^"/]+_\d+/)"', get(category)).group(1)
    shop = re.search(r'class="shop-row" href="(/shops/[^"/]+/)"', get(product)).group(1)
    return {
        "home": "/",
        "category": category,
        "product": product,
        "shop": shop,
        "search": "/search/?q=nuoc+mam",
        "search, typo": "/search/?q=nuoc+mam+phu+quok",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--shops", type=int, default=200)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    create_database()
    load_catalogue(args.products, args.shops, args.seed)
    visitors = returning_visitors()
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # the benchmark's own Redis database
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "marketplace.wsgi", "--workers", str(args.workers),
         "--bind", f"{HOST}:{port}", "--log-level", "warning"],
        cwd=ROOT, env=bench_env(),
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                with socket.create_connection((HOST, port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.2)
        pages = discover(port)
        for cookie in visitors.values():  # each returning visitor sees her two products counted
            __, body = asyncio.run(fetch(port, "/", cookie))
            assert b'<span class="count" aria-label="2 ' in body, cookie
        print(f"\n{args.clients} clients, {args.seconds:.0f} s per page, gunicorn {args.workers} workers, "
              f"{args.products} products / {args.shops} shops on PostgreSQL, Redis cache")  # fmt: skip
        columns = f"{'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'bare/s':>8} {'× bare':>7}"
        print(f"{'page':<18} {columns}  url")
        runs = [(name, path, "") for name, path in pages.items()]
        runs += [
            (f"{name} ({kind})", path, cookie)
            for kind, cookie in visitors.items()
            for name, path in pages.items()
        ]
        asyncio.run(hammer(port, BARE_VIEW, args.clients, 2))  # warm-up
        for name, path, headers in runs:
            asyncio.run(hammer(port, path, args.clients, 2, headers))  # warm-up: caches, thumbnails
            rate, latencies, errors, bare_rate = against_bare_view(
                port, path, args.clients, args.seconds, headers
            )
            p50 = statistics.median(latencies) * 1000
            p99 = statistics.quantiles(latencies, n=100)[98] * 1000
            print(f"{name:<18} {rate:8.1f} {p50:8.1f} {p99:8.1f} {errors:7d} {bare_rate:8.1f} "
                  f"{rate / bare_rate:7.2f}  {path}")  # fmt: skip
        print("(R): a returning guest with two products in her basket; (S): a signed-in buyer with a basket")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
