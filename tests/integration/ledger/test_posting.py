"""The posting service and the database keep the books double-entry, append-only and posted once."""

import pytest
from django.db import DatabaseError, connection, transaction

from ledger.models import Entry, Transaction
from ledger.services import Line, SystemAccount, Unbalanced, post, shop_accounts, system_accounts
from tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    return system_accounts(SystemAccount.BANK, SystemAccount.RECEIVED)


def test_entries_must_sum_to_zero_and_nothing_is_written_otherwise(accounts):
    with pytest.raises(Unbalanced):
        post(
            key="e1",
            kind="test",
            lines=[
                Line(accounts[SystemAccount.BANK], 100, "x"),
                Line(accounts[SystemAccount.RECEIVED], -99, "x"),
            ],
        )
    assert not Transaction.objects.exists()


def test_an_event_posted_twice_is_in_the_books_once(accounts):
    lines = [Line(accounts[SystemAccount.BANK], 100, "x"), Line(accounts[SystemAccount.RECEIVED], -100, "x")]
    first = post(key="transfer:1:in", kind="transfer_in", lines=lines)
    again = post(key="transfer:1:in", kind="transfer_in", lines=lines)

    assert first == again and Entry.objects.count() == 2


def test_zero_lines_are_dropped_and_an_all_zero_event_posts_nothing(accounts):
    assert post(key="z", kind="test", lines=[Line(accounts[SystemAccount.BANK], 0, "x")]) is None
    posted = post(
        key="z2",
        kind="test",
        lines=[
            Line(accounts[SystemAccount.BANK], 5, "x"),
            Line(accounts[SystemAccount.RECEIVED], 0, "x"),
            Line(accounts[SystemAccount.RECEIVED], -5, "x"),
        ],
    )
    assert posted.entries.count() == 2


def test_a_shops_accounts_keep_a_running_balance_line_by_line(accounts):
    shop = ShopFactory()
    pending = shop_accounts(shop).pending
    for number, amount in enumerate((100, 250, -50), start=1):
        post(
            key=f"s{number}",
            kind="sale",
            lines=[Line(accounts[SystemAccount.RECEIVED], amount, "x"), Line(pending, -amount, "sale")],
        )

    pending.refresh_from_db()
    assert pending.balance == -300
    assert list(
        Entry.objects.filter(account=pending).order_by("pk").values_list("balance_after", flat=True)
    ) == [-100, -350, -300]


def test_the_database_refuses_to_change_a_posted_entry_or_transaction(accounts):
    posted = post(
        key="t",
        kind="test",
        lines=[Line(accounts[SystemAccount.BANK], 7, "x"), Line(accounts[SystemAccount.RECEIVED], -7, "x")],
    )
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Entry.objects.filter(transaction=posted).update(amount=8)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Transaction.objects.filter(pk=posted.pk).update(note="rewritten")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="deferred triggers are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_an_unbalanced_transaction_is_refused_at_commit(accounts):
    with pytest.raises(DatabaseError, match="does not balance"), transaction.atomic():
        posted = Transaction.objects.create(key="raw", kind="test", created_at="2026-12-01T00:00:00Z")
        Entry.objects.create(
            transaction=posted,
            account=accounts[SystemAccount.BANK],
            amount=5,
            kind="x",
            created_at=posted.created_at,
        )
    assert not Transaction.objects.filter(key="raw").exists()
