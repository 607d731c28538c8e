"""Keep search documents in step with every write of a product, its categories or its shop."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from shops.models import Shop

from .indexing import search_documents_refresh

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")


@receiver(post_save, sender=Product)
def product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search_documents_refresh(product_ids=[instance.parent_id or instance.pk])


@receiver(post_save, sender=ProductCategory)
@receiver(post_delete, sender=ProductCategory)
def product_category_changed(sender, instance, raw=False, **kwargs):
    if not raw and Product.objects.filter(pk=instance.product_id).exists():
        search_documents_refresh(product_ids=[instance.product_id])


@receiver(post_save, sender=Category)
def category_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    in_subtree = ProductCategory.objects.filter(category__in=instance.get_descendants_and_self())
    search_documents_refresh(products=Product.objects.filter(pk__in=in_subtree.values("product_id")))


@receiver(post_save, sender=Shop)
def shop_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search_documents_refresh(products=Product.objects.filter(shop=instance))
