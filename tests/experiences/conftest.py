"""An experience on a schedule: daily at 08:00 and 14:00, 6 places each, booked a day ahead."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.experiences.models import Experience, SessionTime
from storefront.experiences.services import booking_options
from tests.checkout.conftest import no_stripe, vietnam  # noqa: F401  (shared fixtures)
from tests.factories import create_product

ProductClass = get_model("catalogue", "ProductClass")


@pytest.fixture
def experience(db):
    ticket_class, _ = ProductClass.objects.get_or_create(
        slug="trai-nghiem-du-lich",
        defaults={"name": "Trải nghiệm", "requires_shipping": False, "track_stock": False},
    )
    product = create_product(
        title="Trải nghiệm làm gốm Phù Lãng", product_class=ticket_class.name, upc="TN-GOM"
    )
    product.product_class = ticket_class
    product.save()
    experience = Experience.objects.create(
        product=product,
        price_per_person=Decimal("300000"),
        child_price=Decimal("150000"),
        min_people=1,
        max_people=8,
        duration_minutes=180,
        meeting_point="Nhà văn hoá thôn Phù Lãng, Quế Võ",
        latitude=Decimal("21.151200"),
        longitude=Decimal("106.265400"),
        in_english=True,
        included="Đất sét, men, nung và gửi sản phẩm về nhà",
        what_to_bring="Quần áo gọn gàng",
        lead_days=1,
        free_cancellation_hours=48,
    )
    SessionTime.objects.create(experience=experience, starts_at=dt.time(8), capacity=6)
    SessionTime.objects.create(experience=experience, starts_at=dt.time(14), capacity=6)
    ticket_class.options.add(*booking_options().values())
    return experience


@pytest.fixture
def next_week():
    return timezone.localdate() + dt.timedelta(days=7)


def book(client, experience, day, *, people=1, time="08:00", ticket="adult"):
    """Add places in a session to the basket, as the product page's form does."""
    return client.post(
        reverse("basket:add", args=[experience.product_id]),
        {"quantity": people, "session": f"{day.isoformat()}T{time}", "ticket": ticket},
    )


def to_preview(client, experience, day, *, people=1, email="lan@example.vn"):
    """Book places as a guest paying on the day, up to the preview; returns the basket id."""
    assert book(client, experience, day, people=people).status_code == 302
    client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    assert client.get(reverse("checkout:payment-method"), follow=True).status_code == 200
    assert client.post(reverse("checkout:payment-method"), {"method": "day"}).status_code == 302
    preview = client.get(reverse("checkout:preview"))
    assert preview.status_code == 200, preview.get("Location")
    return preview.context["basket"].id


def place(client, basket_id):
    return client.post(
        reverse("checkout:preview"), {"action": "place_order", "basket_id": basket_id}
    )
