"""Every payment scenario below ends with the books balanced: each test is also a test of the ledger."""

import pytest

from payments.reconciliation import books_problems


@pytest.fixture(autouse=True)
def _books_balance_at_the_end(request):
    yield
    if request.node.get_closest_marker("django_db") and "celery_worker_process" not in request.fixturenames:
        assert list(books_problems()) == []
