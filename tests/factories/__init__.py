"""factory_boy factories: people, mentors, live shops, members' applications, and products."""

from decimal import Decimal
from io import BytesIO

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from PIL import Image

from marketplace import geo
from shops.models import MentorProvince, Shop, ShopStatus
from shops.services import shop_application_save, shop_create_live

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


class MentorFactory(UserFactory):
    """A Women's Union mentor; MentorFactory(provinces=[1, 79]) assigns her provinces (default: 1)."""

    first_name = "Hoa"
    last_name = "Trần"

    @factory.post_generation
    def provinces(mentor, create, extracted, **kwargs):
        if create:
            for code in extracted if extracted is not None else [1]:
                assignment = MentorProvince(mentor=mentor, province_code=code)
                assignment.full_clean()  # only the 34 provinces of 2025
                assignment.save()


def a_picture(name: str = "logo.png", colour: str = "#c0392b") -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (64, 64), colour).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


def a_pdf(*, pages: int = 1) -> bytes:
    """A real, plain PDF (what a scanner saves), written by pypdf."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def complete_application_values(province_code: int = 1) -> dict:
    """Everything a member fills in before she can submit, as the seller form hands it over."""
    return {
        "name": "Hợp tác xã Mắm Cát Hải",
        "story": "Ba thế hệ làm nước mắm bằng cá cơm và muối biển Cát Hải.",
        "logo": a_picture(),
        "province_code": province_code,
        "ward_code": geo.ward_choices(province_code)[0][0],
        "phone": "0912 345 678",
        "union_chapter": "Chi hội Phụ nữ thôn Đông",
        "bank_bin": "970436",
        "account_number": "0123 4567 89",
        "account_holder": "Nguyễn Thị Lan",
    }


def application_form_values(shop, **changes) -> dict:
    """What the seller's application form holds for this shop, as the browser posts it back."""
    values = {
        "name": shop.name,
        "story": shop.story,
        "province_code": shop.province_code or "",
        "ward_code": shop.ward_code or "",
        "phone": shop.phone,
        "union_chapter": shop.union_chapter,
        "bank_bin": shop.bank_bin,
        "account_number": shop.account_number,
        "account_holder": shop.account_holder,
        "business_registration": shop.business_registration,
    }
    return {**values, **changes}


def an_application(
    *, owner=None, province_code: int = 1, status: str = ShopStatus.DRAFT, **overrides
) -> Shop:
    """A member's own shop, taken through the real services up to `status`."""
    from shops import review

    owner = owner or UserFactory()
    values = {**complete_application_values(province_code), **overrides}
    shop = shop_application_save(actor=owner, shop=None, values=values)
    if status == ShopStatus.DRAFT:
        return shop
    review.shop_submit(shop_id=shop.pk, actor=owner)
    staff = UserFactory(is_staff=True)
    decisions = {
        ShopStatus.SUBMITTED: [],
        ShopStatus.CHANGES_REQUESTED: [
            lambda: review.shop_request_changes(shop_id=shop.pk, mentor=staff, note="Thêm ảnh.")
        ],
        ShopStatus.REJECTED: [
            lambda: review.shop_reject(shop_id=shop.pk, mentor=staff, reason="Không phải hội viên.")
        ],
        ShopStatus.APPROVED: [lambda: review.shop_approve(shop_id=shop.pk, mentor=staff)],
        ShopStatus.SUSPENDED: [
            lambda: review.shop_approve(shop_id=shop.pk, mentor=staff),
            lambda: review.shop_suspend(shop_id=shop.pk, mentor=staff, reason="Hàng giả."),
        ],
    }
    for decide in decisions[status]:
        decide()
    shop.refresh_from_db()
    return shop


def a_delivery(**overrides):
    """A buyer's delivery details in Hà Nội (province 1), as the checkout form cleans them."""
    from checkout.services import Delivery

    values = {
        "name": "Trần Thị Mai",
        "phone": "+84912345678",
        "province_code": 1,
        "ward_code": geo.ward_choices(1)[0][0],
        "street": "12 phố Hàng Bông",
        "email": "mai@example.vn",
    }
    return Delivery(**{**values, **overrides})


def a_basket(*lines, owner=None):
    """A basket holding (product, quantity) pairs, priced by the marketplace's strategy."""
    from oscar.core.loading import get_class

    Basket = get_model("basket", "Basket")
    basket = Basket.objects.create(owner=owner)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy()
    for product, quantity in lines:
        basket.add_product(product, quantity)
    return basket


def an_order(*lines, buyer=None, **delivery):
    """An order placed through checkout for (product, quantity) pairs: shop orders and payment included."""
    from checkout.services import place_order

    return place_order(basket=a_basket(*lines, owner=buyer), buyer=buyer, delivery=a_delivery(**delivery))
