"""Template tags of the shared layout: section links and the language switch."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from cms.models import CraftVillageIndexPage, NewsIndexPage, StoreIndexPage, TourismIndexPage

register = template.Library()

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


@register.simple_tag(takes_context=True)
def site_sections(context) -> dict[str, str]:
    """URLs of the section index pages in the active language, by section key.

    A section with no live page in this language falls back to the
    Vietnamese one, and is left out when neither exists. Every page's header
    shows them, so they are kept in the cache per language (and host, which
    a page URL may include), not read from the page tree on each request.
    """
    request = context.get("request")
    cache_attr = "_ocop_site_sections"
    if request is not None and hasattr(request, cache_attr):
        return getattr(request, cache_attr)

    language = translation.get_language() or settings.LANGUAGE_CODE
    key = SECTIONS_CACHE_KEY.format(language=language)
    host = request.get_host() if request is not None else ""
    by_host = cache.get(key) or {}
    sections = by_host.get(host)
    if sections is None:
        sections = _read_site_sections(request, language)
        cache.set(key, {**by_host, host: sections}, SECTIONS_CACHE_SECONDS)
    if request is not None:
        setattr(request, cache_attr, sections)
    return sections


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
        page = versions.get(language) or versions.get(settings.LANGUAGE_CODE)
        if page is not None:
            sections[key] = page.get_url(request=request)
    return sections


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language that keeps the reader on the same page.

    Wagtail pages link to their translation (or, if it is missing, to the home
    page of that language, flagged so the template can say so); every other
    URL is translated by Django's URL resolver.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        missing = False
        if isinstance(page, Page):
            url, missing = _page_url_in(page, code, request)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current, "missing": missing}
        )
    return links


def _page_url_in(page: Page, language_code: str, request) -> tuple[str, bool]:
    if page.locale.language_code == language_code:
        return page.get_url(request=request), False
    try:
        locale = Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        locale = None
    translation_page = page.get_translation_or_none(locale) if locale else None
    if translation_page is not None and translation_page.live:
        return translation_page.get_url(request=request), False
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""]), True
