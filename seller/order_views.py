"""The vendor's orders (/seller/orders/) and shipping fee (/seller/shipping/).

Every shop order is looked up inside the signed-in vendor's own shop, so another shop's order
answers 404 whatever its number, and an order shared with other shops shows only her lines.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from marketplace.accounts.phones import display_vn_phone
from marketplace.lifecycle import TransitionRefused
from order import transitions
from order.models import ShopOrderStatus
from order.selectors import shop_order_counts, shop_order_for_vendor, shop_orders_of
from payments.transitions import payment_cancel_shop_order
from shops.services import shop_shipping_set

from .forms import CancelShopOrderForm, ShipForm, ShopShippingForm
from .mixins import ShopMemberMixin

# The tabs of /seller/orders/, in the order work flows; "paid" is what she must act on.
STATUS_TABS = (
    (ShopOrderStatus.AWAITING_PAYMENT, gettext_lazy("Chờ thanh toán")),
    (ShopOrderStatus.PAID, gettext_lazy("Cần xử lý")),
    (ShopOrderStatus.PROCESSING, gettext_lazy("Đang chuẩn bị")),
    (ShopOrderStatus.SHIPPED, gettext_lazy("Đang giao")),
    (ShopOrderStatus.DELIVERED, gettext_lazy("Đã giao")),
    (ShopOrderStatus.CANCELLED, gettext_lazy("Đã huỷ")),
)


def _thousands(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}".replace(",", ".")


def _shipment_of(shop_order) -> dict:
    return {"carrier": shop_order.carrier, "tracking_number": shop_order.tracking_number}


class ShopOrderListView(ShopMemberMixin, ListView):
    """Her shop orders, newest first, one tab per status with its count."""

    template_name = "seller/orders/list.html"
    context_object_name = "shop_orders"
    paginate_by = 20

    def get_status(self) -> str:
        status = self.request.GET.get("status", "")
        return status if status in ShopOrderStatus.values else ""

    def get_queryset(self):
        return shop_orders_of(shop=self.shop, status=self.get_status(), search=self.request.GET.get("q", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = shop_order_counts(shop=self.shop)
        context["status"] = self.get_status()
        context["q"] = self.request.GET.get("q", "").strip()
        context["total"] = sum(counts.values())
        context["tabs"] = [(value, label, counts[value]) for value, label in STATUS_TABS]
        return context


class ShopOrderView(ShopMemberMixin, TemplateView):
    """One shop order: what to send where, the log, and the next move. A refusal keeps what she typed."""

    template_name = "seller/orders/detail.html"

    def get_shop_order(self, pk: int):
        shop_order = shop_order_for_vendor(shop=self.shop, pk=pk)
        if shop_order is None:
            raise Http404
        return shop_order

    def render_page(self, shop_order, *, ship_form=None, cancel_form=None, status: int = 200):
        address = shop_order.order.shipping_address
        phone = str(address.phone_number) if address and address.phone_number else ""
        context = self.get_context_data(
            shop_order=shop_order,
            address=address,
            phone=phone,
            display_phone=display_vn_phone(phone) if phone else "",
            can_process=shop_order.status in transitions.PROCESS_FROM,
            can_ship=shop_order.status in transitions.SHIP_FROM,
            can_deliver=shop_order.status in transitions.DELIVER_FROM,
            can_cancel=shop_order.status in transitions.CANCEL_FROM,
            can_correct=shop_order.status in transitions.CORRECT_FROM,
            ship_form=ship_form or ShipForm(initial=_shipment_of(shop_order)),
            cancel_form=cancel_form or CancelShopOrderForm(),
        )
        return self.render_to_response(context, status=status)

    def get(self, request, pk: int):
        return self.render_page(self.get_shop_order(pk))

    def post(self, request, pk: int):
        shop_order = self.get_shop_order(pk)
        action = request.POST.get("action")
        ship_form = ShipForm(request.POST) if action in ("ship", "correct") else None
        cancel_form = CancelShopOrderForm(request.POST) if action == "cancel" else None
        form = ship_form or cancel_form
        if form is not None and not form.is_valid():
            return self.render_page(shop_order, ship_form=ship_form, cancel_form=cancel_form, status=400)
        try:
            if action == "process":
                transitions.shop_order_start_processing(shop_order_id=shop_order.pk, actor=request.user)
                done = _("Đã nhận đơn. Chuẩn bị hàng xong, chị báo gửi hàng ở đây.")
            elif action == "ship":
                transitions.shop_order_ship(
                    shop_order_id=shop_order.pk, actor=request.user, **ship_form.cleaned_data
                )
                done = _("Đã báo gửi hàng. Người mua theo dõi được đơn trên trang đơn hàng của mình.")
            elif action == "correct":
                corrected = transitions.shop_order_correct_shipment(
                    shop_order_id=shop_order.pk, actor=request.user, **ship_form.cleaned_data
                )
                done = (
                    _("Đã sửa; người mua nhận được mã vận đơn mới.")
                    if corrected
                    else _("Không có gì thay đổi.")
                )
            elif action == "deliver":
                transitions.shop_order_deliver(shop_order_id=shop_order.pk, actor=request.user)
                done = _("Đơn đã giao xong. Cảm ơn chị!")
            elif action == "cancel":
                payment_cancel_shop_order(
                    shop_order_id=shop_order.pk,
                    actor=request.user,
                    reason=cancel_form.cleaned_data["reason"],
                    details=cancel_form.cleaned_data["details"],
                )
                done = _("Đã huỷ đơn. Người mua được báo và sẽ được Hội hoàn tiền.")
            else:
                return HttpResponseBadRequest()
        except TransitionRefused as refused:
            if form is not None and hasattr(refused, "error_dict"):  # a field she can correct
                form.add_error(None, refused)
            else:  # the order moved under her (another member, or a payment change): show where it is now
                messages.error(request, " ".join(refused.messages))
                shop_order = self.get_shop_order(pk)
            return self.render_page(shop_order, ship_form=ship_form, cancel_form=cancel_form, status=400)
        messages.success(request, done)
        return redirect("seller:order", pk=shop_order.pk)


class ShopShippingView(ShopMemberMixin, FormView):
    """Her flat shipping fee and free-shipping threshold; new orders use them, placed ones keep theirs."""

    template_name = "seller/shipping.html"
    form_class = ShopShippingForm

    def get_initial(self):
        """Amounts shown the way she types them: 30.000, not 30000."""
        return {
            "shipping_fee": _thousands(self.shop.shipping_fee),
            "free_shipping_from": _thousands(self.shop.free_shipping_from),
        }

    def form_valid(self, form):
        try:
            shop_shipping_set(
                shop=self.shop,
                actor=self.request.user,
                shipping_fee=form.cleaned_data["shipping_fee"],
                free_shipping_from=form.cleaned_data["free_shipping_from"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu phí giao hàng. Đơn mới sẽ tính theo mức này."))
        return redirect("seller:shipping")
