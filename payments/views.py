"""The buyer's payment page (reached by the signed link made at checkout) and the bank-feed webhooks."""

from contextlib import suppress
from urllib.parse import urlsplit

from csp.constants import SELF
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from marketplace.lifecycle import TransitionRefused

from . import cards, matching, selectors, transitions, webhooks
from .forms import CancelPaymentForm, CardRefundForm, ConfirmByHandForm, RecordRefundForm, TransferAssignForm
from .models import BankTransfer, Payment, PaymentStatus
from .providers.base import ProcessorUnavailable
from .vietqr import vietqr_png


@method_decorator(never_cache, name="dispatch")
class OrderPaymentView(TemplateView):
    """QR, account, amount and memo to copy, countdown, and the status updating by itself; the way
    to pay by card when cards are on. Back from the card form (`?card=1`), the card payment's
    standing is asked of the processor, so the page says "đang xác nhận" until the webhook pays."""

    template_name = "payments/order.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = selectors.order_for_token(token=kwargs["token"])
        payment = order.payment
        card = payment.card_payments.order_by("-created_at", "-pk").first()
        if self.request.GET.get("card") and card is not None and not card.credited and cards.processor():
            with suppress(ProcessorUnavailable):
                cards.card_payment_refresh(card_id=card.pk)
        context.update(
            order=order,
            payment=payment,
            state=selectors.payment_state(payment=payment),
            account=selectors.collection_account(),
            token=kwargs["token"],
            cards_on=cards.processor() is not None,
        )
        return context


def _stripe_sources() -> dict[str, list[str]]:
    """What the card page loads from the processor: Stripe.js, its frames, and its API."""
    script = _origin(settings.STRIPE_JS_URL)
    api = _origin(settings.STRIPE_API_BASE) if settings.STRIPE_API_BASE else "https://api.stripe.com"
    return {
        "script-src": [script],
        "frame-src": [script, "https://hooks.stripe.com"],
        "connect-src": [SELF, api],
    }


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@never_cache
@require_GET
def card_payment(request, token: str):
    """The card form: Stripe's own fields (Stripe.js), so the card never passes through our servers."""
    order = selectors.order_for_token(token=token)
    if cards.processor() is None:
        raise Http404
    try:
        card = cards.card_payment_start(payment_id=order.payment.pk)
    except TransitionRefused as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("payments:order", token=token)
    except ProcessorUnavailable:
        messages.error(
            request,
            _("Chưa kết nối được với cổng thanh toán thẻ. Hãy thử lại sau, hoặc chuyển khoản VietQR."),
        )
        return redirect("payments:order", token=token)
    response = render(
        request,
        "payments/card.html",
        {
            "order": order,
            "payment": order.payment,
            "card": card,
            "token": token,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_js": settings.STRIPE_JS_URL,
        },
    )
    response._csp_update = _stripe_sources()
    return response


@never_cache
@require_GET
def payment_status(request, token: str):
    order = selectors.order_for_token(token=token)
    return JsonResponse(selectors.payment_state(payment=order.payment))


@never_cache
@require_GET
def payment_qr_png(request, token: str):
    """The QR as a picture the buyer saves and opens from her banking app's gallery."""
    payment = selectors.order_for_token(token=token).payment
    if not payment.is_open:
        return HttpResponse(status=410)
    response = HttpResponse(
        vietqr_png(selectors.payment_qr_payload(payment=payment)), content_type="image/png"
    )
    filename = f"ChoSen-{payment.reference}-{payment.amount_remaining}d.png"
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def payment_cancel(request, token: str):
    """The buyer's "Huỷ đơn" on her order page, before she has paid anything."""
    order = selectors.order_for_token(token=token)
    try:
        transitions.payment_cancel_by_buyer(
            payment_id=order.payment.pk, actor=request.user if request.user.is_authenticated else None
        )
    except TransitionRefused as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Đã huỷ đơn hàng. Hàng đã được trả lại cho gian hàng."))
    return redirect("payments:order", token=token)


@csrf_exempt
@require_POST
def card_webhook(request, provider: str):
    """A card processor's event: stored, verified on its raw body, processed once by a worker."""
    status, body = webhooks.card_webhook_receive(
        provider=provider, headers=dict(request.headers), raw_body=request.body
    )
    return JsonResponse(body, status=status)


