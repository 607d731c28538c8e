"""Keep the storefront's caches in step with every write, whoever makes it: the catalogue version
(listing and page caches), basket counts and mentor roles (storefront.visitors)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from shops.models import MentorProvince, Shop

from .freshness import catalogue_changed
from .visitors import basket_changed, mentor_role_changed

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")
BasketLine = get_model("basket", "Line")


@receiver(post_save, sender=Product)
@receiver(post_save, sender=ProductCategory)
@receiver(post_save, sender=Category)
@receiver(post_save, sender=Shop)
@receiver(post_save, sender=StockRecord)
@receiver(post_save, sender=ProductImage)
@receiver(post_delete, sender=ProductCategory)
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
