import html

from django import template
from django.utils.safestring import mark_safe

from storefront.order.services import STATUS_LABELS
from storefront.partner import selectors
from storefront.partner.strategy import my_store_id

register = template.Library()


@register.simple_tag(takes_context=True)
def store_availability(context, product):
    """Rows of (store, free units) for the product page, the shopper's store first."""
    mine = my_store_id(context.get("request"))
    rows = selectors.availability_by_store(product)
    return sorted(rows, key=lambda row: row.store.pk != mine)


@register.simple_tag(takes_context=True)
def chosen_store_id(context):
    return my_store_id(context.get("request"))


@register.filter
def status_label(status):
    return STATUS_LABELS.get(status, status)


class _OrderWithReadableStatus:
    """An order whose `status` reads in the page's language; all else is the order's own.

    Order statuses are stored in English (Oscar's pipeline keys), and Oscar's
    account and order-status templates print `{{ order.status }}` inside
    large blocks. Handing those blocks this view of the order translates the
    status without copying the templates.
    """

    def __init__(self, order):
        self._order = order

    def __getattr__(self, name):
        return getattr(self._order, name)

    @property
    def status(self):
        return status_label(self._order.status)


@register.filter
def with_readable_status(order):
    return _OrderWithReadableStatus(order)


@register.simple_tag
def store_hours(store):
    """A store's week of opening hours, for pages that show one store (confirmation, emails)."""
    return selectors.weekly_hours(store)


def options_html(choices) -> str:
    """The <option>s of a stock page filter from (pk, label) pairs, none selected.

    Built in one pass rather than a template loop: a store's producer filter
    lists every producer it stocks (2,000 at 50,000 products), and the loop's
    per-variable escaping was most of the page's rendering time. Labels are
    escaped here; the stock page keeps the result in the cache
    (pagecache.remember) and marks the chosen one with `filter_options`.
    """
    return "".join(
        f'<option value="{int(pk)}">{html.escape(str(label))}</option>' for pk, label in choices
    )


@register.simple_tag
def filter_options(options: str, selected):
    """`options` (from `options_html`) with the option of pk `selected` marked."""
    html_ = options
    if isinstance(selected, int):
        marker = f'<option value="{selected}">'
        html_ = options.replace(marker, f'<option value="{selected}" selected>', 1)
    return mark_safe(html_)  # noqa: S308  (built by options_html: labels escaped, pks integers)
