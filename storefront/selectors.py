"""Reads of the catalogue and the shops as buyers see them: only public products of live shops.

Listings (all products, a category, a shop, a search) share one filtered query, its facet counts, and
a cache of each page's product ids keyed on the catalogue's version (storefront.freshness), so a
cached page is never older than the data it shows.
"""

import hashlib
from dataclasses import asdict, dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
)
from django.db.models.functions import Coalesce, Substr
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from search.selectors import matching_products
from shops.models import Shop, ShopStatus

from .freshness import LISTING_TIMEOUT, catalogue_version

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")

OCOP_LEVELS = (3, 4, 5)


class Sort(TextChoices):
    RELEVANCE = "relevance", _("Liên quan nhất")
    NEWEST = "newest", _("Mới nhất")
    PRICE_LOW = "price", _("Giá thấp đến cao")
    PRICE_HIGH = "-price", _("Giá cao đến thấp")


@dataclass(frozen=True)
class ProductFilters:
    """What a buyer narrowed a listing to; every part composes with every other."""

    query: str = ""
    category_id: int | None = None
    shop_id: int | None = None
    province_code: int | None = None
    ocop_min: int | None = None
    price_min: int | None = None
    price_max: int | None = None
    sort: str = ""

    @property
    def effective_sort(self) -> str:
        if self.sort in Sort.values and (self.sort != Sort.RELEVANCE or self.query):
            return self.sort
        return Sort.RELEVANCE if self.query else Sort.NEWEST

    def without(self, *names: str) -> "ProductFilters":
        values = asdict(self)
        values.update(dict.fromkeys(names))
        values["query"] = values["query"] or ""
        values["sort"] = values["sort"] or ""
        return ProductFilters(**values)


@dataclass
class Facets:
    """Counts per value of each filter, each counted with the other filters applied."""

    categories: list[tuple[Category, int]] = field(default_factory=list)
    provinces: dict[int, int] = field(default_factory=dict)
    ocop_at_least: dict[int, int] = field(default_factory=dict)


@dataclass
class ListingPage:
    product_ids: list[int]
    total: int
    number: int
    num_pages: int
    facets: Facets
    cache_key: str


def _stock_with_partner() -> Prefetch:
    return Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner"))


def _with_card_data(products: QuerySet) -> QuerySet:
    """Everything a product card shows, in a fixed number of queries whatever the page size."""
    return products.select_related("shop", "product_class").prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
        _stock_with_partner(),
    )


def _live_products() -> QuerySet:
    return Product.objects.browsable().filter(shop__status=ShopStatus.APPROVED)


def _price() -> Coalesce:
    """A product's lowest price: its own stock record's, or its cheapest variant's."""
    records = StockRecord.objects.order_by("price").values("price")
    own = records.filter(product=OuterRef("pk"))[:1]
    variants = records.filter(product__parent=OuterRef("pk"))[:1]
    money = DecimalField(max_digits=12, decimal_places=2)
    return Coalesce(Subquery(own), Subquery(variants), output_field=money)


def _in_category(category_id: int) -> Exists:
    category = Category.objects.get(pk=category_id)
    return Exists(
        ProductCategory.objects.filter(
            product=OuterRef("pk"),
            category__path__startswith=category.path,
            category__depth__gte=category.depth,
        )
    )


def filtered_products(*, filters: ProductFilters) -> QuerySet:
    """The live products matching `filters`, in the order the buyer asked for (not yet card-ready)."""
    if filters.shop_id:  # a shop's own page: up for live and suspended shops (the view checks)
        products = Product.objects.browsable().filter(shop_id=filters.shop_id)
    else:
        products = _live_products()
    if filters.category_id:
        products = products.filter(_in_category(filters.category_id))
    if filters.province_code:
        products = products.filter(shop__province_code=filters.province_code)
    if filters.ocop_min:
        products = products.filter(ocop_stars__gte=filters.ocop_min)
    sort = filters.effective_sort
    by_price = filters.price_min is not None or filters.price_max is not None
    if by_price or sort in (Sort.PRICE_LOW, Sort.PRICE_HIGH):
        products = products.annotate(price=_price())
        if filters.price_min is not None:
            products = products.filter(price__gte=filters.price_min)
        if filters.price_max is not None:
            products = products.filter(price__lte=filters.price_max)
    if filters.query:
        products = matching_products(products, query=filters.query)
    ordering = {
        Sort.RELEVANCE: ["-relevance", "-date_created", "-pk"],
        Sort.NEWEST: ["-date_created", "-pk"],
        Sort.PRICE_LOW: [F("price").asc(nulls_last=True), "-pk"],
        Sort.PRICE_HIGH: [F("price").desc(nulls_last=True), "-pk"],
    }[sort]
    return products.order_by(*ordering)


