"""The vendor's products (/seller/products/): list, add, edit, photos, show/hide, delete, bulk import.

Every object is looked up inside the signed-in vendor's own shop, so another shop's product,
photo or import answers 404 whatever its number.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView
from oscar.core.loading import get_model

from catalogue import services as catalogue
from catalogue.importing import import_limits_text
from catalogue.imports import product_import_start
from catalogue.models import ProductImport
from catalogue.selectors import SHOW_CHOICES, products_of_shop
from catalogue.services import ProductInput, VariantInput
from marketplace import spreadsheets
from marketplace.private_files import PrivateFileView
from shops.permissions import can_see_import_file

from .mixins import SellingShopMixin
from .product_forms import ProductForm, ProductImportForm, VariantFormSet

Product = get_model("catalogue", "Product")


class ProductPageMixin(SellingShopMixin):
    def get_product(self, pk: int):
        """Her product; any other shop's answers 404."""
        return get_object_or_404(Product, pk=pk, shop=self.shop, parent=None)


class ProductListView(SellingShopMixin, ListView):
    template_name = "seller/products/list.html"
    context_object_name = "products"
    paginate_by = 20

    def get_queryset(self):
        show = self.request.GET.get("show", "")
        return products_of_shop(
            shop=self.shop,
            search=self.request.GET.get("q", ""),
            show=show if show in SHOW_CHOICES else "",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["q"] = self.request.GET.get("q", "").strip()
        context["show"] = self.request.GET.get("show", "")
        context["filters"] = [
            ("", _("Tất cả")),
            ("visible", _("Đang bán")),
            ("hidden", _("Đang ẩn")),
            ("out_of_stock", _("Hết hàng")),
        ]
        return context


class ProductFormView(ProductPageMixin, TemplateView):
    """One phone page for a product: details, price and stock or variants, new photos."""

    template_name = "seller/products/form.html"

    def dispatch(self, request, *args, pk: int | None = None, **kwargs):
        self.pk = pk
        return super().dispatch(request, *args, **kwargs)

    def setup_product(self):
        self.product = self.get_product(self.pk) if self.pk else None

    def initial(self) -> tuple[dict, list[dict]]:
        if self.product is None:
            return {}, []
        product = self.product
        category = product.categories.first()
        record = product.stockrecords.first()
        details = {
            "title": product.title,
            "description": product.description,
            "category": category.pk if category else None,
            "price": f"{record.price:.0f}" if record else "",
            "stock": record.num_in_stock if record else "",
        }
        variants = [
            {
                "id": child.pk,
                "name": child.title,
                "price": f"{child.stockrecords.all()[0].price:.0f}" if child.stockrecords.all() else "",
                "stock": child.stockrecords.all()[0].num_in_stock if child.stockrecords.all() else "",
            }
            for child in product.children.filter(is_public=True)
            .prefetch_related("stockrecords")
            .order_by("pk")
        ]
        return details, variants

    def get(self, request, *args, **kwargs):
        self.setup_product()
        details, variants = self.initial()
        return self.render(ProductForm(initial=details), VariantFormSet(initial=variants, prefix="variants"))

    def post(self, request, *args, **kwargs):
        self.setup_product()
        form = ProductForm(request.POST, request.FILES)
        variants = VariantFormSet(request.POST, prefix="variants")
        if form.is_valid() and variants.is_valid():
            rows = tuple(
                VariantInput(
                    name=row.cleaned_data["name"].strip(),
                    price=row.cleaned_data["price"],
                    stock=row.cleaned_data["stock"],
                    pk=row.cleaned_data.get("id"),
                )
                for row in variants
                if row.is_filled
            )
            data = form.cleaned_data
            if not rows:
                for name in ("price", "stock"):
                    if data.get(name) is None:
                        form.add_error(name, _("Hãy nhập mục này, hoặc thêm các loại sản phẩm bên dưới."))
            if form.is_valid():
                try:
                    product = catalogue.product_save(
                        shop=self.shop,
                        product_id=self.product.pk if self.product else None,
                        values=ProductInput(
                            title=data["title"],
                            description=data["description"],
                            category=data["category"],
                            price=data["price"],
                            stock=data["stock"],
                            variants=rows,
                        ),
                        photos=data["photos"],
                    )
                except ValidationError as problem:
                    form.add_error(None, problem)
                else:
                    messages.success(request, _("Đã lưu “%(title)s”.") % {"title": product.title})
                    return redirect("seller:product-edit", pk=product.pk)
        return self.render(form, variants, status=400)

    def render(self, form, variants, status: int = 200):
        product = self.product
        context = self.get_context_data(form=form, variants=variants, product=product)
        if product is not None:
            context["images"] = product.images.order_by("display_order", "pk")
            context["standing_hide"] = product.staff_hides.filter(lifted_at=None).first()
            context["was_ordered"] = catalogue.product_was_ordered(product)
        return self.render_to_response(context, status=status)


class ProductPhotoView(ProductPageMixin, View):
    """Move a photo up, down or to the cover, or delete it: small forms that work without JavaScript."""

    def post(self, request, pk: int, image_pk: int, action: str):
        product = self.get_product(pk)
        if not product.images.filter(pk=image_pk).exists():
            raise Http404
        if action == "delete":
            catalogue.product_photo_delete(shop=self.shop, product_id=product.pk, image_id=image_pk)
            messages.success(request, _("Đã xoá ảnh."))
        elif action in ("up", "down", "cover"):
            catalogue.product_photo_move(shop=self.shop, product_id=product.pk, image_id=image_pk, to=action)
        else:
            raise Http404
        return redirect(reverse("seller:product-edit", kwargs={"pk": product.pk}) + "#photos")


class ProductVisibilityView(ProductPageMixin, View):
    def post(self, request, pk: int):
        product = self.get_product(pk)
        show = request.POST.get("is_public") == "1"
        try:
            catalogue.product_set_public(shop=self.shop, product_id=product.pk, is_public=show)
        except ValidationError as problem:
            messages.error(request, " ".join(problem.messages))
        else:
            messages.success(
                request,
                (_("Đã hiện “%(title)s” cho người mua.") if show else _("Đã ẩn “%(title)s”."))
                % {"title": product.title},
            )
        if request.POST.get("next") == "edit":
            return redirect("seller:product-edit", pk=product.pk)
        return redirect("seller:products")


class ProductDeleteView(ProductPageMixin, TemplateView):
    template_name = "seller/products/delete.html"

    def get(self, request, pk: int):
        product = self.get_product(pk)
        return self.render_to_response(
            self.get_context_data(product=product, was_ordered=catalogue.product_was_ordered(product))
        )

    def post(self, request, pk: int):
        product = self.get_product(pk)
        if catalogue.product_delete(shop=self.shop, product_id=product.pk):
            messages.success(request, _("Đã xoá “%(title)s”.") % {"title": product.title})
        else:
            messages.info(
                request,
                _("“%(title)s” đã có người đặt mua nên không xoá được; sản phẩm đã được ẩn.")
                % {"title": product.title},
            )
        return redirect("seller:products")


class ProductImportView(SellingShopMixin, FormView):
    template_name = "seller/products/import.html"
    form_class = ProductImportForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["imports"] = self.shop.product_imports.all()[:5]
        context["import_limits"] = import_limits_text()
        return context

    def form_valid(self, form):
        product_import = product_import_start(
            file=form.cleaned_data["file"], uploaded_by=self.request.user, shop=self.shop
        )
        return redirect("seller:product-import", pk=product_import.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ProductImportProgressView(SellingShopMixin, DetailView):
    template_name = "seller/products/import_progress.html"
    context_object_name = "product_import"

    def get_queryset(self):
        return self.shop.product_imports.all()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "progress": import_progress(self.object)}


def import_progress(product_import: ProductImport) -> dict:
    total = product_import.total_rows
    finished = product_import.status in (ProductImport.Status.DONE, ProductImport.Status.FAILED)
    return {
        "status": product_import.status,
        "status_label": product_import.get_status_display(),
        "finished": finished,
        "total": total,
        "processed": product_import.processed_rows,
        "percent": 100 if finished else (100 * product_import.processed_rows // total if total else 0),
        "created": product_import.created_count,
        "updated": product_import.updated_count,
        "unchanged": product_import.unchanged_count,
        "rejected": len(product_import.rejected_rows),
        "failure": product_import.failure,
    }


class ProductImportStatusView(SellingShopMixin, View):
    """The small JSON the progress bar polls."""

    def get(self, request, pk: int):
        return JsonResponse(import_progress(get_object_or_404(self.shop.product_imports, pk=pk)))


class ProductImportFileView(PrivateFileView):
    """The file as uploaded, to the shop's members and union staff; 404 to anyone else."""

    attachment = True

    def get_file(self, request, pk: int):
        product_import = ProductImport.objects.select_related("shop").filter(pk=pk).first()
        if product_import is None or not can_see_import_file(request.user, product_import.shop):
            return None
        return product_import.file


class ProductImportRejectedView(SellingShopMixin, View):
    """The rejected rows as CSV (UTF-8 with BOM, so Excel shows the accents; formulas made text)."""

    def get(self, request, pk: int):
        product_import = get_object_or_404(self.shop.product_imports, pk=pk)
        return spreadsheets.csv_response(
            filename=f"dong-loi-{product_import.pk}.csv",
            header=[_("Dòng"), "sku", _("Lý do")],
            rows=([row["line"], row["sku"], row["reason"]] for row in product_import.rejected_rows),
        )
