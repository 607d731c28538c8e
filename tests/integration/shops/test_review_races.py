"""Two mentors deciding on the same application at the same moment: exactly one decision lands."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections

from shops import review
from shops.models import Shop, ShopStatus
from tests.factories import MentorFactory, an_application


@pytest.mark.django_db(transaction=True)
def test_an_approval_and_a_rejection_racing_leave_one_decision_in_the_log():
    shop = an_application(status=ShopStatus.SUBMITTED)
    first, second = MentorFactory(), MentorFactory()
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def decide(name, call):
        try:
            start.wait()
            call()
            outcomes[name] = "done"
        except (ValidationError, OperationalError) as refused:  # refused by status, or SQLite's lock
            outcomes[name] = type(refused).__name__
        finally:
            connections.close_all()

    threads = [
        threading.Thread(
            target=decide, args=("approve", lambda: review.shop_approve(shop_id=shop.pk, mentor=first))
        ),
        threading.Thread(
            target=decide,
            args=(
                "reject",
                lambda: review.shop_reject(shop_id=shop.pk, mentor=second, reason="Trùng gian hàng."),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()).count("done") == 1, outcomes
    shop.refresh_from_db()
    decisions = list(
        shop.review_events.exclude(from_status=ShopStatus.DRAFT).values_list("to_status", flat=True)
    )
    assert decisions == [shop.status]
    assert (shop.partner_id is not None) == (shop.status == ShopStatus.APPROVED)
    if connection.vendor == "postgresql":  # row locks: the loser waits, then is told the new status
        assert "TransitionRefused" in outcomes.values()
    assert Shop.objects.filter(pk=shop.pk, status__in=[ShopStatus.APPROVED, ShopStatus.REJECTED]).exists()
