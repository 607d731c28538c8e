from django.utils.functional import SimpleLazyObject

from .permissions import is_mentor


def roles(request):
    """`is_mentor` for the navigation; asked only when a page shows it to a signed-in person."""
    return {"is_mentor": SimpleLazyObject(lambda: is_mentor(request.user))}
