"""One version number for everything buyers see of the catalogue, used in every listing cache key.

Receivers bump it whenever a product, stock record, photo, category or shop is saved or deleted.
Bulk writes (the importer's bulk_create/bulk_update) send no signals, so the version also carries a
fingerprint of the newest product and stock record (index-only MAX() lookups), read at most once a
second per process: a bulk import shows within a second, every other write at once.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import connection, transaction
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

VERSION_KEY = "catalogue:version"
LISTING_TIMEOUT = 10 * 60  # a safety net: keys change on every write anyway
FINGERPRINT_SECONDS = 1.0

_fingerprint_memo: dict[str, tuple[float, str]] = {}


def _bump() -> None:
    if not cache.add(VERSION_KEY, 1, timeout=None):
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # evicted between add() and incr()
            cache.add(VERSION_KEY, 1, timeout=None)


def catalogue_changed() -> None:
    """Now for this transaction's own reads, and again after commit so that a page read meanwhile by
    another process (still seeing the old rows) cannot stay cached under the new version."""
    _bump()
    transaction.on_commit(_bump)


def _fingerprint() -> str:
    now = time.monotonic()
    alias = connection.alias
    read_at, value = _fingerprint_memo.get(alias, (0.0, ""))
    if now - read_at < FINGERPRINT_SECONDS and not connection.in_atomic_block:
        return value
    value = _read_fingerprint()
    _fingerprint_memo[alias] = (now, value)
    return value


def _read_fingerprint() -> str:
    product, stock = (connection.ops.quote_name(model._meta.db_table) for model in (Product, StockRecord))
    with connection.cursor() as cursor:
        cursor.execute(  # table names from the models' metadata, no user input
            f"SELECT (SELECT MAX(id) FROM {product}), (SELECT MAX(date_updated) FROM {product}),"  # noqa: S608
            f" (SELECT MAX(id) FROM {stock}), (SELECT MAX(date_updated) FROM {stock})"
        )
        row = cursor.fetchone()
    return hashlib.blake2s(repr(row).encode(), digest_size=6).hexdigest()


def catalogue_version() -> str:
    """The catalogue's current version, for cache keys (one cache read, one small query)."""
    return f"{cache.get(VERSION_KEY, 0)}-{_fingerprint()}"


def catalogue_version_and_cached(*keys: str) -> tuple[str, dict]:
    """The catalogue's current version and the values cached under `keys`, in one cache round trip:
    for values that carry the version they were built for instead of having it in their key."""
    values = cache.get_many([VERSION_KEY, *keys])
    return f"{values.pop(VERSION_KEY, 0)}-{_fingerprint()}", values
