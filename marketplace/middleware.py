"""Request hygiene the whole site shares."""

from django.http import QueryDict

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _without_nul(values: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True, encoding=values.encoding)
    for key, items in values.lists():
        cleaned.setlist(key.replace("\x00", ""), [item.replace("\x00", "") for item in items])
    cleaned._mutable = False
    return cleaned


def _has_nul(values: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in item for item in items) for key, items in values.lists())


class StripNulMiddleware:
    """NUL characters never reach a query or a form: nobody types one, PostgreSQL refuses them in
    text, and a search box or a note field must not answer 500 because a link carried `%00`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET):
            request.GET = _without_nul(request.GET)
        if request.content_type in FORM_TYPES and request.method == "POST" and _has_nul(request.POST):
            request.POST = _without_nul(request.POST)
        return self.get_response(request)
