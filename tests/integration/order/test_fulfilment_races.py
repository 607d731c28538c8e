"""Two members of a shop tapping "Nhận đơn" on the same order at the same moment: one move lands."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections

from order import transitions as fulfilment
from order.models import ShopOrderStatus
from payments.transitions import payment_confirm_by_hand
from tests.factories import ProductFactory, UserFactory, an_order


@pytest.mark.django_db(transaction=True)
def test_two_members_starting_the_same_order_leave_one_move_in_the_log():
    order = an_order((ProductFactory(), 1))
    payment_confirm_by_hand(payment_id=order.payment.pk, actor=UserFactory(is_staff=True), note="Sao kê")
    shop_order = order.shop_orders.get()
    owner, helper = shop_order.shop.members.get(), UserFactory()
    shop_order.shop.memberships.create(user=helper)
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def start_processing(name, member):
        try:
            start.wait()
            fulfilment.shop_order_start_processing(shop_order_id=shop_order.pk, actor=member)
            outcomes[name] = "done"
        except (ValidationError, OperationalError) as refused:  # refused by status, or SQLite's lock
            outcomes[name] = type(refused).__name__
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=start_processing, args=(name, member))
        for name, member in [("owner", owner), ("helper", helper)]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert list(outcomes.values()).count("done") == 1, outcomes
    shop_order.refresh_from_db()
    assert shop_order.status == ShopOrderStatus.PROCESSING
    assert shop_order.events.filter(to_status=ShopOrderStatus.PROCESSING).count() == 1
    if connection.vendor == "postgresql":  # row locks: the second waits, then is told the new status
        assert "TransitionRefused" in outcomes.values()
