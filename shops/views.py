from django.http import Http404
from django.views.generic import ListView

from catalogue.views import ListingView
from marketplace import geo

from . import selectors
from .models import Shop


class ShopDirectoryView(ListView):
    template_name = "shops/directory.html"
    context_object_name = "shops"
    paginate_by = 30

    def get_province_code(self) -> int | None:
        try:
            code = int(self.request.GET.get("province", ""))
        except ValueError:
            return None
        return code if geo.province_name(code) else None

    def get_queryset(self):
        return selectors.live_shops(province_code=self.get_province_code())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["provinces"] = geo.province_choices()
        context["selected_province"] = self.get_province_code()
        return context


class ShopDetailView(ListingView):
    """A shop's page: its card and its products, with the listing's sort and filters."""

    template_name = "shops/detail.html"

    def get(self, request, *args, **kwargs):
        try:
            self.shop = selectors.shop_for_page(slug=kwargs["slug"])
        except Shop.DoesNotExist as missing:
            raise Http404 from missing
        return super().get(request, *args, **kwargs)

    def fixed_filters(self) -> dict:
        return {"shop_id": self.shop.pk}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["shop"] = self.shop
        return context
