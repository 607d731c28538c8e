"""The mentors' OCOP work (/mentor/certificates/, /mentor/shops/<id>/products/): verify or reject
certificates and hide products, only for shops of her provinces."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView
from oscar.core.loading import get_model

from catalogue import moderation
from catalogue.selectors import products_of_shop
from ocop import services as certificates
from ocop.models import CertificateStatus, OcopCertificate
from ocop.selectors import certificate_counts, certificates_for_review
from shops.permissions import shops_reviewable_by

from .views import MentorRequiredMixin

Product = get_model("catalogue", "Product")


class CertificateQueueView(MentorRequiredMixin, ListView):
    """Certificates waiting in her provinces, oldest first; other statuses by tab."""

    template_name = "mentoring/certificates.html"
    context_object_name = "certificates"
    paginate_by = 50

    def get_status(self) -> str:
        status = self.request.GET.get("status", CertificateStatus.PENDING)
        return status if status in CertificateStatus.values else CertificateStatus.PENDING

    def get_queryset(self):
        return certificates_for_review(shops=shops_reviewable_by(self.request.user), status=self.get_status())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = certificate_counts(shops=shops_reviewable_by(self.request.user))
        context["tabs"] = [(value, label, counts[value]) for value, label in CertificateStatus.choices]
        context["status"] = self.get_status()
        return context


class CertificateReviewView(MentorRequiredMixin, DetailView):
    template_name = "mentoring/certificate.html"
    context_object_name = "certificate"

    def get_queryset(self):
        return OcopCertificate.objects.filter(shop__in=shops_reviewable_by(self.request.user)).select_related(
            "shop", "created_by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.select_related("actor")
        context["products"] = self.object.products.order_by("title")
        context["note"] = kwargs.get("note", "")
        return context

    def post(self, request, pk: int):
        self.object = self.get_object()
        note = request.POST.get("note", "")
        action = request.POST.get("action")
        try:
            if action == "verify":
                certificates.certificate_verify(certificate_id=pk, mentor=request.user, note=note)
            elif action == "reject":
                certificates.certificate_reject(certificate_id=pk, mentor=request.user, reason=note)
            else:
                raise ValidationError(_("Quyết định không hợp lệ."))
        except (ValidationError, PermissionDenied) as problem:
            messages.error(request, " ".join(getattr(problem, "messages", [str(problem)])))
            self.object.refresh_from_db()
            return self.render_to_response(self.get_context_data(note=note), status=400)
        self.object.refresh_from_db()
        messages.success(
            request,
            _("Giấy chứng nhận số %(number)s: %(status)s.")
            % {"number": self.object.number, "status": self.object.get_status_display()},
        )
        return redirect("mentor:certificates")


class ShopProductsView(MentorRequiredMixin, ListView):
    """A shop's whole catalogue, hidden products included, with the Union's hide and lift."""

    template_name = "mentoring/shop_products.html"
    context_object_name = "products"
    paginate_by = 30

    def get(self, request, *args, **kwargs):
        self.shop = get_object_or_404(shops_reviewable_by(request.user), pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return products_of_shop(shop=self.shop, search=self.request.GET.get("q", ""))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "shop": self.shop, "q": self.request.GET.get("q", "")}


class ProductHideView(MentorRequiredMixin, View):
    def post(self, request, pk: int):
        product = get_object_or_404(Product, pk=pk, parent=None, shop__in=shops_reviewable_by(request.user))
        try:
            if request.POST.get("action") == "lift":
                moderation.product_hide_lift(product_id=product.pk, actor=request.user)
                messages.success(request, _("Đã bỏ lệnh ẩn “%(title)s”.") % {"title": product.title})
            else:
                moderation.product_hide(
                    product_id=product.pk, actor=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(
                    request, _("Đã ẩn “%(title)s” và báo cho người bán.") % {"title": product.title}
                )
        except (ValidationError, PermissionDenied) as problem:
            messages.error(request, " ".join(getattr(problem, "messages", [str(problem)])))
        return redirect("mentor:shop-products", pk=product.shop_id)
