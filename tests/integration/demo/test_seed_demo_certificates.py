"""Demo OCOP stars come from verified demo certificates, and one certificate waits for a mentor."""

import pytest
from oscar.core.loading import get_model

from demo.seeding import seed_demo
from ocop.models import CertificateStatus, OcopCertificate

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def test_every_demo_star_is_backed_by_a_verified_certificate_and_mentors_find_one_waiting():
    first = seed_demo(shop_count=3, product_count=30)

    starred = Product.objects.filter(ocop_stars__isnull=False)
    assert starred.exists()
    for product in starred:
        verified = product.ocop_certificates.filter(status=CertificateStatus.VERIFIED)
        assert product.ocop_stars == max(verified.values_list("stars", flat=True))
    pending = OcopCertificate.objects.get(status=CertificateStatus.PENDING)
    assert pending.scan and pending.products.get().ocop_stars is None
    assert first.certificates_created == OcopCertificate.objects.count()

    assert seed_demo(shop_count=3, product_count=30).certificates_created == 0
