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


@register.simple_tag
def upcoming_sessions(product, count=3):
    """The next `count` sessions of an experience that can still be booked, with places left.

    [] for goods. For pages that lead to an experience (a craft village's list).
    """
    from storefront.experiences import calendar
    from storefront.experiences.services import experience_of

    experience = experience_of(product)
    if experience is None:
        return []
    return [slot for slot in calendar.slots(experience) if slot.bookable][:count]
