"""The shared product card (listing, search, category, home, store pages): price, stars,
producer and availability at a glance, no certificate expiry, and "Book" on experiences."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from storefront.demo import steps
from tests.catalogue.conftest import make_certificate
from tests.factories import create_product

pytestmark = pytest.mark.django_db


def card(html: str, title: str) -> str:
    """The card (article.product_pod) whose title is `title`."""
    for article in re.findall(r'<article class="product_pod">.*?</article>', html, re.S):
        if f">{title}</a>" in article:
            return article
    raise AssertionError(f"no card for {title}")


@pytest.fixture
def experience(db, producer):
    """A community-tourism ticket (OCOP group 6): booked with a date and a number of people."""
    ticket = create_product(
        title="Trải nghiệm làm gốm Phù Lãng",
        product_class="Trải nghiệm",
        price=Decimal("300000"),
        num_in_stock=40,
        producer=producer,
    )
    klass = ticket.product_class
    klass.slug = steps.EXPERIENCE_CLASS
    klass.save()
    steps.load_experience_options()
    make_certificate(ticket, stars=3)
    return ticket


@pytest.mark.parametrize(
    ("prefix", "price", "in_stock", "stars"),
    [("", "125.000", "Trong kho", "4 sao"), ("/en", "₫125,000", "In stock", "4 stars")],
)
def test_a_card_shows_price_stars_producer_and_availability(
    client, ocop_product, prefix, price, in_stock, stars
):
    html = client.get(prefix + reverse("catalogue:index")).content.decode()
    shown = card(html, ocop_product.get_title())
    assert price in shown and in_stock in shown and stars in shown
    assert "HTX Gốm Phù Lãng" in shown
    assert "basket" in shown  # goods are added straight from the card


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_card_does_not_show_the_certificates_expiry(client, ocop_product, prefix):
    html = client.get(prefix + reverse("catalogue:index")).content.decode()
    shown = card(html, ocop_product.get_title())
    valid_until = ocop_product.certificates.get().valid_until
    assert valid_until.strftime("%d/%m/%Y") not in shown
    assert "ocop-valid-until" not in shown


@pytest.mark.parametrize(("prefix", "label"), [("", "Đặt chỗ"), ("/en", "Book")])
def test_an_experience_card_has_a_book_button_to_its_page(client, experience, prefix, label):
    for url in (reverse("catalogue:index"), reverse("site-search") + "?q=gom"):
        html = client.get(prefix + url).content.decode()
        shown = card(html, experience.get_title())
        button = re.search(
            r'<a class="btn[^"]*" href="([^"]+)" data-testid="card-book">(.*?)<', shown
        )
        assert button, url
        assert button.group(1) == experience.get_absolute_url().replace("/en", "") or (
            button.group(1).endswith(experience.get_absolute_url().split("/shop")[-1])
        )
        assert button.group(2) == label
        assert "300.000" in shown or "₫300,000" in shown
