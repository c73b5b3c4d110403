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


@register.simple_tag
def filter_options(choices, selected):
    """The <option>s of a stock page filter: (pk, label) pairs, `selected` marked.

    Built in one pass rather than a template loop: a store's producer filter
    lists every producer it stocks (400 or more), and the loop's per-variable
    escaping was most of the page's rendering time. Labels are escaped here.
    """
    return mark_safe(  # noqa: S308  (every label escaped, pk an integer)
        "".join(
            f'<option value="{int(pk)}"{" selected" if pk == selected else ""}>'
            f"{html.escape(str(label))}</option>"
            for pk, label in choices
        )
    )
