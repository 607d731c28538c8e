"""The marketplace's URLs plus /bench/bare/: a bare Django view rendering a 20 KB template.

It exists only under bench/settings.py, the yardstick every storefront page is measured against.
"""

from pathlib import Path

from django.http import HttpResponse
from django.template import Context, Engine
from django.urls import path

from marketplace.urls import urlpatterns as marketplace_urlpatterns

BARE_TEMPLATE = Engine().from_string((Path(__file__).parent / "bare.html").read_text())


def bare_view(request):
    items = [{"name": f"Sản phẩm {n}", "price": 150_000 + n * 1000} for n in range(24)]
    return HttpResponse(BARE_TEMPLATE.render(Context({"items": items, "title": "Chợ Sen"})))


urlpatterns = [path("bench/bare/", bare_view), *marketplace_urlpatterns]
