"""Template tags of the shared layout: section, footer and store links, the language switch."""

from django import template
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, Sum
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from catalogue.models import ProducerMembership
from cms.links import site_tree_links, store_page_url
from cms.selectors import fallback_urls
from storefront.partner.models import Partner

register = template.Library()


@register.simple_tag(takes_context=True)
def site_sections(context) -> dict[str, str]:
    """URLs of the section index pages in the active language, by section key.

    A section with no live page in this language falls back to the
    Vietnamese one, and is left out when neither exists.
    """
    return site_tree_links(context.get("request"))["sections"]


@register.simple_tag(takes_context=True)
def site_links(context) -> dict[str, str]:
    """URLs of the footer's pages (cms.models.SiteLinks) in the active language, by key.

    Same fallback as the sections; a page unpublished, deleted or never chosen
    is left out, so the footer never links to a 404.
    """
    return site_tree_links(context.get("request"))["links"]


@register.simple_tag(takes_context=True)
def store_url(context, store) -> str:
    """The public page of a store: its live store page, else the shop's own store page."""
    return store_page_url(context.get("request"), store) or store.get_absolute_url()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language that keeps the reader on the same page.

    Wagtail pages link to their translation; a page with none links, flagged
    `missing` so the template can say so, to itself under that language's
    section (cms.selectors.fallback_urls: an English reader of a
    Vietnamese-only news page stays on it, with the site around it in
    English), or to that language's home page when its section has no
    translation either. Every other URL is translated by Django's URL
    resolver. Worked out once per request (the header and the hreflang links
    both ask).
    """
    request = context.get("request")
    page = context.get("page")
    remembered = getattr(request, "_ocop_language_links", None) if request is not None else None
    if remembered is not None and remembered[0] is page:
        return remembered[1]
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
    if request is not None:
        request._ocop_language_links = (page, links)
    return links


def _page_url_in(page: Page, language_code: str, request) -> tuple[str, bool]:
    if page.locale.language_code == language_code:
        return page.get_url(request=request), False
    locale = Locale.objects.filter(language_code=language_code).first()
    translation_page = page.get_translation_or_none(locale) if locale else None
    if translation_page is not None and translation_page.live:
        return translation_page.get_url(request=request), False
    fallback = fallback_urls([page], language=language_code, request=request).get(page.pk)
    if fallback:
        return fallback, True
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""]), True


@register.simple_tag(takes_context=True)
def account_roles(context) -> dict[str, bool]:
    """Which role links the header's account menu shows the signed-in user, in one query.

    The same rules as `user.producer_memberships.exists`, `user.managed_stores.
    exists` and Oscar's `is_staff or perms.partner.dashboard_access` (through the
    user's own or a group's permission; a superuser has every one), which cost
    four queries on every signed-in page.
    """
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {}
    dashboard_permission = Permission.objects.filter(
        codename="dashboard_access", content_type__app_label="partner"
    ).filter(Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")))
    roles = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            producer=Exists(ProducerMembership.objects.filter(user=OuterRef("pk"))),
            manager=Exists(Partner.managers.through.objects.filter(user=OuterRef("pk"))),
            permitted=Exists(dashboard_permission),
        )
        .values("producer", "manager", "permitted")
        .first()
    ) or {"producer": False, "manager": False, "permitted": False}
    return {
        "producer": roles["producer"],
        "manager": roles["manager"],
        "dashboard": user.is_staff
        or (user.is_active and (user.is_superuser or roles["permitted"])),
    }


@register.filter(is_safe=True)
def named_breadcrumb(html: str) -> str:
    """Oscar's templates name every breadcrumb trail aria-label="breadcrumb", in
    English on every page; the layout passes its breadcrumbs block through this
    so screen readers hear the trail's name in the page's language."""
    return html.replace('aria-label="breadcrumb"', f'aria-label="{escape(_("Breadcrumb"))}"')


@register.simple_tag(takes_context=True)
def basket_items(context) -> int:
    """Units in the visitor's basket, for the header's count.

    Oscar's `basket.num_items` loads every line with its product and stock
    records to add up the quantities: two queries on every signed-in page,
    most of which never show the lines. Lines a page has already loaded are
    added up; otherwise one SUM.
    """
    basket = getattr(context.get("request"), "basket", None)
    if basket is None or basket.id is None:
        return 0
    loaded = basket._lines  # Oscar's cache of all_lines()
    if loaded is not None and loaded._result_cache is not None:
        return sum(line.quantity for line in loaded)
    return basket.lines.aggregate(items=Sum("quantity"))["items"] or 0
