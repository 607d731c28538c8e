"""Benchmark: the Union's report with two years of a busy marketplace.

    .venv/bin/python bench/reports.py [--shops 200] [--products 10000] [--orders 100000] [--months 24]
    BENCH_REPORTS_DATABASE_URL=postgres://postgres@127.0.0.1:5432/chosen_bench_reports (default)

1. Drops and re-creates its own PostgreSQL database and migrates.
2. Generates, in bulk: `--shops` live shops spread over the 34 provinces (each with its review
   log); `--products` products (a third with OCOP stars); `--orders` orders over the last `--months`
   months, 15 % of them with two shops. 90 % are paid: three in four by a bank-feed transfer, one in
   five confirmed by hand, the rest by card, between five minutes and two days after the order. The
   other 10 % expired and were cancelled. Each order has its lines, payment and payment events.
3. Requests, in this process with production settings (the report is never cached), as union
   staff:
   - /reports/ for the last full year, all provinces;
   - the same year for 12 different provinces;
   - the last month, all provinces;
   - the CSV download of the year by province and month.

   It prints the median and the slowest time of each, the SQL queries per page, and the bare Django
   view (/bench/bare/) as the yardstick. Budgets: the year page under 500 ms, the CSV under 2 s.
Machine and date are printed with the figures. Not part of the test suite.
"""

import argparse
import datetime
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

DATABASE_URL = use_own_database("BENCH_REPORTS_DATABASE_URL", "chosen_bench_reports")
BATCH = 5_000


def _history_dates(*models) -> None:
    """Let bulk_create write the times given (a history), not now."""
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now_add", False):
                field.auto_now_add = False


def generate(*, shops: int, products: int, orders: int, months: int, seed: int = 7) -> None:
    from django.utils import timezone
    from oscar.core.loading import get_model

    from marketplace import geo
    from order.models import ShopOrder, ShopOrderStatus
    from payments.models import BankTransfer, Payment, PaymentEvent, PaymentStatus, TransferOutcome
    from shops.models import Shop, ShopReviewEvent, ShopStatus

    Order, Line = get_model("order", "Order"), get_model("order", "Line")
    Product, ProductClass = get_model("catalogue", "Product"), get_model("catalogue", "ProductClass")
    _history_dates(ShopOrder, Payment, PaymentEvent, BankTransfer, ShopReviewEvent)
    rng = random.Random(seed)
    now = timezone.now()
    start = now - datetime.timedelta(days=30 * months)
    provinces = [code for code, _name in geo.province_choices()]

    shop_rows = Shop.objects.bulk_create(
        Shop(
            name=f"Gian hàng {n}",
            slug=f"gian-hang-{n}",
            province_code=provinces[n % len(provinces)],
            status=ShopStatus.APPROVED,
            shipping_fee=rng.choice((15_000, 20_000, 30_000)),
            submitted_at=start,
        )
        for n in range(shops)
    )
    ShopReviewEvent.objects.bulk_create(
        ShopReviewEvent(
            shop=shop, from_status=old, to_status=new, created_at=start + datetime.timedelta(days=days)
        )
        for shop in shop_rows
        for old, new, days in (
            ("draft", "submitted", rng.randint(0, 300)),
            ("submitted", "approved", rng.randint(301, 330)),
        )
    )
    kind = ProductClass.objects.get_or_create(name="Đặc sản", defaults={"track_stock": True})[0]
    Product.objects.bulk_create(
        (
            Product(
                title=f"Sản phẩm {n}",
                slug=f"san-pham-{n}",
                product_class=kind,
                structure="standalone",
                shop=shop_rows[n % shops],
                is_public=True,
                ocop_stars=rng.choice((0, 0, 3, 4, 5, 0)),
            )
            for n in range(products)
        ),
        batch_size=BATCH,
    )

    span = (now - start).total_seconds()
    for first in range(0, orders, BATCH):
        batch = range(first, min(first + BATCH, orders))
        placed = {n: start + datetime.timedelta(seconds=rng.random() * span) for n in batch}
        order_rows = Order.objects.bulk_create(
            Order(
                number=str(100_000 + n),
                total_incl_tax=0,
                total_excl_tax=0,
                date_placed=placed[n],
                currency="VND",
            )
            for n in batch
        )
        shop_orders, lines, payments, outcomes = [], [], [], {}
        for order in order_rows:
            n = int(order.number) - 100_000
            paid = rng.random() < 0.9
            paid_at = placed[n] + datetime.timedelta(minutes=rng.randint(5, 48 * 60)) if paid else None
            if paid_at and paid_at > now:
                paid_at = None
            how = rng.random()
            paid_by = ("feed" if how < 0.75 else "card" if how > 0.95 else "hand") if paid_at else ""
            chosen = rng.sample(shop_rows, 2 if rng.random() < 0.15 else 1)
            total = 0
            for shop in chosen:
                items = rng.randint(50, 500) * 1_000
                total += items + shop.shipping_fee
                shop_orders.append(
                    ShopOrder(
                        order=order,
                        shop=shop,
                        items_total=items,
                        shipping_fee=shop.shipping_fee,
                        status=ShopOrderStatus.DELIVERED if paid_at else ShopOrderStatus.CANCELLED,
                        created_at=placed[n],
                        paid_at=paid_at,
                        paid_by=paid_by,
                        cancelled_at=None if paid_at else placed[n] + datetime.timedelta(days=1),
                        commission=(items * 500 + 5_000) // 10_000 if paid_at else 0,
                        commission_rate_bp=500 if paid_at else None,
                    )
                )
            payments.append(
                Payment(
                    order=order,
                    reference=f"CSB{n:07d}",
                    amount_due=total,
                    amount_received=total if paid_at else 0,
                    status=PaymentStatus.PAID if paid_at else PaymentStatus.EXPIRED,
                    method=Payment.Method.CARD if paid_at and how > 0.95 else Payment.Method.VIETQR,
                    expires_at=placed[n] + datetime.timedelta(days=1),
                    paid_at=paid_at,
                    paid_by=paid_by,
                    created_at=placed[n],
                )
            )
            outcomes[order.pk] = (paid_at, total, how)
        ShopOrder.objects.bulk_create(shop_orders)
        for shop_order in shop_orders:
            lines.append(
                Line(
                    order=shop_order.order,
                    shop_order=shop_order,
                    partner_sku="B",
                    title="Sản phẩm",
                    quantity=rng.randint(1, 3),
                    line_price_incl_tax=shop_order.items_total,
                    line_price_excl_tax=shop_order.items_total,
                    line_price_before_discounts_incl_tax=shop_order.items_total,
                    line_price_before_discounts_excl_tax=shop_order.items_total,
                    num_allocated=0,
                )
            )
        Line.objects.bulk_create(lines)
        Payment.objects.bulk_create(payments)
        transfers, events = [], []
        for payment in payments:
            paid_at, total, how = outcomes[payment.order_id]
            if paid_at and how < 0.75:
                transfers.append(
                    BankTransfer(
                        provider="sepay",
                        provider_transaction_id=f"b{payment.order_id}",
                        amount=total,
                        memo=payment.reference,
                        payment=payment,
                        outcome=TransferOutcome.PAID,
                        received_at=paid_at,
                        processed_at=paid_at,
                    )
                )
        BankTransfer.objects.bulk_create(transfers)
        transfer_of = {transfer.payment_id: transfer for transfer in transfers}
        for payment in payments:
            paid_at, total, _how = outcomes[payment.order_id]
            events.append(
                PaymentEvent(
                    payment=payment, from_status="", to_status="pending", created_at=payment.created_at
                )
            )
            events.append(
                PaymentEvent(
                    payment=payment,
                    from_status="pending",
                    to_status="paid" if paid_at else "expired",
                    amount=total if paid_at else 0,
                    transfer=transfer_of.get(payment.pk),
                    created_at=paid_at or payment.expires_at,
                )
            )
        PaymentEvent.objects.bulk_create(events)
        print(f"  {first + len(batch):,} orders", end="\r", flush=True)
    print()


