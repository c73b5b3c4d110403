"""`{% pagehole "name" %}…{% endpagehole %}`: a per-visitor bit of a cacheable page.

Rendered normally, except while the page is rendered for the page cache
(storefront/pagecache.py): then only a placeholder is written, which the
cache fills for each visitor on every response. Names are those the cache
knows how to fill (pagecache.TAG_HOLES).
"""

from django import template
from django.utils.safestring import mark_safe

from storefront import pagecache

register = template.Library()


class PageHoleNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        request = context.get("request")
        if request is not None and pagecache.is_rendering(request):
            return mark_safe(pagecache.hole_marker(self.name))  # noqa: S308 (our own constant)
        return self.nodelist.render(context)


@register.tag
def pagehole(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][1:-1] not in pagecache.TAG_HOLES:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes one quoted name among {', '.join(pagecache.TAG_HOLES)}"
        )
    nodelist = parser.parse(("endpagehole",))
    parser.delete_first_token()
    return PageHoleNode(bits[1][1:-1], nodelist)
