"""The producer portal's navigation shows the hosting pages only to producers who host."""

from django import template

from storefront.experiences.models import Experience

register = template.Library()


@register.simple_tag
def hosts_experiences(producer) -> bool:
    """Whether the producer has an experience (one EXISTS query)."""
    return Experience.objects.filter(product__producer=producer).exists()


@register.simple_tag
def booking_contact(booking) -> tuple[str, str]:
    """(name, phone) of the booking's customer, from what the page already loaded."""
    from storefront.experiences.hosting import contact_of

    return contact_of(booking.order)