def _category_counts(filters: ProductFilters) -> list[tuple[Category, int]]:
    """Products per subcategory of the current category (or per top-level category), one query."""
    if filters.category_id:
        parent = Category.objects.get(pk=filters.category_id)
        branches = list(parent.get_children().filter(is_public=True))
    else:
        branches = list(top_level_categories())
    if not branches:
        return []
    step = len(branches[0].path)
    products = filtered_products(filters=filters.without("sort")).order_by().values("pk")
    counts = dict(
        ProductCategory.objects.filter(product__in=products, category__depth__gte=branches[0].depth)
        .annotate(branch=Substr("category__path", 1, step))
        .values("branch")
        .annotate(n=Count("product", distinct=True))
        .values_list("branch", "n")
    )
    return [(branch, counts[branch.path]) for branch in branches if counts.get(branch.path)]


def product_facets(*, filters: ProductFilters) -> Facets:
    provinces = (
        filtered_products(filters=filters.without("province_code", "sort"))
        .order_by()
        .values_list("shop__province_code")
        .annotate(n=Count("pk"))
    )
    stars = (
        filtered_products(filters=filters.without("ocop_min", "sort"))
        .filter(ocop_stars__isnull=False)
        .order_by()
        .values_list("ocop_stars")
        .annotate(n=Count("pk"))
    )
    per_level = dict(stars)
    return Facets(
        categories=_category_counts(filters),
        provinces={code: n for code, n in provinces if code},
        ocop_at_least={
            level: sum(n for stars, n in per_level.items() if stars >= level)
            for level in OCOP_LEVELS
            if any(stars >= level for stars in per_level)
        },
    )


def listing_page(*, filters: ProductFilters, page_number: int, per_page: int) -> ListingPage:
    """One page of a listing with its total and facets; cached until the catalogue changes."""
    signature = hashlib.blake2s(repr((filters, page_number, per_page)).encode(), digest_size=10).hexdigest()
    key = f"listing:{catalogue_version()}:{signature}"
    page = cache.get(key)
    if page is None:
        products = filtered_products(filters=filters).values_list("pk", flat=True)
        paginator = Paginator(products, per_page)
        current = paginator.get_page(page_number)
        page = ListingPage(
            product_ids=list(current.object_list),
            total=paginator.count,
            number=current.number,
            num_pages=paginator.num_pages,
            facets=product_facets(filters=filters),
            cache_key=key,
        )
        cache.set(key, page, LISTING_TIMEOUT)
    return page


def products_for_cards(*, product_ids: list[int]) -> list:
    """The products of a listing page, card-ready, in the listing's order."""
    by_pk = {product.pk: product for product in _with_card_data(Product.objects.filter(pk__in=product_ids))}
    return [by_pk[pk] for pk in product_ids if pk in by_pk]


def browsable_products() -> QuerySet:
    return _with_card_data(_live_products()).order_by("-date_created", "-pk")


def ocop_products() -> QuerySet:
    certified = browsable_products().filter(ocop_stars__isnull=False)
    return certified.order_by("-ocop_stars", "-date_created", "-pk")


def product_for_detail_page(*, pk: int, version: str) -> Product:
    """A product whose shop's pages are up (live or suspended); Product.DoesNotExist otherwise.

    Loaded with what the per-request part of the page needs (price and stock for the basket form)
    and cached under the catalogue `version`; the photos, categories and reviews are read only when
    the cached part of the page is rebuilt.
    """
    key = f"product-page:{version}:{pk}"
    product = cache.get(key)
    if product is None:
        product = (
            Product.objects.filter(shop__status__in=ShopStatus.visible_statuses())
            .select_related("shop", "product_class", "parent")
            .prefetch_related(
                Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner"))
            )
            .get(pk=pk)
        )
        cache.set(key, product, LISTING_TIMEOUT)
    return product


def top_level_categories() -> QuerySet:
    return Category.get_root_nodes().filter(is_public=True)


def live_shops(*, province_code: int | None = None) -> QuerySet[Shop]:
    shops = Shop.objects.live().annotate(product_count=Count("products", filter=Q(products__is_public=True)))
    if province_code:
        shops = shops.filter(province_code=province_code)
    return shops.order_by("name")


def shop_for_page(*, slug: str) -> Shop:
    """A shop whose page is up; Shop.DoesNotExist for drafts, rejected and unknown shops."""
    return Shop.objects.filter(status__in=ShopStatus.visible_statuses()).get(slug=slug)
