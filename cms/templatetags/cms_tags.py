"""Template tags of the content pages, and the two the shop's templates use.

For the catalogue's templates (product and producer pages):

    {% load cms_tags %}
    {% village_page_for product.producer.craft_village as village_page %}
    {% if village_page %}<a href="{% pageurl village_page %}">…</a>{% endif %}
    {% include "cms/includes/product_jsonld.html" %}   {# expects `product` #}
"""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
def product_jsonld(context, product, purchase_info=None) -> str:
    """JSON-LD of a product: Product, Offer (price, stock) and its OCOP certification."""
    if product is None:
        return ""
    return _script(schema.product(product, context.get("request"), purchase_info=purchase_info))


@register.simple_tag
def village_page_for(village):
    """The craft village page of a catalogue village, in the active language, or None."""
    return selectors.village_page_for(village)


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
