"""Reads of the catalogue as buyers see it: only public products of live shops."""

from django.db.models import Prefetch, QuerySet
from oscar.core.loading import get_model

from shops.models import ShopStatus

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")


def _with_card_data(products: QuerySet) -> QuerySet:
    """Everything a product card shows, in a fixed number of queries whatever the page size."""
    return products.select_related("shop", "product_class").prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
        Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
    )


def browsable_products(*, category: Category | None = None) -> QuerySet:
    products = Product.objects.browsable().filter(shop__status=ShopStatus.APPROVED)
    if category is not None:
        products = products.filter(categories__in=category.get_descendants_and_self()).distinct()
    return _with_card_data(products).order_by("-date_created", "-pk")


def shop_products(*, shop) -> QuerySet:
    return _with_card_data(Product.objects.browsable().filter(shop=shop)).order_by("-date_created", "-pk")


def product_for_detail_page(*, pk: int) -> Product:
    """A product whose shop's pages are up (live or suspended); Product.DoesNotExist otherwise."""
    return (
        _with_card_data(Product.objects.filter(shop__status__in=ShopStatus.visible_statuses()))
        .prefetch_related("categories")
        .get(pk=pk)
    )


def top_level_categories() -> QuerySet:
    return Category.get_root_nodes().filter(is_public=True)
