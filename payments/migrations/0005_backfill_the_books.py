"""Money that moved before the books existed is written into them, so that they start balanced.

Each record of the past gets the transaction it would have posted, under the same key the posting
service uses now, so running this twice (or the service meeting the same event later) posts nothing
new:
- every transfer into the collection account: bank → received (its order) or unallocated;
- money staff confirmed by hand: confirmed by hand → received, remembered on the payment as
  waiting for the feed, so the same transfer showing up later is not counted twice;
- each paid payment: its shop orders still standing go to their shops' balances (pending, or
  available when delivered past the hold), at no commission: none was agreed when they were paid;
- money owed back, and money staff recorded as refunded (refunds sent, awaiting the feed);
- money the feeds saw leave, which nothing explained then: bank → suspense, for staff.
Written with this migration's own models, not the services, which may change later.
"""

import datetime

from django.conf import settings
from django.db import migrations
from django.db.models import Sum
from django.utils import timezone

NAMES = {
    "bank": ("Tài khoản thu (ngân hàng)", "asset"),
    "unallocated": ("Tiền nhận chưa rõ đơn", "liability"),
    "received": ("Tiền người mua đã trả, chưa chia", "liability"),
    "confirmed_by_hand": ("Xác nhận tay, chờ sao kê", "asset"),
    "refunds_owed": ("Cần hoàn cho người mua", "liability"),
    "refunds_sent": ("Đã hoàn tay, chờ sao kê", "liability"),
    "suspense": ("Tiền ra chưa rõ lý do", "asset"),
}


def backfill(apps, schema_editor):
    Account = apps.get_model("ledger", "Account")
    Transaction = apps.get_model("ledger", "Transaction")
    Entry = apps.get_model("ledger", "Entry")
    BankTransfer = apps.get_model("payments", "BankTransfer")
    Payment = apps.get_model("payments", "Payment")
    ShopOrder = apps.get_model("order", "ShopOrder")
    now = timezone.now()
    collection = settings.VIETQR_ACCOUNT_NUMBER

    def system(code):
        name, kind = NAMES[code]
        return Account.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})[0]

    def shop_account(shop, part):
        return Account.objects.get_or_create(
            code=f"shop:{shop.pk}:{part}",
            defaults={"name": f"{shop.name} – {part}", "kind": "liability", "shop": shop},
        )[0]

    def post(key, kind, lines, *, order=None, shop_order=None):
        lines = [(account, amount, line_kind) for account, amount, line_kind in lines if amount]
        assert sum(amount for _account, amount, _kind in lines) == 0, key
        if not lines or Transaction.objects.filter(key=key).exists():
            return
        transaction = Transaction.objects.create(
            key=key, kind=kind, order=order, shop_order=shop_order, note="Ghi bù khi mở sổ", created_at=now
        )
        for account, amount, line_kind in lines:
            after = None
            if account.shop_id is not None:
                account.balance += amount
                account.save(update_fields=["balance"])
                after = account.balance
            Entry.objects.create(
                transaction=transaction,
                account=account,
                amount=amount,
                kind=line_kind,
                balance_after=after,
                created_at=now,
            )

    for transfer in BankTransfer.objects.filter(incoming=True).exclude(outcome__in=["new", "other_account"]):
        if transfer.account_number not in ("", collection):
            continue
        payment = Payment.objects.filter(pk=transfer.payment_id).first()
        post(
            f"transfer:{transfer.pk}:in",
            "transfer_in",
            [
                (system("bank"), transfer.amount, "transfer_in"),
                (system("received" if payment else "unallocated"), -transfer.amount, "transfer_in"),
            ],
            order=payment.order if payment else None,
        )

    for transfer in BankTransfer.objects.filter(incoming=False, outcome="outgoing"):
        if transfer.account_number in ("", collection):
            post(
                f"transfer:{transfer.pk}:out",
                "unexplained_out",
                [(system("suspense"), transfer.amount, "transfer_out"), (system("bank"), -transfer.amount, "transfer_out")],
            )

    hold = datetime.timedelta(days=settings.FUNDS_HOLD_DAYS_AFTER_DELIVERY)
    for payment in Payment.objects.select_related("order"):
        through_feeds = payment.transfers.filter(incoming=True).aggregate(total=Sum("amount"))["total"] or 0
        by_hand = payment.amount_received - through_feeds
        if by_hand > 0:
            post(
                f"payment:{payment.pk}:confirmed-before-the-books",
                "confirmed_by_hand",
                [(system("confirmed_by_hand"), by_hand, "confirmed"), (system("received"), -by_hand, "confirmed")],
                order=payment.order,
            )
            Payment.objects.filter(pk=payment.pk).update(awaiting_feed=by_hand)
        if payment.status == "paid":
            for shop_order in ShopOrder.objects.filter(order_id=payment.order_id).exclude(status="cancelled"):
                delivered = shop_order.status == "delivered" and shop_order.delivered_at and shop_order.delivered_at <= now - hold
                pending = shop_account(shop_order.shop, "pending")
                lines = [
                    (system("received"), shop_order.items_total + shop_order.shipping_fee, "allocated"),
                    (pending, -shop_order.items_total, "sale"),
                    (pending, -shop_order.shipping_fee, "shipping"),
                ]
                post(f"shop-order:{shop_order.pk}:paid-before-the-books", "paid", lines, order=payment.order, shop_order=shop_order)
                ShopOrder.objects.filter(pk=shop_order.pk).update(commission=0, commission_rate_bp=0)
                if delivered:
                    share = shop_order.items_total + shop_order.shipping_fee
                    post(
                        f"shop-order:{shop_order.pk}:released",
                        "release",
                        [(pending, share, "release"), (shop_account(shop_order.shop, "available"), -share, "release")],
                        shop_order=shop_order,
                    )
                    ShopOrder.objects.filter(pk=shop_order.pk).update(released_at=now)
        owed_back = payment.refund_due + payment.amount_refunded
        post(
            f"payment:{payment.pk}:owed-before-the-books",
            "refund_owed",
            [(system("received"), owed_back, "refund_owed"), (system("refunds_owed"), -owed_back, "refund_owed")],
            order=payment.order,
        )
        post(
            f"payment:{payment.pk}:refunded-before-the-books",
            "refund_recorded",
            [
                (system("refunds_owed"), payment.amount_refunded, "refund"),
                (system("refunds_sent"), -payment.amount_refunded, "refund"),
            ],
            order=payment.order,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0004_payouts_commission_and_feed_details"),
        ("ledger", "0002_database_guards"),
        ("order", "0024_shop_order_commission_and_release"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