@csrf_exempt
@require_POST
def bank_feed_webhook(request, provider: str):
    """A bank feed's call (payments/webhook_urls.py routes one URL per enabled feed): answered at
    once, the transfer matched later by a worker."""
    status, body = webhooks.webhook_receive(
        provider=provider, headers=dict(request.headers), raw_body=request.body
    )
    return JsonResponse(body, status=status)


@method_decorator(staff_member_required, name="dispatch")
class StaffPaymentsView(TemplateView):
    """Union staff's worklist: transfers no order claimed, money to refund, orders paid in part."""

    template_name = "payments/staff/worklist.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            transfers=selectors.transfers_needing_staff()[:100],
            payments=selectors.payments_needing_staff()[:100],
            assign_form=TransferAssignForm(),
        )
        return context


@staff_member_required
@require_POST
def transfer_assign(request, pk: int):
    get_object_or_404(BankTransfer, pk=pk)
    form = TransferAssignForm(request.POST)
    if form.is_valid():
        try:
            transfer = matching.transfer_assign(
                transfer_id=pk,
                order_number=form.cleaned_data["order_number"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except TransitionRefused as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(
                request,
                _("Đã khớp giao dịch với đơn %(number)s: %(outcome)s.")
                % {"number": transfer.payment.order.number, "outcome": transfer.get_outcome_display()},
            )
    else:
        messages.error(request, _("Hãy nhập số đơn hàng."))
    return redirect("payments:staff")


@method_decorator(staff_member_required, name="dispatch")
class StaffPaymentView(View):
    """One payment: its events and transfers; staff may confirm it by hand, cancel an order not fully
    paid, and record the refunds they send, each with a note."""

    template_name = "payments/staff/payment.html"
    # action: (its form, whose cleaned data the transition takes as keyword arguments; the transition;
    # the message once it is done)
    ACTIONS = {
        "confirm": (
            ConfirmByHandForm,
            transitions.payment_confirm_by_hand,
            gettext_lazy("Đã xác nhận thanh toán."),
        ),
        "cancel": (
            CancelPaymentForm,
            transitions.payment_cancel,
            gettext_lazy("Đã huỷ đơn; hàng đã trả lại các gian hàng."),
        ),
        "refund": (
            RecordRefundForm,
            transitions.payment_record_refund,
            gettext_lazy("Đã ghi nhận khoản hoàn tiền."),
        ),
        "card_refund": (
            CardRefundForm,
            cards.payment_refund_to_card,
            gettext_lazy("Đã hoàn tiền về thẻ của người mua qua Stripe."),
        ),
    }

    def get(self, request, pk: int, bound: tuple[str, forms.Form] | None = None):
        payment = get_object_or_404(Payment.objects.select_related("order"), pk=pk)
        forms_by_action = {action: form_class() for action, (form_class, *__) in self.ACTIONS.items()}
        if bound:
            forms_by_action[bound[0]] = bound[1]
        return render(
            request,
            self.template_name,
            {
                "payment": payment,
                "events": payment.events.select_related("actor", "transfer"),
                "transfers": payment.transfers.all(),
                "card_payments": payment.card_payments.prefetch_related("refunds"),
                "forms": forms_by_action,
                "can_confirm": payment.status not in (PaymentStatus.PAID, PaymentStatus.CANCELLED),
                "can_cancel": payment.is_open,
                "can_refund": payment.refund_due > 0,
                "can_refund_to_card": payment.refund_due > 0
                and payment.card_payments.filter(credited=True, amount_refunded__lt=F("amount")).exists(),
            },
            status=400 if bound else 200,
        )

    def post(self, request, pk: int):
        get_object_or_404(Payment, pk=pk)
        action = request.POST.get("action", "confirm")
        if action not in self.ACTIONS:
            return HttpResponseBadRequest()
        form_class, transition, done = self.ACTIONS[action]
        form = form_class(request.POST)
        if not form.is_valid():
            return self.get(request, pk, bound=(action, form))
        try:
            transition(payment_id=pk, actor=request.user, **form.cleaned_data)
        except TransitionRefused as refused:
            form.add_error(None, refused)
            return self.get(request, pk, bound=(action, form))
        messages.success(request, done)
        return redirect("payments:staff-payment", pk=pk)
