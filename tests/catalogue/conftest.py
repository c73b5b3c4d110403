"""Producers and certificates for catalogue tests, built through the real models."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone
from oscar.test.factories import UserFactory

from catalogue.models import (
    CraftVillage,
    LegalForm,
    OcopCertificate,
    Producer,
    ProducerMembership,
)
from tests.factories import create_product

_numbers = count(1)
# Apart from producers' numbers, and above the decision numbers tests write
# out ("101/QĐ-UBND"), which a shared counter reached once enough producers
# had been made in one worker.
_decisions = count(10_000)


def make_producer(**fields) -> Producer:
    n = next(_numbers)
    defaults = {
        "name": f"HTX Thử nghiệm {n}",
        "slug": f"htx-thu-nghiem-{n}",
        "legal_form": LegalForm.COOPERATIVE,
        "tax_code": f"{2300000000 + n}",
        "province": "Bắc Ninh",
        "commune": "Phù Lãng",
        "address": "Thôn 1",
        "contact_person": "Nguyễn Văn A",
        "phone": "0222 000 000",
        "email": f"producer{n}@example.vn",
        "status": Producer.Status.VERIFIED,
    }
    defaults.update(fields)
    return Producer.objects.create(**defaults)


def make_certificate(product, *, stars=4, score=None, issue_date=None, **fields):
    """A valid certificate issued a year ago (3 years' validity) unless told otherwise."""
    issue_date = issue_date or timezone.localdate() - timedelta(days=365)
    defaults = {
        "product": product,
        "stars": stars,
        "score": score if score is not None else {1: 20, 2: 40, 3: 60, 4: 80, 5: 95}[stars],
        "product_group": 1,
        "decision_number": f"{next(_decisions)}/QĐ-UBND",
        "decision_date": issue_date,
        "issuing_authority": "national" if stars == 5 else "province",
        "issue_date": issue_date,
    }
    defaults.update(fields)
    certificate = OcopCertificate(**defaults)
    certificate.full_clean()
    certificate.save()
    return certificate


@pytest.fixture
def producer(db):
    return make_producer(name="HTX Gốm Phù Lãng", slug="htx-gom-phu-lang")


@pytest.fixture
def other_producer(db):
    return make_producer(
        name="Công ty Đồng Đại Bái",
        slug="cong-ty-dong-dai-bai",
        legal_form=LegalForm.ENTERPRISE,
        commune="Đại Lai",
    )


@pytest.fixture
def village(db):
    return CraftVillage.objects.create(name="Phù Lãng", slug="phu-lang", commune="Phù Lãng")


@pytest.fixture
def product_producer(producer):
    return producer


@pytest.fixture
def ocop_product(product, producer):
    """The shared bilingual product, made by `producer`, with a 4★ certificate in force."""
    product.producer = producer
    product.save()
    make_certificate(product, stars=4, decision_number="101/QĐ-UBND")
    return product


@pytest.fixture
def other_product(db, other_producer):
    return create_product(
        title="Trống đồng Đại Bái",
        price=Decimal("3200000"),
        num_in_stock=2,
        upc="OCOP-0002",
        producer=other_producer,
    )


@pytest.fixture
def member(db, producer):
    user = UserFactory(email="member@example.vn")
    ProducerMembership.objects.create(producer=producer, user=user)
    return user


@pytest.fixture
def other_member(db, other_producer):
    user = UserFactory(email="other@example.vn")
    ProducerMembership.objects.create(producer=other_producer, user=user)
    return user


@pytest.fixture
def staff(db):
    return UserFactory(email="officer@example.vn", is_staff=True)


@pytest.fixture
def today() -> date:
    return timezone.localdate()
