"""The vendor's OCOP certificates (/seller/certificates/): record one, follow its check, edit it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from ocop import services as certificates
from ocop.models import OcopCertificate
from ocop.selectors import certificates_of_shop

from .mixins import SellingShopMixin
from .product_forms import CertificateForm


class CertificateListView(SellingShopMixin, ListView):
    template_name = "seller/certificates/list.html"
    context_object_name = "certificates"

    def get_queryset(self):
        return certificates_of_shop(shop=self.shop).prefetch_related("events")


class CertificateFormView(SellingShopMixin, TemplateView):
    template_name = "seller/certificates/form.html"

    def get_certificate(self, pk: int | None) -> OcopCertificate | None:
        return get_object_or_404(OcopCertificate, pk=pk, shop=self.shop) if pk else None

    def get(self, request, pk: int | None = None):
        certificate = self.get_certificate(pk)
        form = CertificateForm(instance=certificate, shop=self.shop)
        return self.render_to_response(self.get_context_data(form=form, certificate=certificate))

    def post(self, request, pk: int | None = None):
        certificate = self.get_certificate(pk)
        form = CertificateForm(request.POST, request.FILES, instance=certificate, shop=self.shop)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = certificates.certificate_save(
                    shop=self.shop,
                    actor=request.user,
                    certificate_id=certificate.pk if certificate else None,
                    values=certificates.CertificateInput(
                        stars=data["stars"],
                        number=data["number"],
                        level=data["level"],
                        issued_on=data["issued_on"],
                        expires_on=data["expires_on"],
                        product_ids=tuple(product.pk for product in data["products"]),
                        scan=data["scan_upload"],
                    ),
                )
            except ValidationError as problem:
                if hasattr(problem, "error_dict"):
                    for field, errors in problem.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, problem)
            else:
                messages.success(
                    request,
                    _("Đã lưu giấy chứng nhận số %(number)s. Cán bộ Hội sẽ xác minh.")
                    % {"number": saved.number}
                    if saved.status == "pending"
                    else _("Đã lưu giấy chứng nhận số %(number)s.") % {"number": saved.number},
                )
                return redirect("seller:certificates")
        return self.render_to_response(self.get_context_data(form=form, certificate=certificate), status=400)
