import pytest
from oscar.core.loading import get_model

from checkout.services import CheckoutRefused, place_order
from order.models import ShopOrderStatus
from payments.models import PaymentStatus
from payments.references import is_reference
from shops.models import ShopStatus
from tests.factories import ProductFactory, ShopFactory, a_basket, a_delivery, an_order

StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def test_one_order_one_payment_and_one_shop_order_per_shop():
    tea = ProductFactory(stock__price=120_000, shop=ShopFactory(shipping_fee=25_000))
    honey = ProductFactory(stock__price=90_000, shop=ShopFactory(shipping_fee=30_000))
    order = an_order((tea, 2), (honey, 1))

    shop_orders = {so.shop_id: so for so in order.shop_orders.all()}
    assert shop_orders[tea.shop_id].items_total == 240_000
    assert shop_orders[tea.shop_id].shipping_fee == 25_000
    assert shop_orders[honey.shop_id].total == 120_000
    assert {line.shop_order.shop_id for line in order.lines.all()} == {tea.shop_id, honey.shop_id}
    assert [line.title for line in shop_orders[tea.shop_id].lines.all()] == [tea.title]
    assert all(so.status == ShopOrderStatus.AWAITING_PAYMENT for so in shop_orders.values())
    assert order.payment.amount_due == 240_000 + 25_000 + 120_000 == int(order.total_incl_tax)
    assert order.payment.status == PaymentStatus.PENDING and is_reference(order.payment.reference)
    assert order.shipping_address.province_code == 1 and order.guest_email == "mai@example.vn"


def test_free_shipping_from_the_shops_threshold():
    shop = ShopFactory(shipping_fee=30_000, free_shipping_from=300_000)
    order = an_order((ProductFactory(shop=shop, stock__price=150_000), 2))
    assert order.shop_orders.get().shipping_fee == 0
    assert order.payment.amount_due == 300_000


def test_stock_is_reserved_and_an_oversold_basket_writes_nothing():
    scarce = ProductFactory(stock__num_in_stock=3)
    an_order((scarce, 2))
    assert StockRecord.objects.get(product=scarce).num_allocated == 2

    basket = a_basket((ProductFactory(), 1))
    basket.add_product(scarce, 1)
    StockRecord.objects.filter(product=scarce).update(num_allocated=3)  # someone else took the last one
    with pytest.raises(CheckoutRefused, match="đã hết hàng"):
        place_order(basket=basket, buyer=None, delivery=a_delivery())
    assert basket.lines.count() == 2 and basket.status == "Open"
    assert not get_model("order", "Order").objects.filter(basket=basket).exists()


def test_a_suspended_shops_products_cannot_be_ordered():
    product = ProductFactory()
    basket = a_basket((product, 1))
    type(product.shop).objects.filter(pk=product.shop_id).update(status=ShopStatus.SUSPENDED)
    basket = type(basket).objects.get(pk=basket.pk)
    basket.strategy = a_basket().strategy
    with pytest.raises(CheckoutRefused):
        place_order(basket=basket, buyer=None, delivery=a_delivery())


def test_a_variants_line_names_its_product_too():
    parent = ProductFactory(title="Mật ong hoa nhãn", structure="parent", stock=None)
    variant = type(parent).objects.create(parent=parent, structure="child", title="1 lít", is_public=True)
    StockRecord.objects.create(
        product=variant, partner=parent.shop.partner, partner_sku="V1", price=250_000, num_in_stock=3
    )

    order = an_order((variant, 1))

    assert order.lines.get().title == "Mật ong hoa nhãn – 1 lít"
