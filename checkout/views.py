"""One page from basket to payment: delivery details, each shop's part with its shipping fee, place.

Oscar's multi-step checkout (address, method, payment, preview) is four pages on a slow phone; the
buyer here has one payment method and each shop one shipping fee, so a single page does it.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from order.selectors import buyer_order_path

from . import selectors
from .forms import DeliveryForm
from .services import CheckoutRefused, basket_by_shop, place_order


class IndexView(FormView):
    """Replaces Oscar's checkout index (same URL, `checkout:index`)."""

    template_name = "oscar/checkout/checkout.html"
    form_class = DeliveryForm

    def dispatch(self, request, *args, **kwargs):
        if request.basket.is_empty:
            messages.info(request, _("Giỏ hàng đang trống."))
            return redirect("basket:summary")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        self.addresses = selectors.saved_addresses(user=self.request.user)
        chosen = self.request.GET.get("address")
        address = next((a for a in self.addresses if str(a.pk) == chosen), None)
        return selectors.delivery_initial(
            user=self.request.user, address=address or (self.addresses[0] if self.addresses else None)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parts = basket_by_shop(basket=self.request.basket)
        context.update(
            parts=parts,
            items_total=sum(part.items_total for part in parts),
            shipping_total=sum(part.shipping_fee for part in parts),
            grand_total=sum(part.total for part in parts),
            saved_addresses=getattr(self, "addresses", []),
        )
        return context

    def form_valid(self, form):
        try:
            order = place_order(
                basket=self.request.basket,
                buyer=self.request.user,
                delivery=form.delivery(),
                request=self.request,
            )
        except CheckoutRefused as refused:
            messages.error(self.request, str(refused))
            return self.render_to_response(self.get_context_data(form=form), status=409)
        return redirect(buyer_order_path(order))
