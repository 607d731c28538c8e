"""The Redis cache keeps one client per connection pool (building one costs on every cache call)."""

from marketplace.cache import ReusingRedisCache


def test_every_call_gets_the_same_client_for_one_pool_and_none_is_built_before_use():
    cache = ReusingRedisCache("redis://127.0.0.1:6379/15", {})  # no connection is made here
    client = cache._cache.get_client()

    assert cache._cache.get_client("any-key") is client
    assert cache._cache.get_client(write=True) is client  # one server: reads and writes share pool 0
    assert client.connection_pool is cache._cache._get_connection_pool(False)


def test_replicas_each_keep_their_own_client():
    cache = ReusingRedisCache("redis://127.0.0.1:6379/15,redis://127.0.0.1:6380/15", {})
    writer = cache._cache.get_client(write=True)
    readers = {cache._cache.get_client() for _ in range(20)}

    assert writer.connection_pool.connection_kwargs["port"] == 6379
    assert all(reader.connection_pool.connection_kwargs["port"] == 6380 for reader in readers)
    assert len(readers) == 1
