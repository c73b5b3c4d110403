"""Factories shared by the test packages, on top of Oscar's."""

from oscar.test import factories

from catalogue.models import LegalForm, Producer


def verified_producer() -> Producer:
    """A verified producer for products whose producer a test does not care about."""
    producer, _ = Producer.objects.get_or_create(
        slug="htx-kiem-thu",
        defaults={
            "name": "HTX Kiểm thử",
            "legal_form": LegalForm.COOPERATIVE,
            "tax_code": "2399999999",
            "commune": "Phù Lãng",
            "address": "Thôn 1",
            "contact_person": "Nguyễn Văn A",
            "phone": "0222 000 000",
            "status": Producer.Status.VERIFIED,
        },
    )
    return producer


def create_product(*, producer: Producer | None = None, **fields):
    """Oscar's `create_product`, made by a verified producer unless one is given.

    Only a verified producer's products are sellable (catalogue.models.ProductQuerySet),
    so a product from Oscar's factory alone would be hidden and unbuyable.
    """
    product = factories.create_product(**fields)
    product.producer = producer or verified_producer()
    product.save()
    return product
