"""Project-level pages: the home page and the health check."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from catalogue import selectors
from marketplace import geo
from marketplace.celery import app as celery_app
from search.freshness import catalogue_version
from search.page_cache import VisitorPageCacheMixin
from shops.selectors import live_shops

logger = logging.getLogger(__name__)

HOME_NEW_ARRIVALS = 12
HOME_OCOP = 6
HOME_SHOPS = 8


class HomeView(VisitorPageCacheMixin, TemplateView):
    """Categories, OCOP products, shops of the buyer's province, new arrivals.

    The querysets are lazy: the template reads them only when its cached sections (keyed on the
    catalogue's version) are rebuilt.
    """

    template_name = "oscar/home.html"

    def get_province_code(self) -> int | None:
        try:
            code = int(self.request.GET.get("province", ""))
        except ValueError:
            return None
        return code if geo.province_name(code) else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        province_code = self.get_province_code()
        context.update(
            catalogue_version=catalogue_version(),
            categories=selectors.top_level_categories(),
            ocop_products=selectors.ocop_products()[:HOME_OCOP],
            new_arrivals=selectors.browsable_products()[:HOME_NEW_ARRIVALS],
            shops=live_shops(province_code=province_code)[:HOME_SHOPS],
            provinces=geo.province_choices(),
            selected_province=province_code,
        )
        return context


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        return "down"
    return "ok"


def _broker_state() -> str:
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        logger.exception("health check: broker unreachable")
        return "down"
    return "ok"


@never_cache
def healthz(request):
    """200 when the database and the broker answer, 503 otherwise (for load balancers)."""
    checks = {"database": _database_state(), "broker": _broker_state()}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "down", **checks}, status=200 if healthy else 503)
