"""Links that take one filter off a listing, for the removable filter chips."""

from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_without(context, *keys: str) -> str:
    """This page's URL without the given query-string keys (and without `page`).

    Empty values are dropped too: a GET form sends every field, so a filtered
    URL carries `producer=&village=…`, and the link stays short and readable.
    Everything else (the search words, the sort, the other filters) is kept.
    """
    request = context["request"]
    dropped = {*keys, "page"}
    pairs = [
        (key, value)
        for key, values in request.GET.lists()
        if key not in dropped
        for value in values
        if value
    ]
    return request.path + (f"?{urlencode(pairs)}" if pairs else "")
