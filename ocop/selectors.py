"""Reads of OCOP certificates, as their shop and their mentors see them."""

from django.db.models import Count, Prefetch, QuerySet
from oscar.core.loading import get_model

from shops.models import Shop

from .models import CertificateStatus, OcopCertificate

Product = get_model("catalogue", "Product")


def certificates_of_shop(*, shop: Shop) -> QuerySet[OcopCertificate]:
    return OcopCertificate.objects.filter(shop=shop).prefetch_related(
        Prefetch("products", queryset=Product.objects.order_by("title"))
    )


def certificates_for_review(
    *, shops: QuerySet[Shop], status: str = CertificateStatus.PENDING
) -> QuerySet[OcopCertificate]:
    """Waiting certificates oldest first (fair to who came first); decided ones newest first."""
    certificates = OcopCertificate.objects.filter(shop__in=shops, status=status).select_related("shop")
    return certificates.order_by("updated_at" if status == CertificateStatus.PENDING else "-updated_at", "pk")


def certificate_counts(*, shops: QuerySet[Shop]) -> dict[str, int]:
    """Status → number of certificates of these shops, every status present."""
    counts = dict(
        OcopCertificate.objects.filter(shop__in=shops)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {status: counts.get(status, 0) for status in CertificateStatus.values}
