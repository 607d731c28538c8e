"""Paying shops: a batch moves each chosen shop's available money into payouts in transit, and the
bank feed closes each payout when the Union's transfer leaves the collection account (or comes back).

A payout's amount is taken from the shop's available balance under that balance's row lock and
leaves it in the same transaction, so a shop is never paid the same money twice, whatever runs at
the same moment (a sale, a cancellation, another batch).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.templatetags.currency_filters import currency

from ledger.services import locked_shop_accounts
from marketplace.lifecycle import Lifecycle, TransitionRefused
from shops.models import Shop

from . import books
from .models import BankTransfer, Payout, PayoutBatch, PayoutEvent, PayoutStatus, TransferOutcome
from .references import PAYOUT_PREFIX, new_reference

PAYOUT = Lifecycle(
    model=Payout,
    event_model=PayoutEvent,
    refusal=gettext_lazy("Không thể %(action)s: khoản chi trả đang ở trạng thái “%(status)s”."),
    notify_task="payments.tasks.notify_payout_event",
)


def can_be_paid(shop: Shop) -> bool:
    """A shop whose bank account is complete: the payout has somewhere to go."""
    return bool(shop.bank_bin and shop.account_number and shop.account_holder)


def _new_payout(*, shop: Shop, batch: PayoutBatch, amount: int) -> Payout:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Payout.objects.create(
                    shop=shop,
                    batch=batch,
                    amount=amount,
                    reference=new_reference(PAYOUT_PREFIX),
                    bank_bin=shop.bank_bin,
                    account_number=shop.account_number,
                    account_holder=shop.account_holder,
                )
        except IntegrityError:  # a reference already taken: draw again
            continue
    raise RuntimeError("could not draw an unused payout reference")


@transaction.atomic
def payout_batch_create(*, actor, shop_ids: list[int]) -> PayoutBatch:
    """Each chosen shop's whole available balance becomes a payout in transit. A shop below the
    minimum, without a complete bank account or with nothing available is left out."""
    if not actor.is_staff:
        raise PermissionDenied(_("Chỉ cán bộ Trung ương Hội mới chi trả được."))
    batch = PayoutBatch.objects.create(created_by=actor)
    for shop in Shop.objects.filter(pk__in=shop_ids).order_by("pk"):
        balances = locked_shop_accounts(shop)
        amount = -balances.available.balance
        if amount < max(settings.PAYOUT_MINIMUM, 1) or not can_be_paid(shop):
            continue
        payout = _new_payout(shop=shop, batch=batch, amount=amount)
        PAYOUT.log(payout, from_status="", to_status=PayoutStatus.IN_TRANSIT, actor=actor, notify=False)
        books.payout_made(payout, balances=balances, actor=actor)
    if not batch.payouts.exists():
        raise TransitionRefused(_("Không có gian hàng nào đủ điều kiện chi trả."))
    return batch


def payout_seen_leaving(payout_id: int, *, transfer: BankTransfer) -> str:
    """The feed saw a transfer carrying the payout's reference leave the collection account (called
    by payments.matching, with the transfer locked). Returns the transfer's outcome."""
    payout = PAYOUT.lock(payout_id)
    if payout.status != PayoutStatus.IN_TRANSIT:  # paid twice, or after a mismatch: staff must look
        books.unexplained_out(transfer)
        return TransferOutcome.OUTGOING
    if transfer.amount != payout.amount:
        PAYOUT.move(
            payout,
            to=PayoutStatus.MISMATCH,
            transfer=transfer,
            note=_("Sao kê ghi %(sent)s, khác số phải chuyển %(due)s.")
            % {"sent": currency(transfer.amount), "due": currency(payout.amount)},
            notify=False,
        )
        books.unexplained_out(transfer)
        return TransferOutcome.PAYOUT_MISMATCH
    payout.sent_at = transfer.occurred_at or timezone.now()
    PAYOUT.move(payout, to=PayoutStatus.SENT, transfer=transfer)
    books.payout_seen(payout, transfer=transfer)
    return TransferOutcome.PAYOUT_SENT


def payout_seen_returning(payout_id: int, *, transfer: BankTransfer) -> bool:
    """Her bank sent a payout back (a transfer in carrying its reference): the money is available to
    her again and staff are told. False when the transfer does not fit the payout."""
    payout = PAYOUT.lock(payout_id)
    if payout.status != PayoutStatus.SENT or transfer.amount != payout.amount:
        return False
    PAYOUT.move(
        payout,
        to=PayoutStatus.RETURNED,
        transfer=transfer,
        note=_("Ngân hàng trả lại; tiền đã về số dư có thể rút của gian hàng."),
    )
    books.payout_returned(payout, transfer=transfer)
    return True
