"""Developer defaults: DEBUG on, SQLite and the embedded broker unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
INTERNAL_IPS = ["127.0.0.1"]
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
