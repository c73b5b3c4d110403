"""Bookings made through the checkout, and the host's portal addresses, for hosting tests."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from storefront.experiences.models import Booking
from tests.experiences.conftest import place, to_preview


def booked(experience, day, *, people=1, email="lan@example.vn", language="vi") -> Booking:
    """Places booked through the checkout by a guest paying on the day, in `language`."""
    client = Client()
    with translation.override(language):
        response = place(client, to_preview(client, experience, day, people=people, email=email))
        assert response["Location"] == reverse("checkout:thank-you"), response.get("Location")
    return Booking.objects.filter(order__guest_email=email).latest("pk")


def portal_url(name, experience, **kwargs):
    return reverse(f"hosting:{name}", kwargs={"slug": experience.product.producer.slug, **kwargs})