def passed_second_step(client, user) -> None:
    """Her session passes the staff's second step, as django_otp.login records it."""
    from django.http import HttpRequest
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    request = HttpRequest()
    request.user, request.session = user, client.session
    otp_login(request, TOTPDevice.objects.create(user=user, name="bench", confirmed=True))
    request.session.save()


def timed(client, url: str, runs: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            times.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return times, queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, default=200)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    print(f"Chợ Sen reports benchmark · {datetime.date.today()} · {platform.node()} · {os.cpu_count()} cores")
    recreate_database(DATABASE_URL)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from marketplace import geo
    from reports.periods import today
    from tests.factories import UserFactory

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    began = time.perf_counter()
    print(f"generating {args.shops} shops, {args.products:,} products, {args.orders:,} orders", end=" ")
    print(f"over {args.months} months")
    generate(shops=args.shops, products=args.products, orders=args.orders, months=args.months)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  generated in {time.perf_counter() - began:.0f} s")

    staff = UserFactory(is_staff=True)
    client = Client()
    client.force_login(staff)
    passed_second_step(client, staff)
    year = today().year - 1
    last_month = (today().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    cases = [
        ("year, all provinces", [f"/reports/?period=year&year={year}"]),
        (
            "year, 12 provinces",
            [
                f"/reports/?period=year&year={year}&province={code}"
                for code, _n in geo.province_choices()[:12]
            ],
        ),
        ("last month, all provinces", [f"/reports/?period=month&month={last_month}"]),
        ("CSV by province and month", [f"/reports/province_months.csv?period=year&year={year}"]),
        ("bare view", ["/bench/bare/"]),
    ]
    client.get(cases[0][1][0])  # connections and templates warm
    print(f"\nrequests in this process, production settings, PostgreSQL; {args.runs} runs of each URL")
    for label, urls in cases:
        times, queries = [], 0
        for url in urls:
            each, queries = timed(client, url, args.runs if len(urls) == 1 else 2)
            times += each
        print(
            f"  {label:28} p50 {statistics.median(times) * 1000:7.1f} ms  slowest {max(times) * 1000:7.1f} ms"
            f"  ({len(times)} requests, {queries} SQL queries each)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
