"""Template tags of the content pages, and the two the shop's templates use.

For the catalogue's templates (product and producer pages):

    {% load cms_tags %}
    {% village_page_for product.producer.craft_village as village_page %}
    {% if village_page %}<a href="{% pageurl village_page %}">…</a>{% endif %}
    {% include "cms/includes/product_jsonld.html" %}   {# `product`; `ocop`, `offers` optional #}
"""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from catalogue import selectors as catalogue_selectors
from cms import schema, selectors

register = template.Library()

# Characters that could end the <script> element or open an HTML comment.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _script(data) -> str:
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_jsonld(context, page) -> str:
    """JSON-LD of a content page (its `get_schema_org`), one script per object."""
    getter = getattr(page, "get_schema_org", None)
    if getter is None:
        return ""
    return mark_safe("".join(_script(item) for item in getter(context.get("request"))))  # noqa: S308


@register.simple_tag(takes_context=True)
def product_jsonld(context, product, purchase_info=None, ocop=None, offers=None) -> str:
    """JSON-LD of a product page: Product (or TouristTrip for an experience), its
    offer and its OCOP certification; see cms.schema.product.

    `purchase_info`: Oscar's strategy answer the page shows (fetched the same way
    when not given); `ocop`: the product page's `ocop` context
    (catalogue.selectors.product_with_certificates), read here when not given;
    `offers`: schema.org Offers (cms.schema.offer) replacing the strategy's one,
    e.g. one per upcoming session of an experience. Values a template leaves
    undefined arrive as "" and count as not given.
    """
    if not product:
        return ""
    options = {"purchase_info": purchase_info or None, "offers": offers or None}
    if isinstance(ocop, dict) and "badge" in ocop:
        options["certificate"] = ocop["badge"]
    experience = catalogue_selectors.is_experience(product)
    return _script(
        schema.product(product, context.get("request"), experience=experience, **options)
    )


@register.simple_tag
def village_page_for(village):
    """The craft village page of a catalogue village, in the active language, or None."""
    return selectors.village_page_for(village)


@register.simple_tag(takes_context=True)
def listed_url(context, page) -> str:
    """Where a card links to: the page under its section in the reader's language when
    it is not translated (`listed_url`, from cms.selectors.with_listed_urls), else its
    own address."""
    return getattr(page, "listed_url", "") or page.get_url(request=context.get("request"))


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page) -> list:
    """The pages above `page` in the breadcrumb trail, root excluded.

    A Vietnamese page served under an index of another language
    (`served_under`, cms.models.SectionIndexPage.route) sits under that index.
    """
    under = getattr(page, "served_under", None)
    ancestors = under.get_ancestors(inclusive=True) if under else page.get_ancestors()
    return [ancestor for ancestor in ancestors if not ancestor.is_root()]


@register.simple_tag
def store_page_for(partner):
    """The store page of a store record, in the active language, or None."""
    return selectors.store_page_for(partner)


@register.simple_tag(takes_context=True)
def social_image_url(context, page) -> str:
    """Absolute URL of the 1200×630 picture link previews show, or ""."""
    image = page.get_social_image() if hasattr(page, "get_social_image") else None
    if image is None:
        return ""
    url = image.get_rendition("fill-1200x630").url
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None and url.startswith("/") else url
