"""factory_boy factories: people, live shops, and products with a stock record of their shop."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from shops.models import Shop, ShopStatus
from shops.services import shop_create_live

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

PASSWORD = "mat-khau-an-toan-2025"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"nguoi{n}@example.vn")
    phone = factory.Sequence(lambda n: f"+8491{n:07d}")
    first_name = "Lan"
    last_name = "Nguyễn"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ShopFactory(factory.django.DjangoModelFactory):
    """A live shop with its Oscar partner and an owner, as the mentor's approval leaves it."""

    class Meta:
        model = Shop

    name = factory.Sequence(lambda n: f"HTX Đặc sản số {n}")
    slug = factory.Sequence(lambda n: f"htx-dac-san-{n}")
    province_code = 1
    owner = factory.SubFactory(UserFactory)
    status = ShopStatus.APPROVED

    @classmethod
    def _create(cls, model_class, *, status, **kwargs):
        shop = shop_create_live(**kwargs)
        if status != ShopStatus.APPROVED:
            Shop.objects.filter(pk=shop.pk).update(status=status)
            shop.refresh_from_db()
        return shop


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Nước mắm Phú Quốc loại {n}")
    upc = factory.Sequence(lambda n: f"SKU-{n:05d}")
    shop = factory.SubFactory(ShopFactory)
    structure = Product.STANDALONE
    is_public = True
    product_class = factory.LazyFunction(
        lambda: ProductClass.objects.get_or_create(name="Sản phẩm", defaults={"track_stock": True})[0]
    )

    @factory.post_generation
    def stock(product, create, extracted, **kwargs):
        """One stock record of the product's own shop: price=150000 and num_in_stock=10 by default."""
        if create:
            StockRecord.objects.create(
                product=product,
                partner=product.shop.partner,
                partner_sku=product.upc,
                price=Decimal(kwargs.get("price", 150000)),
                price_currency="VND",
                num_in_stock=kwargs.get("num_in_stock", 10),
            )

    @factory.post_generation
    def category(product, create, extracted, **kwargs):
        if create and extracted:
            ProductCategory.objects.create(product=product, category=create_from_breadcrumbs(extracted))
