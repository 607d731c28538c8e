"""Union staff pay the shops and set their commission (/payments/staff/payouts/, /commissions/).

- The shops to pay: every shop with at least PAYOUT_MINIMUM available, ticked by default; one button
  makes a batch (payments.payouts.payout_batch_create). Shops whose bank account is incomplete are
  listed apart, with what is missing.
- A batch: each payout with what the Union's banking app asks for (bank, account, holder, amount and
  the payout reference as the memo), copy buttons and a VietQR to scan; the payouts still to send as
  a bank bulk-transfer sheet (CSV, .xlsx). The bank feed closes each payout when it sees it leave.
- Commission: every shop's rate in force (or the default), and per shop a form and the history.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from marketplace.banks import bank_name
from marketplace.lifecycle import TransitionRefused
from marketplace.spreadsheets import csv_response, xlsx_response
from shops.models import Shop

from . import selectors
from .forms import CommissionRateForm
from .models import PayoutBatch, PayoutStatus
from .payouts import payout_batch_create
from .settlement import commission_rate_set
from .statements import percent_text
from .vietqr import VietQRError, vietqr_payload, vietqr_svg

BATCHES_PER_PAGE = 20
SHOPS_PER_PAGE = 50
MAX_ID_DIGITS = 18  # a shop id longer than this is not an id (and would overflow the database's integer)


@method_decorator(staff_member_required, name="dispatch")
class StaffPayoutsView(TemplateView):
    """The shops to pay, the button that makes a batch, and the batches made."""

    template_name = "payments/staff/payouts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ready, incomplete = selectors.payable_shops()
        page = Paginator(selectors.payout_batches(), BATCHES_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            ready=ready,
            ready_total=sum(row.amount for row in ready),
            incomplete=incomplete,
            below_minimum=selectors.shops_below_payout_minimum(),
            owing=selectors.shops_owing(),
            payout_minimum=settings.PAYOUT_MINIMUM,
            batches=page.object_list,
            page_obj=page,
            paginator=page.paginator,
        )
        return context


@staff_member_required
@require_POST
def payout_batch_new(request):
    shop_ids = [
        int(value)
        for value in request.POST.getlist("shop")
        if value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS
    ]
    if not shop_ids:
        messages.error(request, _("Hãy chọn ít nhất một gian hàng."))
        return redirect("payments:staff-payouts")
    try:
        batch = payout_batch_create(actor=request.user, shop_ids=shop_ids)
    except (TransitionRefused, PermissionDenied) as refused:
        messages.error(request, " ".join(getattr(refused, "messages", None) or [str(refused)]))
        return redirect("payments:staff-payouts")
    count = batch.payouts.count()
    messages.success(
        request,
        _("Đã tạo đợt chi trả #%(batch)s với %(count)s khoản. Hãy chuyển từng khoản dưới đây.")
        % {"batch": batch.pk, "count": count},
    )
    return redirect("payments:staff-batch", pk=batch.pk)


def _qr_svg(payout) -> str:
    """The VietQR of a payout still to send: the shop's account, the amount, the reference as memo."""
    try:
        payload = vietqr_payload(
            bank_bin=payout.bank_bin,
            account_number=payout.account_number,
            amount=payout.amount,
            memo=payout.reference,
        )
    except VietQRError:
        return ""
    return mark_safe(vietqr_svg(payload))  # noqa: S308 (segno's drawing of our own payload)


@method_decorator(staff_member_required, name="dispatch")
class StaffPayoutBatchView(TemplateView):
    template_name = "payments/staff/payout_batch.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = get_object_or_404(PayoutBatch.objects.select_related("created_by"), pk=kwargs["pk"])
        payouts = selectors.batch_payouts(batch=batch)
        for payout in payouts:
            payout.bank = bank_name(payout.bank_bin)
            payout.qr = _qr_svg(payout) if payout.status == PayoutStatus.IN_TRANSIT else ""
            events = list(payout.events.all())
            payout.last_event = events[-1] if events else None
        context.update(
            batch=batch,
            payouts=payouts,
            total=sum(payout.amount for payout in payouts),
            to_send=[payout for payout in payouts if payout.status == PayoutStatus.IN_TRANSIT],
            account=selectors.collection_account(),
        )
        return context


@staff_member_required
@require_GET
def payout_batch_sheet(request, pk: int, fmt: str):
    """The payouts of the batch still to send, as a bulk-transfer sheet for the Union's bank: one row
    per payout, with the payout reference as the memo (sent or returned payouts are left out, so a
    sheet downloaded again never pays a shop twice)."""
    batch = get_object_or_404(PayoutBatch, pk=pk)
    header = [
        _("STT"),
        _("Ngân hàng"),
        _("Mã ngân hàng (BIN)"),
        _("Số tài khoản"),
        _("Chủ tài khoản"),
        _("Số tiền"),
        _("Nội dung"),
    ]
    to_send = [
        payout for payout in selectors.batch_payouts(batch=batch) if payout.status == PayoutStatus.IN_TRANSIT
    ]
    rows = [
        [
            number,
            bank_name(payout.bank_bin),
            payout.bank_bin,
            payout.account_number,
            payout.account_holder,
            payout.amount,
            payout.reference,
        ]
        for number, payout in enumerate(to_send, start=1)
    ]
    filename = f"chi-tra-dot-{batch.pk}.{fmt}"
    if fmt == "xlsx":
        return xlsx_response(
            filename=filename, header=header, rows=rows, title=_("Đợt %(batch)s") % {"batch": batch.pk}
        )
    return csv_response(filename=filename, header=header, rows=rows)


@method_decorator(staff_member_required, name="dispatch")
class StaffCommissionsView(TemplateView):
    """Every shop whose pages are up, with the rate in force; each links to its own page."""

    template_name = "payments/staff/commissions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = self.request.GET.get("q", "")[:120]
        page = Paginator(selectors.shops_with_commission(search=search), SHOPS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        context.update(
            shops=page.object_list,
            page_obj=page,
            paginator=page.paginator,
            q=search.strip(),
            default_rate=percent_text(settings.COMMISSION_RATE_BP),
        )
        return context


@method_decorator(staff_member_required, name="dispatch")
class StaffCommissionView(View):
    """One shop's rate: the form to set it from now on, with a note, and every rate set before."""

    template_name = "payments/staff/commission.html"

    def render_page(self, request, shop: Shop, form: CommissionRateForm, *, status: int = 200):
        history = list(selectors.commission_history(shop=shop))
        return render(
            request,
            self.template_name,
            {
                "shop": shop,
                "form": form,
                "history": history,
                "current": history[0] if history else None,
                "default_rate_bp": settings.COMMISSION_RATE_BP,
            },
            status=status,
        )

    def get(self, request, pk: int):
        return self.render_page(request, get_object_or_404(Shop, pk=pk), CommissionRateForm())

    def post(self, request, pk: int):
        shop = get_object_or_404(Shop, pk=pk)
        form = CommissionRateForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, shop, form, status=400)
        try:
            rate = commission_rate_set(
                shop=shop,
                rate_bp=form.cleaned_data["rate_bp"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_page(request, shop, form, status=400)
        messages.success(
            request,
            _("Phí hoa hồng của %(shop)s là %(rate)s từ bây giờ. Đơn đã thanh toán giữ mức cũ.")
            % {"shop": shop.name, "rate": percent_text(rate.rate_bp)},
        )
        return redirect("payments:staff-commission", pk=shop.pk)
