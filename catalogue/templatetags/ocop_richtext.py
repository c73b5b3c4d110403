"""`{{ value|clean_html }}`: render producer or staff rich text through the allow-list."""

from django import template
from django.utils.safestring import mark_safe

from catalogue.richtext import clean_html as _clean_html

register = template.Library()


@register.filter
def clean_html(value) -> str:
    # Safe to mark: nh3 has just removed everything the allow-list does not name.
    return mark_safe(_clean_html(str(value) if value is not None else ""))  # noqa: S308
