"""A search document per listed product: its words folded to plain ASCII, ready for LIKE and trigrams.

Folding once at write time (Python's strip_diacritics, the same function that folds the query) means
"nuoc mam", "Nước mắm" and "nươc mám" all meet on "nuoc mam", on PostgreSQL and SQLite alike.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductDocument(models.Model):
    product = models.OneToOneField(
        "catalogue.Product", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    title = models.TextField(_("Tên (không dấu)"))
    text = models.TextField(
        _("Nội dung tìm kiếm (không dấu)"), help_text=_("Tên, gian hàng, danh mục, mô tả.")
    )
    source_updated = models.DateTimeField(_("Sản phẩm sửa lúc"), db_index=True)

    class Meta:
        verbose_name = _("Tài liệu tìm kiếm")
        verbose_name_plural = _("Tài liệu tìm kiếm")

    def __str__(self) -> str:
        return self.title
