"""Links read from the page tree for every page: header sections, footer pages, store pages.

Kept in the cache per language and host, dropped whenever a page is
published, unpublished, moved or deleted or the footer's choice changes
(cms.apps), so pages pay no query for them once warm.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from wagtail.models import Page

from cms.models import (
    CraftVillageIndexPage,
    NewsIndexPage,
    SiteLinks,
    StoreIndexPage,
    StorePage,
    TourismIndexPage,
)

SECTION_TYPES = {
    "craft_villages": CraftVillageIndexPage,
    "tourism": TourismIndexPage,
    "stores": StoreIndexPage,
    "news": NewsIndexPage,
}


SECTIONS_CACHE_KEY = "site-sections:{language}"
# Invalidated on every page publish, unpublish, move and delete; the timeout
# only bounds what a change made outside Wagtail (raw SQL) could leave.
SECTIONS_CACHE_SECONDS = 24 * 60 * 60


def site_sections_cache_keys() -> list[str]:
    return [SECTIONS_CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES]


def forget_site_sections(**kwargs) -> None:
    """A page was published, unpublished, moved or deleted: the header's links are read again.

    Again once the change commits: a page rendered while it was uncommitted
    may have cached the old links in between.
    """
    keys = site_sections_cache_keys()
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def site_tree_links(request) -> dict[str, dict]:
    """Sections, footer pages and store pages of the active language, read from the page tree.

    Every page's header and footer show them, so they are kept in the cache
    per language (and host, which a page URL may include), not read from the
    page tree on each request; forget_site_sections drops them on any change.
    """
    cache_attr = "_ocop_site_links"
    if request is not None and hasattr(request, cache_attr):
        return getattr(request, cache_attr)

    language = translation.get_language() or settings.LANGUAGE_CODE
    key = SECTIONS_CACHE_KEY.format(language=language)
    host = request.get_host() if request is not None else ""
    by_host = cache.get(key) or {}
    links = by_host.get(host)
    if links is None:
        links = {
            "sections": _read_site_sections(request, language),
            "links": _read_footer_links(request, language),
            "stores": _read_store_pages(request, language),
        }
        cache.set(key, {**by_host, host: links}, SECTIONS_CACHE_SECONDS)
    if request is not None:
        setattr(request, cache_attr, links)
    return links


def _in_language(versions: dict[str, Page], language: str) -> Page | None:
    return versions.get(language) or versions.get(settings.LANGUAGE_CODE)


def _read_site_sections(request, language: str) -> dict[str, str]:
    """One query for all four section indexes, in every language."""
    pages = (
        Page.objects.live()
        .filter(content_type__model__in=[m._meta.model_name for m in SECTION_TYPES.values()])
        .filter(content_type__app_label="cms")
        .select_related("locale", "content_type")
    )
    by_key: dict[str, dict[str, Page]] = {}
    for page in pages:
        for key, model in SECTION_TYPES.items():
            if page.content_type.model == model._meta.model_name:
                by_key.setdefault(key, {})[page.locale.language_code] = page
    sections = {}
    for key, versions in by_key.items():
        page = _in_language(versions, language)
        if page is not None:
            sections[key] = page.get_url(request=request)
    return sections


def _read_footer_links(request, language: str) -> dict[str, str]:
    """Two queries: the chosen pages, then the live versions of them in every language."""
    chosen = SiteLinks.objects.first()
    if chosen is None:
        return {}
    ids = {key: getattr(chosen, f"{field}_id") for key, field in SiteLinks.LINKS}
    keys = dict(
        Page.objects.filter(pk__in=[i for i in ids.values() if i]).values_list(
            "pk", "translation_key"
        )
    )
    versions: dict = {}
    pages = Page.objects.live().filter(translation_key__in=keys.values()).select_related("locale")
    for page in pages:
        versions.setdefault(page.translation_key, {})[page.locale.language_code] = page
    links = {}
    for key, page_id in ids.items():
        page = _in_language(versions.get(keys.get(page_id), {}), language)
        if page is not None:
            links[key] = page.get_url(request=request)
    return links


def _read_store_pages(request, language: str) -> dict[int, str]:
    """One query: the live store page of every store, by store id."""
    by_store: dict[int, dict[str, Page]] = {}
    for page in StorePage.objects.live().select_related("locale"):
        by_store.setdefault(page.store_id, {})[page.locale.language_code] = page
    urls = {}
    for store_id, versions in by_store.items():
        page = _in_language(versions, language)
        if page is not None:
            urls[store_id] = page.get_url(request=request)
    return urls


def store_page_url(request, store) -> str | None:
    """The URL of a store's live store page in the active language (or Vietnamese), or None."""
    return site_tree_links(request)["stores"].get(store.pk)
