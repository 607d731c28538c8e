"""Storefront listings straight from the database.

Oscar routes its listings through Haystack; with the "simple" backend they list nothing, so the
catalogue and category pages here are plain paginated querysets of live shops' products.
"""

from urllib.parse import unquote

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from catalogue import selectors

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


class CatalogueView(ListView):
    template_name = "oscar/catalogue/browse.html"
    context_object_name = "products"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE

    def get_queryset(self):
        return selectors.browsable_products()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("Tất cả sản phẩm")
        context["categories"] = selectors.top_level_categories()
        return context


class ProductCategoryView(CatalogueView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.browsable_products(category=self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        context["categories"] = self.category.get_children().filter(is_public=True)
        return context


class ProductDetailView(OscarProductDetailView):
    """Oscar's product page, for products of shops whose pages are up.

    Nothing is written on a page view: Oscar's view counter (product_viewed) is not sent.
    """

    def get_object(self, queryset=None):
        if not hasattr(self, "object"):
            try:
                self.object = selectors.product_for_detail_page(pk=self.kwargs["pk"])
            except Product.DoesNotExist as missing:
                raise Http404 from missing
        return self.object

    def send_signal(self, request, response, product):
        """No per-view database writes (see the class docstring)."""
