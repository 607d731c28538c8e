"""Reads of a shop's own catalogue, as its vendor and its mentors see it (hidden products included)."""

from django.db.models import F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from shops.models import Shop

from .models import ProductHide

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

SHOW_CHOICES = ("visible", "hidden", "out_of_stock")


def _stock_left(records: QuerySet, group_by: str) -> Subquery:
    """Units still sellable (in stock minus allocated) over the given stock records."""
    return Subquery(
        records.values(group_by)
        .annotate(left=Sum(F("num_in_stock") - Coalesce("num_allocated", 0)))
        .values("left"),
        output_field=IntegerField(),
    )


def _min_price(records: QuerySet) -> Subquery:
    return Subquery(records.order_by("price").values("price")[:1])


def products_of_shop(*, shop: Shop, search: str = "", show: str = "") -> QuerySet:
    """Her products (not variants), with stock left, lowest price, photos and any standing Union hide."""
    own = StockRecord.objects.filter(product=OuterRef("pk"))
    of_variants = StockRecord.objects.filter(product__parent=OuterRef("pk"), product__is_public=True)
    products = (
        Product.objects.filter(shop=shop, parent=None)
        .annotate(
            stock_left=Coalesce(_stock_left(own, "product"), 0)
            + Coalesce(_stock_left(of_variants, "product__parent"), 0),
            lowest_price=Coalesce(_min_price(own), _min_price(of_variants)),
        )
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            Prefetch(
                "staff_hides", queryset=ProductHide.objects.filter(lifted_at=None), to_attr="standing_hides"
            ),
        )
    )
    search = search.strip()
    if search:
        products = products.filter(Q(title__icontains=search) | Q(upc__iexact=search))
    if show == "visible":
        products = products.filter(is_public=True)
    elif show == "hidden":
        products = products.filter(is_public=False)
    elif show == "out_of_stock":
        products = products.filter(stock_left__lte=0)
    return products.order_by("-date_updated", "-pk")
