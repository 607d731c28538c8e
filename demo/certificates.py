"""Demo OCOP certificates: a verified one for each shop's starred products (so the stars buyers see
come from certificates, as in real life) and one waiting for its mentor, so mentors find work."""

import datetime
import io

from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from PIL import Image, ImageDraw

from ocop.models import CertificateEvent, CertificateStatus, OcopCertificate
from ocop.services import VALID_FOR_MONTHS, add_months, ocop_stars_recompute
from shops.models import Shop

from .pictures import _font

Product = get_model("catalogue", "Product")

ISSUED_ON = datetime.date(2025, 4, 15)


def _scan(*, shop: Shop, stars: int, number: str) -> ContentFile:
    """A plain drawing of a certificate: enough for a mentor to click through."""
    image = Image.new("RGB", (1200, 850), (255, 252, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, 1170, 820), outline=(190, 40, 40), width=12)
    draw.text((600, 170), "GIẤY CHỨNG NHẬN", font=_font(64), fill=(190, 40, 40), anchor="mm")
    draw.text((600, 260), f"Sản phẩm OCOP {stars} sao", font=_font(48), fill=(40, 40, 40), anchor="mm")
    draw.text((600, 380), shop.name, font=_font(40, bold=False), fill=(40, 40, 40), anchor="mm")
    draw.text((600, 470), "★" * stars, font=_font(72), fill=(220, 160, 0), anchor="mm")
    draw.text((600, 700), f"Số: {number}", font=_font(32, bold=False), fill=(80, 80, 80), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"{number.lower()}.jpg")


def _certificate(*, shop: Shop, stars: int, products: list, status: str) -> bool:
    number = f"OCOP-{shop.province_code:02d}-{shop.pk:04d}-{stars}{'C' if status == 'pending' else ''}"
    if OcopCertificate.objects.filter(shop=shop, number=number).exists():
        return False
    certificate = OcopCertificate.objects.create(
        shop=shop,
        stars=stars,
        number=number,
        level=OcopCertificate.Level.PROVINCE,
        issued_on=ISSUED_ON,
        expires_on=add_months(ISSUED_ON, VALID_FOR_MONTHS),
        scan=_scan(shop=shop, stars=stars, number=number),
        status=status,
    )
    certificate.products.set(products)
    CertificateEvent.objects.create(
        certificate=certificate, from_status="", to_status=status, note="Dữ liệu mẫu", notified_at=ISSUED_ON
    )
    return True


def seed_certificates(*, shops: list[Shop], stars_by_sku: dict[str, int]) -> int:
    """Certificates for the starred demo products, then their stars recomputed. Idempotent."""
    created = 0
    products = Product.objects.filter(shop__in=shops, upc__in=list(stars_by_sku)).order_by("upc")
    groups: dict[tuple[int, int], list] = {}
    for product in products:
        groups.setdefault((product.shop_id, stars_by_sku[product.upc]), []).append(product)
    by_pk = {shop.pk: shop for shop in shops}
    for (shop_id, stars), covered in groups.items():
        created += _certificate(
            shop=by_pk[shop_id], stars=stars, products=covered, status=CertificateStatus.VERIFIED
        )
    unstarred = Product.objects.filter(shop__in=shops[:1], parent=None).exclude(upc__in=list(stars_by_sku))
    first = unstarred.order_by("upc").first()
    if first is not None:  # one application of stars waiting in the first shop's province
        created += _certificate(shop=shops[0], stars=3, products=[first], status=CertificateStatus.PENDING)
    ocop_stars_recompute(product_ids=Product.objects.filter(shop__in=shops).values_list("pk", flat=True))
    return created
