"""The experience's host (its product's producer) and the people around it."""

import pytest
from oscar.test.factories import UserFactory

from catalogue.models import CraftVillage, ProducerMembership
from tests.catalogue.conftest import make_producer
from tests.payment.conftest import localstripe_url, stripe_settings  # noqa: F401  (fixtures)


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
