"""Writes of search documents: one per listed product, rebuilt when the product or its names change.

Receivers (receivers.py) refresh documents on single saves; bulk writes such as the product importer
send no signals, so `search_documents_catch_up` finds products newer than their documents (two
index-only MAX() lookups when nothing changed) and is called before every search.
"""

import re
from collections.abc import Iterable

from django.db.models import Max, QuerySet
from oscar.core.loading import get_model

from marketplace.text import strip_diacritics

from .models import ProductDocument

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

REFRESH_BATCH = 500


def fold(text: str) -> str:
    """'  Nước MẮM\nPhú-Quốc ' -> 'nuoc mam phu quoc': the form both documents and queries take."""
    words = re.sub(r"[^\w]+", " ", strip_diacritics(text or "").lower())
    return " ".join(words.split())


def _category_paths() -> dict[int, str]:
    """Each category's name with its ancestors' ('Thực phẩm Nước mắm'), from one query."""
    categories = list(Category.objects.only("pk", "path", "name"))
    names = {category.path: category.name for category in categories}
    step = Category.steplen
    return {
        category.pk: " ".join(
            names.get(category.path[:end], "") for end in range(step, len(category.path) + 1, step)
        )
        for category in categories
    }


def _document_for(product, category_paths: dict[int, str]) -> ProductDocument:
    names = [product.title, product.shop.name if product.shop else ""]
    names.extend(category_paths.get(category.pk, "") for category in product.categories.all())
    return ProductDocument(
        product_id=product.pk,
        title=fold(product.title),
        text=fold(" ".join([*names, product.description or ""])),
        source_updated=product.date_updated,
    )


def search_documents_refresh(
    *, products: QuerySet | None = None, product_ids: Iterable[int] | None = None
) -> int:
    """(Re)write the documents of these products (parents and standalone ones; variants are not listed)."""
    if products is None:
        products = (
            Product.objects.all() if product_ids is None else Product.objects.filter(pk__in=list(product_ids))
        )
    products = (
        products.exclude(structure=Product.CHILD)
        .select_related("shop")
        .prefetch_related("categories")
        .order_by("pk")
    )
    written = 0
    batch: list[ProductDocument] = []
    category_paths = _category_paths()
    for product in products.iterator(chunk_size=REFRESH_BATCH):
        batch.append(_document_for(product, category_paths))
        if len(batch) >= REFRESH_BATCH:
            written += _save(batch)
            batch = []
    return written + _save(batch)


def _save(documents: list[ProductDocument]) -> int:
    ProductDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["product"],
        update_fields=["title", "text", "source_updated"],
    )
    return len(documents)


def search_documents_catch_up() -> int:
    """Index products written in bulk since the last document was written; 0 (and cheap) when none."""
    newest = ProductDocument.objects.aggregate(updated=Max("source_updated"), product=Max("product_id"))
    products = Product.objects.exclude(structure=Product.CHILD)
    if newest["product"] is None:
        return search_documents_refresh(products=products) if products.exists() else 0
    latest = products.aggregate(updated=Max("date_updated"), pk=Max("pk"))
    if latest["updated"] <= newest["updated"] and latest["pk"] <= newest["product"]:
        return 0
    return search_documents_refresh(
        products=products.filter(date_updated__gt=newest["updated"])
        | products.filter(pk__gt=newest["product"])
    )
