"""The Django admin shows money and shop-order records to superusers, read-only: they change only
through their services."""

import pytest
from django.urls import reverse

from payments.models import BankTransfer
from payments.providers.sepay import SePay
from tests.factories import ProductFactory, UserFactory, an_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_payments_transfers_and_shop_orders_are_listed_and_shown_but_never_editable(admin_client):
    order = an_order((ProductFactory(), 1))
    transfer = BankTransfer.objects.create(provider=SePay.code, provider_transaction_id="A1", amount=5)
    shop_order = order.shop_orders.get()

    for model, obj in [
        ("payments_payment", order.payment),
        ("payments_banktransfer", transfer),
        ("order_shoporder", shop_order),
    ]:
        assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
        page = admin_client.get(reverse(f"admin:{model}_change", args=[obj.pk]))
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 403
        assert (
            admin_client.post(reverse(f"admin:{model}_delete", args=[obj.pk]), {"post": "yes"}).status_code
            == 403
        )
    assert (
        admin_client.get(reverse("admin:order_shoporder_changelist") + f"?q={order.number}").status_code
        == 200
    )
