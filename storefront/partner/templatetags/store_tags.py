from django import template

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


@register.simple_tag
def store_hours(store):
    """A store's week of opening hours, for pages that show one store (confirmation, emails)."""
    return selectors.weekly_hours(store)
