"""The pages buyers browse: home, listings (all products, a category, a shop, a search), a product,
and the shop directory, each served whole from the page cache (storefront.page_cache).

Oscar routes its listings through Haystack; with the "simple" backend they list nothing, so the
catalogue, category, shop and search pages here share one listing view over the database
(storefront.selectors.listing_page), whose pages are cached until the catalogue changes. Oscar's
catalogue and search URLs lead here (see storefront.apps).
"""

from urllib.parse import unquote

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView
from oscar.core.loading import get_class, get_model
from oscar.templatetags.currency_filters import currency

from marketplace import geo
from shops.models import Shop

from . import selectors
from .forms import ListingFilterForm
from .freshness import catalogue_version
from .page_cache import VisitorPageCacheMixin

OscarProductDetailView = get_class("catalogue.views", "ProductDetailView")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

HOME_NEW_ARRIVALS = 12
HOME_OCOP = 6
HOME_SHOPS = 8


class HomeView(VisitorPageCacheMixin, TemplateView):
    """Categories, OCOP products, shops of the buyer's province, new arrivals.

    The querysets are lazy: the template reads them only when its cached sections (keyed on the
    catalogue's version) are rebuilt.
    """

    template_name = "storefront/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        province_code = geo.province_code_from(self.request.GET.get("province"))
        context.update(
            catalogue_version=catalogue_version(),
            categories=selectors.top_level_categories(),
            ocop_products=selectors.ocop_products()[:HOME_OCOP],
            new_arrivals=selectors.browsable_products()[:HOME_NEW_ARRIVALS],
            shops=selectors.live_shops(province_code=province_code)[:HOME_SHOPS],
            provinces=geo.province_choices(),
            selected_province=province_code,
        )
        return context


class ListingView(VisitorPageCacheMixin, TemplateView):
    """A page of product cards narrowed by the filter form; subclasses fix a category or a shop."""

    template_name = "oscar/catalogue/browse.html"
    per_page = settings.OSCAR_PRODUCTS_PER_PAGE
    searching = False

    def fixed_filters(self) -> dict:
        return {}

    def query_string(self, **changes) -> str:
        """The current filters as a query string, with `changes` applied (None drops a key) and the
        page number dropped, since a new filter starts again at page 1."""
        params = self.request.GET.copy()
        params.pop("page", None)
        for name, value in changes.items():
            params.pop(name, None)
            if value is not None:
                params[name] = value
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else ""

    def category_url(self, category) -> str:
        return category.get_absolute_url() + self.query_string(category=None)

    def active_filters(self, filters) -> list[tuple[str, str]]:
        """Each filter in force, as (label, link that removes it)."""
        active = []
        if filters.province_code and not filters.shop_id:
            active.append((geo.province_name(filters.province_code), self.query_string(province=None)))
        if filters.ocop_min:
            active.append((f"OCOP {filters.ocop_min}★+", self.query_string(ocop=None)))
        if filters.price_min is not None:
            active.append((_("Từ %s") % currency(filters.price_min), self.query_string(price_min=None)))
        if filters.price_max is not None:
            active.append((_("Đến %s") % currency(filters.price_max), self.query_string(price_max=None)))
        return active

    def get_context_data(self, **kwargs):
        """Only the cache key is computed up front: the listing itself (`listing`, lazy) is built
        when the page's cached content is missing, i.e. once per URL and catalogue version."""
        context = super().get_context_data(**kwargs)
        context.update(
            catalogue_version=catalogue_version(),
            listing=SimpleLazyObject(self.build_listing),
            query=self.request.GET.get("q", "").strip(),
            summary=_("Tất cả sản phẩm"),
        )
        return context

    def build_listing(self) -> dict:
        form = ListingFilterForm(self.request.GET, searching=self.searching)
        filters = form.filters(**self.fixed_filters())
        public_categories = Category.objects.filter(is_public=True)
        if filters.category_id and not public_categories.filter(pk=filters.category_id).exists():
            form.add_error("category", _("Danh mục không tồn tại."))
            filters = filters.without("category_id")
        page = selectors.listing_page(
            filters=filters, page_number=self.request.GET.get("page", 1), per_page=self.per_page
        )
        pages = Paginator(range(page.total), self.per_page)
        return {
            "form": form,
            "filters": filters,
            "page": page,
            "facets": page.facets,
            "products": selectors.products_for_cards(product_ids=page.product_ids),
            "paginator": pages,
            "page_obj": pages.page(page.number),
            "category_links": [
                (category, count, self.category_url(category)) for category, count in page.facets.categories
            ],
            "provinces": [
                (code, name, page.facets.provinces.get(code, 0))
                for code, name in geo.province_choices()
                if page.facets.provinces.get(code) or code == filters.province_code
            ],
            "active_filters": self.active_filters(filters),
            "clear_filters_url": self.request.path
            + self.query_string(province=None, ocop=None, price_min=None, price_max=None),
        }


class CatalogueView(ListingView):
    pass


class ProductCategoryView(ListingView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def fixed_filters(self) -> dict:
        return {"category_id": self.category.pk}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


class ProductDetailView(VisitorPageCacheMixin, OscarProductDetailView):
    """Oscar's product page, for products of shops whose pages are up.

    Nothing is written on a page view: Oscar's view counter (product_viewed) is not sent. The parts
    that are the same for every buyer are cached under the catalogue's version (see the template).
    """

    def get_object(self, queryset=None):
        if not hasattr(self, "object"):
            self.catalogue_version = catalogue_version()
            try:
                self.object = selectors.product_for_detail_page(
                    pk=self.kwargs["pk"], version=self.catalogue_version
                )
            except Product.DoesNotExist as missing:
                raise Http404 from missing
        return self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["catalogue_version"] = self.catalogue_version
        return context

    def send_signal(self, request, response, product):
        """No per-view database writes (see the class docstring)."""


class FacetedSearchView(ListingView):
    """Oscar's search URL (`search:search`), answered from our own index instead of Haystack."""

    template_name = "oscar/search/results.html"
    searching = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("Kết quả tìm kiếm")
        return context


class ShopDirectoryView(ListView):
    template_name = "storefront/shop_directory.html"
    context_object_name = "shops"
    paginate_by = 30

    def get_queryset(self):
        return selectors.live_shops(province_code=geo.province_code_from(self.request.GET.get("province")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["provinces"] = geo.province_choices()
        context["selected_province"] = geo.province_code_from(self.request.GET.get("province"))
        return context


class ShopDetailView(ListingView):
    """A shop's page: its card and its products, with the listing's sort and filters."""

    template_name = "storefront/shop_detail.html"

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
