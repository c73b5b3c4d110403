"""Fixtures shared by every test package."""

import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from oscar.test.factories import CategoryFactory
from wagtail.models import Locale

from storefront.demo import steps
from tests.factories import create_product, verified_producer


def pytest_collection_modifyitems(items):
    """Skip PostgreSQL-only tests on SQLite, saying why."""
    skip = pytest.mark.skip(
        reason="needs PostgreSQL (row locks, concurrency): set DATABASE_URL=postgres://…"
    )
    if connection.vendor != "postgresql":
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _default_language():
    """Start every test in Vietnamese.

    A request to an /en/ URL leaves English active in the thread afterwards,
    which would make the next test's `title=` write the English column.
    """
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploads of one test never land in var/media or in another test's files."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path_factory.mktemp("private-media"))
    # sorl-thumbnail remembers in the shared cache which thumbnails it made; an
    # earlier test's would be named here but missing from this MEDIA_ROOT (a
    # broken image in the browser tests). Its own keys per test, like the files.
    settings.THUMBNAIL_KEY_PREFIX = f"sorl-{uuid.uuid4().hex}"


@pytest.fixture(autouse=True)
def _fresh_search_directories():
    """Each test's database starts over, so search's cached directories and vocabulary must too.

    A rolled-back test sends no signals, and its data would otherwise stay in
    the cache for the next test under the same version.
    """

    from catalogue.models import VOCABULARY_CACHE_KEY
    from storefront.search import forget_directories

    forget_directories()
    cache.delete(VOCABULARY_CACHE_KEY)


@pytest.fixture(autouse=True)
def _fresh_site_sections():
    """The header's section links are cached until a page changes; a rolled-back
    test sends no signal, so each test starts without them."""

    from cms.links import site_sections_cache_keys

    cache.delete_many(site_sections_cache_keys())


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counters(settings):
    """Request-limit counters live in the shared cache: each test starts with none.

    Otherwise a test's searches count towards the next test's limit (same
    address, same minute). See storefront/ratelimits.py.
    """
    import uuid

    settings.RATELIMIT_CACHE_PREFIX = f"rl-{uuid.uuid4().hex}:"


@pytest.fixture
def site_tree(db):
    """The Vietnamese home page, the four section indexes, and their English copies.

    Built with the same steps as the demo data.
    """
    steps.load_home_page()
    steps.load_section_pages()
    steps.load_translations()
    home = steps._vietnamese_home()
    return {"home": home, "home_en": home.get_translation(Locale.objects.get(language_code="en"))}


@pytest.fixture
def food_category(db):
    return CategoryFactory(name_vi="Thực phẩm", name_en="Food", name="Thực phẩm")


@pytest.fixture
def product_producer(db):
    """Who makes `product`; test packages with producers of their own override it."""
    return verified_producer()


@pytest.fixture
def product(db, food_category, product_producer):
    """One bilingual, in-stock product priced in whole đồng, by a verified producer."""
    item = create_product(
        title="Bánh đa nem Thổ Hà",
        price=Decimal("125000"),
        num_in_stock=10,
        upc="OCOP-0001",
        producer=product_producer,
    )
    item.title_vi, item.title_en = "Bánh đa nem Thổ Hà", "Tho Ha rice paper"
    item.save()
    item.categories.add(food_category)
    return item
