"""An order's bookings for the confirmation and order pages.

Shown by templates/experiences/includes/tickets.html.
"""

from django import template

from storefront.experiences.tickets import tickets_for

register = template.Library()


@register.simple_tag
def order_tickets(order):
    """The order's bookings ready to show; [] for an order without experiences."""
    if order is None or getattr(order, "pk", None) is None:
        return []
    return tickets_for(order)
