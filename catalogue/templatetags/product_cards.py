"""`{% product_cards products as cards %}`: reload a list of products with what their cards need."""

from django import template

from catalogue import selectors

register = template.Library()


@register.simple_tag
def product_cards(products) -> list:
    """Oscar hands some lists (recently viewed) over as bare products, and each card then
    reads its stock, pictures and options in queries of its own; this reads them for
    the whole list at once (`catalogue.selectors.product_cards`)."""
    return selectors.product_cards([product.pk for product in products])
