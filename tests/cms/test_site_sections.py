"""The header's section links come from the cache, and follow every page change at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import NewsIndexPage, TourismIndexPage

pytestmark = pytest.mark.django_db


def _header_links(client, url: str = "/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    return page[: page.index("</header>")]


def _news_index(site_tree) -> NewsIndexPage:
    return NewsIndexPage.objects.child_of(site_tree["home"]).get()


def test_the_section_links_are_read_once_then_come_from_the_cache(client, site_tree):
    client.get("/shop/catalogue/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/shop/catalogue/")
    section_reads = [q for q in queries.captured_queries if "django_content_type" in q["sql"]]
    assert section_reads == []


def test_each_language_has_its_own_links(client, site_tree):
    english_news = _news_index(site_tree).get_translation(site_tree["home_en"].locale)
    assert f'href="{_news_index(site_tree).url}"' in _header_links(client)
    assert f'href="{english_news.url}"' in _header_links(client, "/en/")


def test_an_unpublished_section_leaves_the_header_and_comes_back_when_published(client, site_tree):
    news = _news_index(site_tree)
    assert f'href="{news.url}"' in _header_links(client)

    news.unpublish()
    assert f'href="{news.url}"' not in _header_links(client)

    news.save_revision().publish()
    assert f'href="{news.url}"' in _header_links(client)


def test_a_renamed_section_is_linked_at_its_new_address(client, site_tree):
    news = _news_index(site_tree)
    _header_links(client)
    news.slug = "ban-tin"
    news.save_revision().publish()
    header = _header_links(client)
    assert 'href="/ban-tin/"' in header


def test_a_moved_section_is_linked_at_its_new_address(client, site_tree):
    news = _news_index(site_tree)
    tourism = TourismIndexPage.objects.child_of(site_tree["home"]).get()
    old_url = tourism.url
    assert f'href="{old_url}"' in _header_links(client)
    tourism.move(news, pos="last-child")
    tourism.refresh_from_db()
    header = _header_links(client)
    assert f'href="{old_url}"' not in header
    assert f'href="{tourism.url}"' in header


def test_a_deleted_section_leaves_the_header(client, site_tree):
    news = _news_index(site_tree)
    url = news.url
    assert f'href="{url}"' in _header_links(client)
    news.delete()
    assert f'href="{url}"' not in _header_links(client)
