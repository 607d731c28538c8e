"""The site's address, set once in SITE_URL, wherever Django or Oscar write links without a request
(password-reset and Oscar's emails read the Sites framework's domain)."""

from urllib.parse import urlsplit

from django.conf import settings


def site_follows_site_url(sender, *, using="default", apps=None, **kwargs) -> None:
    """After every migrate: the current Site's domain and name are SITE_URL's host and the shop's name."""
    if apps is None or sender.label != "sites":
        return
    Site = apps.get_model("sites", "Site")
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": urlsplit(settings.SITE_URL).netloc, "name": settings.OSCAR_SHOP_NAME},
    )
