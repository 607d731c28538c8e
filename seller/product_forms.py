"""Forms of the vendor's products, imports and OCOP certificates. They shape input; services decide."""

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.images import ImageRejected, prepare_product_image
from catalogue.importing import IMPORT_MAX_BYTES, import_limits
from catalogue.services import MAX_PHOTOS, MAX_PRICE_VND, MAX_STOCK
from marketplace.money import WholeNumberField
from ocop.models import OcopCertificate
from ocop.services import clean_certificate_scan

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos at once, each checked and cleaned with Pillow before anything is saved."""

    widget = MultiplePhotoInput(attrs={"accept": "image/*"})

    def clean(self, data, initial=None):
        uploads = (
            [upload for upload in data if upload]
            if isinstance(data, list | tuple)
            else [data]
            if data
            else []
        )
        if len(uploads) > MAX_PHOTOS:
            raise ValidationError(_("Mỗi lần chọn tối đa %(n)s ảnh.") % {"n": MAX_PHOTOS})
        cleaned, problems = [], []
        for upload in uploads:
            try:
                cleaned.append(prepare_product_image(upload.read(), name=upload.name))
            except ImageRejected as problem:
                problems.append(f"{upload.name}: {problem}")
        if problems:
            raise ValidationError(problems)
        return cleaned


def category_choices() -> list[tuple[str, str]]:
    """Categories as an indented list in tree order, in one query."""
    choices = [("", _("Chọn danh mục"))]
    for category in Category.objects.order_by("path"):
        choices.append((str(category.pk), "— " * (category.depth - 1) + category.name))
    return choices


class ProductForm(forms.Form):
    title = forms.CharField(label=_("Tên sản phẩm"), max_length=255)
    category = forms.TypedChoiceField(label=_("Danh mục"), required=False, coerce=int, empty_value=None)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    price = WholeNumberField(label=_("Giá (₫)"), maximum=MAX_PRICE_VND, minimum=1, required=False)
    stock = WholeNumberField(label=_("Số lượng còn"), maximum=MAX_STOCK, required=False)
    photos = PhotosField(label=_("Thêm ảnh"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()

    def clean_category(self):
        pk = self.cleaned_data.get("category")
        return Category.objects.filter(pk=pk).first() if pk else None


class VariantForm(forms.Form):
    """A row of the variants section; an empty row is ignored."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Loại"), max_length=120, required=False)
    price = WholeNumberField(label=_("Giá (₫)"), maximum=MAX_PRICE_VND, minimum=1, required=False)
    stock = WholeNumberField(label=_("Số lượng"), maximum=MAX_STOCK, required=False)

    def clean(self):
        data = super().clean()
        filled = [data.get("name"), data.get("price"), data.get("stock")]
        if any(value not in (None, "") for value in filled):
            for name, label in (("name", _("tên loại")), ("price", _("giá")), ("stock", _("số lượng"))):
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, _("Hãy nhập %(what)s.") % {"what": label})
        return data

    @property
    def is_filled(self) -> bool:
        return bool(self.cleaned_data.get("name"))


VariantFormSet = forms.formset_factory(VariantForm, extra=2, max_num=30)


class ProductImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp sản phẩm (.csv hoặc .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in (".csv", ".xlsx"):
            raise ValidationError(_("Chỉ nhận tệp .csv hoặc .xlsx."))
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(_("Tệp quá lớn (tối đa %(megabytes)s MB).") % import_limits())
        return upload


class CertificateForm(forms.ModelForm):
    scan_upload = forms.FileField(
        label=_("Bản chụp/scan giấy chứng nhận"),
        required=False,
        help_text=_("Ảnh (JPEG, PNG, WebP, HEIC) hoặc PDF, tối đa 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Sản phẩm được công nhận"),
        queryset=Product.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = OcopCertificate
        fields = ("stars", "number", "level", "issued_on", "expires_on")
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "stars": forms.RadioSelect,
            "level": forms.RadioSelect,
        }
        help_texts = {"expires_on": _("Để trống: 36 tháng sau ngày cấp.")}

    def __init__(self, *args, shop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].required = False
        for name in ("stars", "level"):  # radio buttons: no "---------" choice
            self.fields[name].choices = OcopCertificate._meta.get_field(name).choices
        self.fields["products"].queryset = Product.objects.filter(shop=shop, parent=None).order_by("title")
        if self.instance.pk:
            self.initial["products"] = list(self.instance.products.values_list("pk", flat=True))
        else:
            self.fields["scan_upload"].required = True

    def clean_scan_upload(self):
        upload = self.cleaned_data.get("scan_upload")
        if not upload:
            return None
        return clean_certificate_scan(upload.read(), name=upload.name)

    def _post_clean(self):
        """The service validates the model; the form keeps only what the person typed."""
