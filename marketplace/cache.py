"""Django's Redis cache backend, keeping its redis client instead of building one per call.

Django's RedisCacheClient makes a new redis.Redis object on every cache call (about 0.25 ms each in
the storefront benchmark's profile); a cached page costs two or three calls. The client is
thread-safe and Django already keeps one cache object per thread, so one client per connection
pool is kept. The pools themselves are Django's, and reset after a fork as redis-py does.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
