"""The experience's host (its product's producer) and the people around it, for hosting tests.

Imported by the hosting test modules (like tests/checkout fixtures in conftest),
so the lead's conftest stays as it is.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.test.factories import UserFactory

from catalogue.models import CraftVillage, ProducerMembership
from storefront.experiences.models import Booking
from tests.catalogue.conftest import make_producer
from tests.experiences.conftest import place, to_preview


@pytest.fixture
def host(experience):
    """A user of the experience's producer: its host in the producer portal."""
    user = UserFactory(email="chu-nha@example.vn")
    ProducerMembership.objects.create(producer=experience.product.producer, user=user)
    return user


@pytest.fixture
def stranger(db):
    """A member of another producer (a host of nothing here)."""
    user = UserFactory(email="nguoi-khac@example.vn")
    ProducerMembership.objects.create(producer=make_producer(), user=user)
    return user


@pytest.fixture
def officer(db):
    return UserFactory(email="can-bo@example.vn", is_staff=True)


@pytest.fixture
def phu_lang(experience):
    village = CraftVillage.objects.create(name="Làng gốm Phù Lãng", slug="phu-lang")
    producer = experience.product.producer
    producer.craft_village = village
    producer.save(update_fields=["craft_village"])
    return village


def booked(experience, day, *, people=1, email="lan@example.vn", language="vi") -> Booking:
    """Places booked through the checkout by a guest paying on the day, in `language`."""
    client = Client()
    with translation.override(language):
        response = place(client, to_preview(client, experience, day, people=people, email=email))
        assert response["Location"] == reverse("checkout:thank-you"), response.get("Location")
    return Booking.objects.filter(order__guest_email=email).latest("pk")


def portal_url(name, experience, **kwargs):
    return reverse(f"hosting:{name}", kwargs={"slug": experience.product.producer.slug, **kwargs})
