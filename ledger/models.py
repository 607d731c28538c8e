"""Double-entry books: accounts, and immutable transactions whose entries sum to zero.

Amounts are whole đồng, signed the bookkeeping way: a debit is positive, a credit negative, so every
transaction's entries add up to 0 and an account's balance is the sum of its entries. For accounts
that hold money for others (shops, buyers) the amount owed is minus that sum (`Account.owed`).

django-hordak was evaluated first: its migrations install triggers for PostgreSQL and MySQL only
and stop on SQLite ("Database vendor sqlite not supported"), and it keeps money as decimals with a
currency (django-money). Chợ Sen runs on SQLite too and counts whole đồng, so this is our own small
ledger with the same invariants (see docs/payments.md, "The books").
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    ASSET = "asset", _("Tài sản")
    LIABILITY = "liability", _("Nợ phải trả")
    INCOME = "income", _("Doanh thu")
    EXPENSE = "expense", _("Chi phí")


class Account(models.Model):
    """One account: the bank, money held for buyers, commission, or one of a shop's two balances.

    A shop's accounts keep a running balance (statements show it line by line, under the account's
    row lock); the marketplace's own accounts are summed when read, so that no payment ever waits on
    another's lock.
    """

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=AccountKind.choices)
    shop = models.ForeignKey(
        "shops.Shop", null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_accounts"
    )
    balance = models.BigIntegerField(default=0, help_text=_("Shop accounts only: the sum of the entries."))

    class Meta:
        verbose_name = _("Tài khoản sổ cái")
        verbose_name_plural = _("Tài khoản sổ cái")

    def __str__(self) -> str:
        return self.name

    @property
    def keeps_running_balance(self) -> bool:
        return self.shop_id is not None


class Transaction(models.Model):
    """One business event, posted once: `key` names the event (a retry posts nothing new)."""

    key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=30)
    order = models.ForeignKey(
        "order.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_transactions"
    )
    shop_order = models.ForeignKey(
        "order.ShopOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_transactions",
    )
    note = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Bút toán")
        verbose_name_plural = _("Bút toán")

    def __str__(self) -> str:
        return self.key


class Entry(models.Model):
    """One line of a transaction on one account; `kind` says what it is in the shop's statement."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    amount = models.BigIntegerField()
    kind = models.CharField(max_length=20)
    balance_after = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["account", "created_at", "id"], name="ledger_entry_statement")]
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_entry_not_zero")]

    def __str__(self) -> str:
        return f"{self.account.code} {self.amount:+}"
