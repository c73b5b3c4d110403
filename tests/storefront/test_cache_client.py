"""The Redis cache backend keeps one redis-py client per connection pool (storefront/cache.py)."""

import os

from django.core.cache import caches

from storefront.cache import ReusedClientRedisCache

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"


def _backend(location=REDIS_URL):
    return ReusedClientRedisCache(location, {"KEY_PREFIX": "cache-client-test"})


def test_every_call_shares_one_client_and_values_round_trip():
    cache = _backend()
    cache.set("pair", ("bánh", 1), timeout=30)
    cache.set("counter", 1, timeout=30)
    assert cache.incr("counter") == 2
    assert cache.get("pair") == ("bánh", 1)
    assert cache.get_many(["pair", "missing"]) == {"pair": ("bánh", 1)}
    clients = {id(cache._cache.get_client(write=w)) for w in (False, True, False)}
    assert len(clients) == 1
    assert cache._cache.get_client().connection_pool is cache._cache._pools[0]
    cache.delete_many(["pair", "counter"])
    assert cache.get("pair") is None


def test_reads_and_writes_go_to_their_own_servers_with_one_client_each():
    cache = _backend(f"{REDIS_URL},{REDIS_URL}")
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client(write=False)  # the second server: the only replica
    assert writer is not reader
    assert writer is cache._cache.get_client(write=True)
    assert reader is cache._cache.get_client(write=False)
    assert reader.connection_pool is cache._cache._pools[1]


def test_the_settings_use_it_whenever_redis_is_configured(settings):
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "storefront.cache.ReusedClientRedisCache"
        assert isinstance(caches["default"], ReusedClientRedisCache)
    else:
        assert backend.endswith("LocMemCache")
