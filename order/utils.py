"""Oscar's order creator, with stock allocated so that two buyers can never both take the last unit."""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.apps.order.utils import OrderNumberGenerator  # noqa: F401  (Oscar loads it from here)
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


class OutOfStock(Exception):
    """Not enough units left of a product; the message is for the buyer."""


def allocate_stock(*, stockrecord: StockRecord, quantity: int, title: str) -> None:
    """Reserve units in one conditional UPDATE: the database, not a read beforehand, decides.

    Oscar's own `allocate` adds without checking, so two buyers could both take the last unit.
    """
    reserved = StockRecord.objects.filter(
        pk=stockrecord.pk, num_in_stock__gte=Coalesce(F("num_allocated"), 0) + quantity
    ).update(num_allocated=Coalesce(F("num_allocated"), 0) + quantity)
    if not reserved:
        raise OutOfStock(_("“%(title)s” không còn đủ hàng.") % {"title": title})
    stockrecord.refresh_from_db(fields=["num_allocated"])
    stockrecord.post_save_signal()  # as Oscar's allocate does: caches hear of the change


class OrderCreator(OscarOrderCreator):
    def create_line_models(self, order, basket_line, extra_line_fields=None):
        """A variant's line names its product too ("Mật ong hoa nhãn – 1 lít"), as the buyer chose it:
        on the pay page, in emails and in the vendor's order, "1 lít" alone says nothing."""
        product = basket_line.product
        if product.is_child:
            title = f"{product.parent.title} – {product.title}"[:255]
            extra_line_fields = {**(extra_line_fields or {}), "title": title}
        return super().create_line_models(order, basket_line, extra_line_fields)

    def update_stock_records(self, line):
        if line.product.get_product_class().track_stock:
            allocate_stock(
                stockrecord=line.stockrecord, quantity=line.quantity, title=line.product.get_title()
            )
