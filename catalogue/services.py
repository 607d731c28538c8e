"""Writes on a shop's products: the vendor's form, photos, show/hide and delete.

Every service takes the vendor's shop and refuses products of other shops (Product.DoesNotExist,
which views turn into 404), so one shop can never touch another's catalogue.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from sorl.thumbnail import delete as delete_with_thumbnails

from marketplace.text import slugify
from shops.models import Shop

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
OrderLine = get_model("order", "Line")

DEFAULT_PRODUCT_CLASS = "Sản phẩm"
MAX_PRICE_VND = 1_000_000_000  # one billion đồng: more is a typo, not a product
MAX_STOCK = 1_000_000
MAX_PHOTOS = 10


@dataclass(frozen=True)
class VariantInput:
    """One row of the variants section: "500 ml", its price and stock; pk when it already exists."""

    name: str
    price: int
    stock: int
    pk: int | None = None


@dataclass(frozen=True)
class ProductInput:
    title: str
    description: str
    category: object | None
    price: int | None
    stock: int | None
    variants: tuple[VariantInput, ...] = ()


def product_was_ordered(product) -> bool:
    """Order lines keep pointing at a product (or its variants) that was sold: those are never deleted."""
    return OrderLine.objects.filter(
        product__in=[product.pk, *product.children.values_list("pk", flat=True)]
    ).exists()


def _own_product(*, shop: Shop, product_id: int):
    """The shop's product, locked; another shop's product does not exist as far as she can tell."""
    return Product.objects.select_for_update().get(pk=product_id, shop=shop, parent=None)


def _set_stock(*, product, shop: Shop, price: int, stock: int) -> None:
    record = product.stockrecords.filter(partner=shop.partner).first() or StockRecord(
        product=product, partner=shop.partner, num_allocated=0
    )
    record.partner_sku = product.upc or f"P{product.pk}"
    record.price = Decimal(price)
    record.price_currency = "VND"
    record.num_in_stock = stock
    record.save()


def _retire_child(child) -> None:
    """A variant taken off the form: deleted, or kept hidden when buyers already ordered it."""
    if OrderLine.objects.filter(product=child).exists():
        child.is_public = False
        child.save(update_fields=["is_public", "date_updated"])
        child.stockrecords.update(num_in_stock=0)
    else:
        child.delete()


def _save_variants(*, product, shop: Shop, variants: tuple[VariantInput, ...]) -> None:
    children = {child.pk: child for child in product.children.filter(is_public=True)}
    unknown = {variant.pk for variant in variants if variant.pk} - set(children)
    if unknown:
        raise ValidationError(_("Loại sản phẩm không tồn tại."))
    kept = set()
    for variant in variants:
        child = children.get(variant.pk) or Product(parent=product, structure=Product.CHILD, is_public=True)
        child.title = variant.name
        child.slug = slugify(f"{product.title} {variant.name}")[:255] or "loai"
        child.full_clean(exclude=["upc", "product_class"])
        child.save()
        kept.add(child.pk)
        record = child.stockrecords.first() or StockRecord(
            product=child, partner=shop.partner, num_allocated=0
        )
        record.partner_sku = f"P{product.pk}-{child.pk}"
        record.price = Decimal(variant.price)
        record.price_currency = "VND"
        record.num_in_stock = variant.stock
        record.save()
    for pk, child in children.items():
        if pk not in kept:
            _retire_child(child)


@transaction.atomic
def product_save(
    *, shop: Shop, values: ProductInput, photos: Sequence[ContentFile] = (), product_id: int | None = None
):
    """Create or edit one of the shop's products.

    With variants it is an Oscar parent whose children carry the prices and stock; without, a
    standalone product with one stock record of the shop's partner. Photos come already cleaned.
    """
    if shop.partner_id is None:
        raise ValidationError(_("Gian hàng chưa được duyệt nên chưa đăng được sản phẩm."))
    if not values.variants and (values.price is None or values.stock is None):
        raise ValidationError(_("Hãy nhập giá và số lượng, hoặc thêm các loại sản phẩm."))
    names = [variant.name.strip().lower() for variant in values.variants]
    if len(set(names)) != len(names):
        raise ValidationError(_("Hai loại sản phẩm trùng tên."))
    if product_id is None:
        product_class, _created = ProductClass.objects.get_or_create(
            name=DEFAULT_PRODUCT_CLASS, defaults={"track_stock": True, "requires_shipping": True}
        )
        product = Product(shop=shop, product_class=product_class, is_public=True)
    else:
        product = _own_product(shop=shop, product_id=product_id)
    product.title = values.title.strip()
    product.description = values.description.strip()
    product.slug = slugify(product.title)[:255] or "san-pham"
    product.structure = Product.PARENT if values.variants else Product.STANDALONE
    if values.variants and product.pk:
        product.stockrecords.all().delete()  # a parent's prices live on its variants
    product.full_clean(exclude=["upc"])
    product.save()
    if values.variants:
        _save_variants(product=product, shop=shop, variants=values.variants)
    else:
        for child in product.children.all():
            _retire_child(child)
        _set_stock(product=product, shop=shop, price=values.price, stock=values.stock)
    ProductCategory.objects.filter(product=product).exclude(category=values.category).delete()
    if values.category is not None:
        ProductCategory.objects.get_or_create(product=product, category=values.category)
    product_photos_add(product=product, photos=photos)
    return product


def product_photos_add(*, product, photos: Sequence[ContentFile]) -> list:
    if not photos:
        return []
    count = product.images.count()
    if count + len(photos) > MAX_PHOTOS:
        raise ValidationError(_("Mỗi sản phẩm có tối đa %(n)s ảnh.") % {"n": MAX_PHOTOS})
    return [
        ProductImage.objects.create(product=product, original=photo, display_order=count + position)
        for position, photo in enumerate(photos)
    ]


@transaction.atomic
def product_photo_move(*, shop: Shop, product_id: int, image_id: int, to: str) -> None:
    """Move a photo "up", "down" or to the "cover" (first place); the order stays 0, 1, 2…"""
    product = _own_product(shop=shop, product_id=product_id)
    images = list(product.images.order_by("display_order", "pk"))
    position = next(index for index, image in enumerate(images) if image.pk == image_id)
    image = images.pop(position)
    target = {"up": max(position - 1, 0), "down": position + 1, "cover": 0}[to]
    images.insert(min(target, len(images)), image)
    for order, each in enumerate(images):
        if each.display_order != order:
            each.display_order = order
            each.save(update_fields=["display_order"])  # a saved photo tells the storefront's caches


@transaction.atomic
def product_photo_delete(*, shop: Shop, product_id: int, image_id: int) -> None:
    product = _own_product(shop=shop, product_id=product_id)
    image = product.images.get(pk=image_id)
    file = image.original
    image.delete()  # Oscar renumbers the others
    transaction.on_commit(lambda: delete_with_thumbnails(file, delete_file=True))


@transaction.atomic
def product_set_public(*, shop: Shop, product_id: int, is_public: bool) -> None:
    """The vendor's own show/hide. A hide by the Union stands until the Union lifts it."""
    product = _own_product(shop=shop, product_id=product_id)
    if is_public:
        hide = product.staff_hides.filter(lifted_at=None).first()
        if hide is not None:
            raise ValidationError(
                _("Hội đã ẩn sản phẩm này: %(reason)s. Chỉ cán bộ Hội mới hiện lại được.")
                % {"reason": hide.reason}
            )
        if not product.is_parent and not product.stockrecords.exists():
            raise ValidationError(_("Sản phẩm chưa có giá: hãy sửa sản phẩm trước."))
    product.is_public = is_public
    product.save(update_fields=["is_public", "date_updated"])


@transaction.atomic
def product_delete(*, shop: Shop, product_id: int) -> bool:
    """Delete the product and its photos; one already ordered is only hidden. True if deleted."""
    product = _own_product(shop=shop, product_id=product_id)
    if product_was_ordered(product):
        product.is_public = False
        product.save(update_fields=["is_public", "date_updated"])
        return False
    files = [
        image.original
        for image in ProductImage.objects.filter(product__in=[product, *product.children.all()])
    ]
    product.children.all().delete()
    product.delete()
    transaction.on_commit(lambda: [delete_with_thumbnails(file, delete_file=True) for file in files])
    return True
