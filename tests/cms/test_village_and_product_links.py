"""Content and shop, both ways: a product page links to its craft village's page, and the
village page lists the village's products and experiences as shop cards (issue #15)."""

import re

import pytest
from oscar.test.factories import CategoryFactory

from catalogue.models import CraftVillage, Producer

from .conftest import make_experience, make_products, translate

pytestmark = pytest.mark.django_db


def section(html: str, testid: str) -> str:
    """The HTML of the element with this data-testid, up to its closing tag (a <section>)."""
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</section>", start)]


def test_product_page_links_to_its_village_page_in_each_language(
    client, village_page, producer, en_locale
):
    (product,) = make_products(producer, 1)
    english = translate(village_page, en_locale, "phu-lang-pottery-village")

    html = client.get(product.get_absolute_url()).content.decode()
    assert f'href="{village_page.url}" data-testid="product-village-link"' in html
    assert f'href="{village_page.url}" data-testid="producer-card-village-link"' in html

    with_en = client.get(f"/en{product.get_absolute_url()}").content.decode()
    assert f'href="{english.url}" data-testid="product-village-link"' in with_en
    assert english.url.startswith("/en/")


def test_product_page_links_to_the_vietnamese_village_page_when_not_translated(
    client, village_page, producer, en_locale
):
    (product,) = make_products(producer, 1)

    html = client.get(f"/en{product.get_absolute_url()}").content.decode()
    # Marked as Vietnamese, since its title is.
    assert f'href="{village_page.url}" data-testid="product-village-link" lang="vi"' in html


def test_product_of_a_village_without_a_page_has_no_village_link(client, producer):
    (product,) = make_products(producer, 1)

    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "product-village-link" not in html
    # The card still names the village, as text.
    assert "Làng gốm Phù Lãng" in html


def test_product_without_a_village_has_no_village_link(client, product):
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    assert "village-link" not in response.content.decode()


def test_village_page_lists_experiences_apart_from_products_linking_to_their_pages(
    client, village_page, producer, en_locale
):
    (jar,) = make_products(producer, 1)
    workshop = make_experience(producer, "Trải nghiệm làm gốm Phù Lãng", upc="EXP-1")
    english = translate(village_page, en_locale, "phu-lang-pottery-village")
    workshop_url = workshop.get_absolute_url()  # before an /en/ request leaves English active

    for page, prefix, heading in (
        (village_page, "", "Trải nghiệm tại Làng gốm Phù Lãng"),
        (english, "/en", "Experiences in Phù Lãng pottery village"),
    ):
        html = client.get(page.url).content.decode()
        experiences = section(html, "village-experiences")
        products = section(html, "village-products")
        assert heading in experiences
        assert f'href="{prefix}{workshop_url}"' in experiences
        assert workshop.title not in products
        assert jar.title in products
        assert jar.title not in experiences


def test_a_group_six_product_of_another_class_is_an_experience_too(client, village_page, producer):
    group_six = CategoryFactory(name="Du lịch cộng đồng", code="ocop-group-6")
    (boat_trip,) = make_products(producer, 1)
    boat_trip.categories.add(group_six)

    html = client.get(village_page.url).content.decode()
    assert boat_trip.title in section(html, "village-experiences")
    assert "village-products" not in html  # its only product was the experience


def test_village_page_leaves_out_other_villages_and_hidden_experiences(
    client, village_page, producer
):
    other_village = CraftVillage.objects.create(slug="dong-ho", name_vi="Làng tranh Đông Hồ")
    other = Producer.objects.create(
        name="HTX tranh Đông Hồ",
        slug="htx-tranh-dong-ho",
        legal_form="cooperative",
        tax_code="9999000777",
        commune="Song Hồ",
        address="Đông Hồ",
        contact_person="Test",
        phone="0222000001",
        craft_village=other_village,
        status=Producer.Status.VERIFIED,
    )
    elsewhere = make_experience(other, "Trải nghiệm in tranh Đông Hồ", upc="EXP-2")
    withdrawn = make_experience(producer, "Trải nghiệm đã ngừng", upc="EXP-3")
    withdrawn.is_public = False
    withdrawn.save()

    html = client.get(village_page.url).content.decode()
    assert elsewhere.title not in html
    assert withdrawn.title not in html
    assert "village-experiences" not in html


def test_experience_cards_are_the_catalogues_cards_with_a_book_button(
    client, village_page, producer
):
    workshop = make_experience(producer, "Trải nghiệm làm gốm", upc="EXP-4")
    workshop.product_class.options.create(name="Ngày trải nghiệm", code="booking-date")

    experiences = section(client.get(village_page.url).content.decode(), "village-experiences")
    assert len(re.findall(r'data-testid="village-experience"', experiences)) == 1
    assert 'data-testid="card-book"' in experiences
    assert "150.000" in experiences  # price per person, in đồng


def test_village_page_shows_the_next_sessions_of_its_experiences_with_places_left(
    client, village_page, producer, en_locale
):
    import datetime as dt

    from django.utils import timezone

    from storefront.experiences.models import Experience, Session, SessionTime

    workshop = make_experience(producer, "Trải nghiệm làm gốm Phù Lãng", upc="EXP-S", stock=None)
    workshop.stockrecords.all().delete()
    schedule = Experience.objects.create(
        product=workshop, price_per_person=300000, meeting_point="Nhà văn hoá thôn Phù Lãng"
    )
    SessionTime.objects.create(experience=schedule, starts_at=dt.time(8), capacity=6)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    Session.objects.create(
        experience=schedule, date=tomorrow, starts_at=dt.time(8), capacity=6, booked=4
    )

    english = translate(village_page, en_locale, "phu-lang-pottery-village")
    for page, left in ((village_page, "Còn 2 chỗ"), (english, "2 places left")):
        sessions = section(client.get(page.url).content.decode(), "village-experiences")
        assert left in sessions
        assert f"?session={tomorrow.isoformat()}T08:00" in sessions
        assert sessions.count("<li><a href=") == 3  # the next three sessions
