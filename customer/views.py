"""Oscar's account pages, where one needs mending: an order line is only a target for "buy again"
(Oscar has no page for it), and one that is not hers answers 404."""

from django.shortcuts import get_object_or_404, redirect
from oscar.apps.customer.views import OrderLineView as OscarOrderLineView
from oscar.core.loading import get_model

Order = get_model("order", "Order")


class OrderLineView(OscarOrderLineView):
    def get_object(self, queryset=None):
        order = get_object_or_404(Order, user=self.request.user, number=self.kwargs["order_number"])
        return get_object_or_404(order.lines, id=self.kwargs["line_id"])

    def get(self, request, *args, **kwargs):
        self.get_object()
        return redirect("customer:order", order_number=self.kwargs["order_number"])
