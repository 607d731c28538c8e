"""The Content-Security-Policy (django-csp, marketplace/content_security_policy.py): strict on the
storefront, the vendor centre and the pay page, every inline script carrying the response's nonce,
including pages served whole from the cache; a looser policy only for Oscar's dashboard and the admin."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from order.selectors import buyer_order_path
from storefront.page_cache import NONCE_PLACEHOLDER
from tests.factories import ProductFactory, UserFactory, an_order

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
INLINE = re.compile(r"<(script|style)\b(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)
FRAGMENT = re.compile(r"{% cache .*?{% endcache %}", re.DOTALL)
HANDLER = re.compile(r"<[a-z][^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)  # onclick="…": never run under the policy


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";"))}


def nonce_of(response) -> str:
    (nonce,) = [value for value in policy(response)["script-src"] if value.startswith("'nonce-")]
    return nonce.removeprefix("'nonce-").removesuffix("'")


def assert_strict_and_every_inline_script_has_its_nonce(response):
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"][0] == "'self'" and len(directives["script-src"]) == 2
    assert "'unsafe-inline'" not in directives["script-src"] + directives["style-src"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    nonce = nonce_of(response)
    html = response.content.decode()
    inline = INLINE.findall(html)
    assert any(tag == "script" for tag, _attributes in inline)
    for tag, attributes in inline:
        assert f'nonce="{nonce}"' in attributes, f"<{tag}{attributes}> has not this response's nonce"
    return nonce


def test_a_storefront_page_a_vendor_page_and_the_pay_page_are_strict(client):
    product = ProductFactory()
    assert_strict_and_every_inline_script_has_its_nonce(client.get("/"))
    assert_strict_and_every_inline_script_has_its_nonce(client.get(product.get_absolute_url()))

    order = an_order((product, 1))
    assert_strict_and_every_inline_script_has_its_nonce(client.get(buyer_order_path(order)))

    client.force_login(UserFactory())  # no shop yet: the application form, with its script
    assert_strict_and_every_inline_script_has_its_nonce(client.get(reverse("seller:application")))


def test_a_page_served_from_the_cache_gets_a_fresh_nonce_matching_its_header(client):
    product = ProductFactory()
    url = product.get_absolute_url()

    first = client.get(url)
    kept = [value for value in cache._cache.values() if NONCE_PLACEHOLDER.encode() in value]  # pickled
    second = client.get(url)
    third = client.get(url)

    assert kept, "the page is kept with a placeholder for its nonce"
    nonces = [assert_strict_and_every_inline_script_has_its_nonce(page) for page in (first, second, third)]
    assert len(set(nonces)) == 3
    assert not any(nonce.encode() in value for value in cache._cache.values() for nonce in nonces)


def test_the_dashboard_and_the_admin_get_the_back_office_policy(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    for url in ("/dashboard/", "/admin/", "/en/dashboard/"):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"], url
        assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy(client.get("/payments/staff/"))["script-src"]


def test_a_server_error_page_may_use_its_inline_style_but_no_inline_script(rf, settings):
    from django.http import HttpResponseServerError

    from marketplace.content_security_policy import ContentSecurityPolicyMiddleware

    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponseServerError("boom"))
    request = rf.get("/")
    middleware.process_request(request)
    response = middleware.process_response(request, HttpResponseServerError("boom"))

    assert policy(response)["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy(response)["script-src"] == ["'self'"]


def test_every_inline_script_and_style_in_the_templates_carries_the_nonce_and_no_tag_has_a_handler():
    missing = []
    for path in TEMPLATES.rglob("*.html"):
        if path.name == "500.html":  # rendered without a request: its style is allowed by the policy
            continue
        for tag, attributes in INLINE.findall(path.read_text()):
            if 'nonce="{{ request.csp_nonce }}"' not in attributes:
                missing.append(f"{path.relative_to(TEMPLATES)}: <{tag}{attributes}>")
        missing += [f"{path.relative_to(TEMPLATES)}: {name}=" for name in HANDLER.findall(path.read_text())]
        for fragment in FRAGMENT.findall(path.read_text()):  # {% cache %} would keep one response's nonce
            if "csp_nonce" in fragment:
                missing.append(f"{path.relative_to(TEMPLATES)}: a nonce inside {{% cache %}}")
    assert not missing, "\n".join(missing)
