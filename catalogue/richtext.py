"""The one allow-list for rich text written by producers and staff.

Descriptions are HTML a shopper's browser renders, and producers write them
(through the portal; staff approve). `clean_html` is applied on the way in
(Product.save; Category, Range and ConditionalOffer saves; a producer's
submission) and again on the way out (the `clean_html` template filter), so a
row written around `save()` is still rendered safely.
"""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "a",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"


def clean_html(text: str | None) -> str:
    """Keep only the allowed tags and attributes; links only to http(s)/mailto.

    Scripts, styles and event handlers are dropped with their content, other
    tags are removed but their text kept, and every link gets
    `rel="noopener noreferrer nofollow"`. Idempotent: cleaning clean HTML
    returns it unchanged.
    """
    if not text:
        return ""
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def clean_category_description(sender, instance, **kwargs) -> None:
    """pre_save of Oscar's Category (not a model we declare): the same allow-list."""
    for field in ("description", "description_vi", "description_en", "long_description"):
        value = getattr(instance, field, None)
        if value:
            setattr(instance, field, clean_html(value))


def clean_offer_description(sender, instance, **kwargs) -> None:
    """pre_save of Oscar's Range and ConditionalOffer: staff-written, shown on public pages."""
    if instance.description:
        instance.description = clean_html(instance.description)
