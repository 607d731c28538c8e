"""The Content-Security-Policy header (django-csp 4), with a looser policy for the back office.

settings.CONTENT_SECURITY_POLICY is the site's policy: scripts and <style> elements from this site or
carrying the response's nonce (nonce="{{ request.csp_nonce }}" in templates; the storefront's cached
pages get it filled in, see storefront/page_cache.py). Two kinds of response get another one:

- Oscar's dashboard and Django's admin (settings.CONTENT_SECURITY_POLICY_BACK_OFFICE_PREFIXES, with
  or without the /en prefix): Oscar's dashboard templates run inline scripts and handlers we do not
  override, so inline scripts and styles are allowed there, and nothing else is loosened. Only staff
  who passed the second step reach those pages.
- Server errors (500.html is rendered without a request, so its <style> cannot carry a nonce): inline
  styles allowed, scripts as strict as anywhere.
"""

import re

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def _back_office_path() -> re.Pattern:
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    prefixes = "|".join(
        re.escape(prefix.strip("/")) for prefix in settings.CONTENT_SECURITY_POLICY_BACK_OFFICE_PREFIXES
    )
    return re.compile(rf"^/(?:(?:{languages})/)?(?:{prefixes})/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        self.back_office = _back_office_path()

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts  # a view's own @csp(...) wins
        if self.back_office.match(request.path_info):
            parts.config = settings.CONTENT_SECURITY_POLICY_BACK_OFFICE
        elif response.status_code >= 500:
            parts.replace = {**(parts.replace or {}), "style-src": [SELF, UNSAFE_INLINE]}
        return parts
