"""Keep search documents, listing caches, basket counts and mentor roles in step with every write,
whoever makes it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from shops.models import MentorProvince, Shop

from .freshness import catalogue_changed
from .indexing import search_documents_refresh
from .visitors import basket_changed, mentor_role_changed

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")
BasketLine = get_model("basket", "Line")


@receiver(post_save, sender=Product)
def product_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    catalogue_changed()
    search_documents_refresh(product_ids=[instance.parent_id or instance.pk])


@receiver(post_save, sender=ProductCategory)
@receiver(post_delete, sender=ProductCategory)
def product_category_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    catalogue_changed()
    if Product.objects.filter(pk=instance.product_id).exists():
        search_documents_refresh(product_ids=[instance.product_id])


@receiver(post_save, sender=Category)
def category_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    catalogue_changed()
    in_subtree = ProductCategory.objects.filter(category__in=instance.get_descendants_and_self())
    search_documents_refresh(products=Product.objects.filter(pk__in=in_subtree.values("product_id")))


@receiver(post_save, sender=Shop)
def shop_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    catalogue_changed()
    search_documents_refresh(products=Product.objects.filter(shop=instance))


@receiver(post_save, sender=StockRecord)
@receiver(post_save, sender=ProductImage)
@receiver(post_delete, sender=StockRecord)
@receiver(post_delete, sender=ProductImage)
@receiver(post_delete, sender=Product)
@receiver(post_delete, sender=Category)
@receiver(post_delete, sender=Shop)
def catalogue_row_changed(sender, raw=False, **kwargs):
    if not raw:
        catalogue_changed()


@receiver(post_save, sender=Basket)
@receiver(post_delete, sender=Basket)
def basket_saved(sender, instance, raw=False, **kwargs):
    """Submitted, frozen, merged or deleted: the navigation's count changes with it."""
    if not raw:
        basket_changed(basket_id=instance.pk, owner_id=instance.owner_id)


@receiver(post_save, sender=BasketLine)
@receiver(post_delete, sender=BasketLine)
def basket_line_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        owner_id = Basket.objects.filter(pk=instance.basket_id).values_list("owner_id", flat=True).first()
        basket_changed(basket_id=instance.basket_id, owner_id=owner_id)


@receiver(post_save, sender=MentorProvince)
@receiver(post_delete, sender=MentorProvince)
def mentor_province_changed(sender, instance, raw=False, **kwargs):
    """Made mentor or taken off: her cached pages switch state at once (staff flags are read from
    her user row on every request, so they need nothing here)."""
    if not raw:
        mentor_role_changed(user_id=instance.mentor_id)
