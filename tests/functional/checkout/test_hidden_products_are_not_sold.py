"""Whatever buyers may not see, they may not buy: a product its vendor hid, one the Union hid, or a
retired variant cannot go into a basket, and one hidden while it sits in a basket stops checkout."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue import moderation
from checkout.services import CheckoutRefused, place_order
from tests.factories import MentorFactory, ProductFactory, a_basket, a_delivery
from tests.functional.checkout.test_checkout_and_payment_pages import add_to_basket, delivery_form

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def basket_items(client) -> int:
    return client.get(reverse("basket:summary")).context["basket"].num_items


def hidden_by_vendor():
    product = ProductFactory()
    Product.objects.filter(pk=product.pk).update(is_public=False)
    return product


def hidden_by_the_union():
    product = ProductFactory()
    moderation.product_hide(
        product_id=product.pk, actor=MentorFactory(provinces=[product.shop.province_code]), reason="Ảnh sai"
    )
    return product


def retired_variant():
    parent = ProductFactory(structure=Product.PARENT, stock=None)
    variant = Product.objects.create(
        parent=parent, structure=Product.CHILD, title="chai 1 lít", is_public=False
    )
    StockRecord.objects.create(
        product=variant, partner=parent.shop.partner, partner_sku="V1", price=90_000, num_in_stock=5
    )
    return variant


@pytest.mark.parametrize("hidden", [hidden_by_vendor, hidden_by_the_union, retired_variant])
def test_a_hidden_product_cannot_go_into_the_basket(client, hidden):
    product = hidden()

    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True)

    assert basket_items(client) == 0
    assert "không bán" in response.content.decode()


def test_a_product_hidden_while_in_the_basket_stops_checkout_and_nothing_is_lost(client):
    kept, hidden = ProductFactory(title="Trà sen"), ProductFactory(title="Mật ong rừng")
    add_to_basket(client, kept)
    add_to_basket(client, hidden)
    Product.objects.filter(pk=hidden.pk).update(is_public=False)

    response = client.post(reverse("checkout:index"), delivery_form())

    assert response.status_code == 409
    assert "“Mật ong rừng” không còn được bán; hãy bỏ sản phẩm này khỏi giỏ." in response.content.decode()
    assert not Order.objects.exists() and basket_items(client) == 2
    assert StockRecord.objects.get(product=kept).num_allocated in (0, None)


def test_a_hide_that_lands_after_the_basket_was_read_still_stops_the_order():
    product = ProductFactory()
    basket = a_basket((product, 1))
    basket.all_lines()  # the request has read the basket and its products already
    Product.objects.filter(pk=product.pk).update(is_public=False)

    with pytest.raises(CheckoutRefused, match="không còn được bán"):
        place_order(basket=basket, buyer=None, delivery=a_delivery())
    assert not Order.objects.exists()
