"""A Vietnamese page nobody has translated yet, read in English (issue #15): the English
index lists it as "In Vietnamese only", and it is read at /en/<section>/<its slug>/ with
the site around it in English; its language switch leads there, not to /en/."""

import re
from datetime import date

import pytest
from wagtail.models import PageViewRestriction

from cms.models import NewsIndexPage, NewsPage, StandardPage

from .conftest import translate

pytestmark = pytest.mark.django_db

SLUG = "hoi-cho-san-pham-ocop-bac-ninh-nam-2026"
TITLE = "Hội chợ sản phẩm OCOP Bắc Ninh năm 2026"
FALLBACK = f"/en/news/{SLUG}/"


def switch(html: str) -> dict[str, str]:
    """The header's language switch: {language code: href}."""
    pattern = (
        r'<a href="([^"]*)" lang="[^"]+" hreflang="[^"]+"'
        r'(?: aria-current="true")? data-language="([^"]+)"'
    )
    return {code: href for href, code in re.findall(pattern, html)}


@pytest.fixture
def news_index(site_tree):
    return NewsIndexPage.objects.get(locale__language_code="vi")


@pytest.fixture
def vietnamese_news(news_index):
    """A news page just published in Vietnamese, as an editor does."""
    page = NewsPage(title=TITLE, slug=SLUG, intro="Hơn 300 gian hàng OCOP.", date=date(2026, 12, 1))
    news_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_english_news_index_lists_the_new_vietnamese_page(client, vietnamese_news):
    html = client.get("/en/news/").content.decode()

    assert TITLE in html
    assert "In Vietnamese only" in html
    assert f'<a href="{FALLBACK}" lang="vi">{TITLE}</a>' in html


def test_the_vietnamese_page_reads_in_english_under_the_english_section(client, vietnamese_news):
    response = client.get(FALLBACK)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 lang="vi">{TITLE}</h1>' in html
    assert "Hơn 300 gian hàng OCOP." in html
    assert 'lang="en"' in html.split(">", 2)[1]  # <html lang="en">: the site is in English
    assert 'data-testid="translation-missing"' in html
    assert "This page is not available in English yet." in html
    # One address for search engines: the Vietnamese page, with no English alternate.
    assert re.search(rf'<link rel="canonical" href="http://[^/"]+/tin-tuc/{SLUG}/">', html)
    assert 'hreflang="en" href' not in html.split("</head>")[0]
    # The trail runs through the English section.
    assert '<a href="/en/news/">News</a>' in html


def test_language_switch_of_the_vietnamese_page_leads_to_it_in_english(client, vietnamese_news):
    html = client.get(vietnamese_news.url).content.decode()

    assert switch(html) == {"vi": vietnamese_news.url, "en": FALLBACK}


def test_language_switch_in_english_leads_back_to_the_vietnamese_page(client, vietnamese_news):
    html = client.get(FALLBACK).content.decode()

    assert switch(html) == {"vi": f"/tin-tuc/{SLUG}/", "en": FALLBACK}


def test_once_translated_the_english_page_replaces_the_vietnamese_one(
    client, vietnamese_news, en_locale
):
    english = translate(vietnamese_news, en_locale, "ocop-fair-2026")
    english.title = "Bắc Ninh OCOP fair 2026"
    english.save_revision().publish()

    index = client.get("/en/news/").content.decode()
    assert "Bắc Ninh OCOP fair 2026" in index
    assert TITLE not in index
    assert "In Vietnamese only" not in index
    assert client.get(FALLBACK).status_code == 404
    assert switch(client.get(vietnamese_news.url).content.decode())["en"] == english.url


def test_an_unpublished_or_private_vietnamese_page_is_neither_listed_nor_served(
    client, vietnamese_news
):
    PageViewRestriction.objects.create(
        page=vietnamese_news, restriction_type=PageViewRestriction.LOGIN
    )
    assert TITLE not in client.get("/en/news/").content.decode()
    assert client.get(FALLBACK).status_code == 404

    PageViewRestriction.objects.all().delete()
    vietnamese_news.unpublish()
    assert TITLE not in client.get("/en/news/").content.decode()
    assert client.get(FALLBACK).status_code == 404


def test_news_in_both_languages_are_listed_newest_first(client, news_index, en_locale):
    older = NewsPage(title="Tin cũ", slug="tin-cu", date=date(2026, 1, 5))
    news_index.add_child(instance=older)
    older.save_revision().publish()
    english_older = translate(older, en_locale, "old-news")
    english_older.title = "Older news"
    english_older.save_revision().publish()
    newer = NewsPage(title="Tin mới", slug="tin-moi", date=date(2026, 6, 1))
    news_index.add_child(instance=newer)
    newer.save_revision().publish()

    html = client.get("/en/news/").content.decode()
    assert html.index("Tin mới") < html.index("Older news")
    assert "Tin cũ" not in html


def test_a_slug_taken_in_english_keeps_the_vietnamese_address(client, vietnamese_news, en_locale):
    other = NewsPage(title="Tin khác", slug="tin-khac", date=date(2026, 2, 1))
    NewsIndexPage.objects.get(locale__language_code="vi").add_child(instance=other)
    other.save_revision().publish()
    translate(other, en_locale, SLUG)  # an English page already answers /en/news/<SLUG>/

    html = client.get("/en/news/").content.decode()
    assert f'<a href="/tin-tuc/{SLUG}/" lang="vi">{TITLE}</a>' in html
    assert switch(client.get(vietnamese_news.url).content.decode())["en"] == "/en/"


def test_a_page_outside_the_section_indexes_switches_to_the_english_home(client, site_tree):
    about = StandardPage(title="Giới thiệu OCOP", slug="gioi-thieu")
    site_tree["home"].add_child(instance=about)
    about.save_revision().publish()

    assert switch(client.get(about.url).content.decode())["en"] == "/en/"


def test_english_craft_village_index_links_vietnamese_villages_in_english(client, village_page):
    html = client.get("/en/craft-villages/").content.decode()

    assert f'href="/en/craft-villages/{village_page.slug}/"' in html
    page = client.get(f"/en/craft-villages/{village_page.slug}/")
    assert page.status_code == 200
    assert "Producers of the village" in page.content.decode()


def test_english_home_links_the_vietnamese_news_into_the_english_site(client, vietnamese_news):
    html = client.get("/en/").content.decode()

    assert f'<a href="{FALLBACK}" lang="vi">{TITLE}</a>' in html
