"""Drive the real checkout with Django's test client: basket → … → "Place order"."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import create_product

Country = get_model("address", "Country")

ADDRESS = {
    "first_name": "Nguyễn Thị Lan",
    "phone_number": "0912 345 678",
    "state": "Bắc Ninh",
    "line4": "Phường Kinh Bắc",
    "line1": "12 Nguyễn Đăng Đạo",
}


@pytest.fixture
def no_stripe(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    return settings


@pytest.fixture
def vietnam(db):
    """Việt Nam as the shipping country (a transactional test's flush removes its row)."""
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Việt Nam",
            "display_order": 1,
            "is_shipping_country": True,
        },
    )


@pytest.fixture
def priced_product(vietnam):
    """A product whose total (price + delivery) is whole đồng: 1.204.000 + 30.000."""
    return create_product(title="Tranh Đông Hồ", price=Decimal("1204000"), num_in_stock=5)


def to_payment_method(client, product, *, fulfilment="delivery", quantity=1):
    """Add `product` and go through the steps up to the payment method page."""
    response = client.post(
        reverse("basket:add", args=[product.pk]), {"quantity": quantity}, follow=True
    )
    assert response.status_code == 200
    response = client.post(
        reverse("checkout:index"), {"username": "lan@example.vn", "options": "anonymous"}
    )
    assert response.status_code == 302, response.content[:2000]
    if fulfilment == "delivery":
        client.post(reverse("checkout-fulfilment"), {"choice": "delivery"})
        response = client.post(reverse("checkout:shipping-address"), ADDRESS)
        assert response.status_code == 302, response.context["form"].errors
        client.post(reverse("checkout:shipping-method"), {"method_code": "delivery"})
    else:
        store = product.stockrecords.first().partner
        response = client.post(reverse("checkout-fulfilment"), {"choice": f"pickup:{store.slug}"})
        assert response.status_code == 302
    return client.get(reverse("checkout:payment-method"))


def place_order(client, product, *, method="cod", fulfilment="delivery", quantity=1):
    """The whole checkout; returns the response to "Place order" (not followed)."""
    to_payment_method(client, product, fulfilment=fulfilment, quantity=quantity)
    response = client.post(reverse("checkout:payment-method"), {"method": method})
    assert response.status_code == 302, response.content[:3000]
    preview = client.get(reverse("checkout:preview"))
    assert preview.status_code == 200, preview.get("Location")
    basket_id = preview.context["basket"].id
    return client.post(
        reverse("checkout:preview"), {"action": "place_order", "basket_id": basket_id}
    ), basket_id


# The programme's bank account for VietQR tests (an invented account at Vietcombank's BIN).
VIETQR_ACCOUNT = "0451000123456"
BANK_WEBHOOK_SECRET = "bank-webhook-test-secret"


@pytest.fixture
def vietqr_settings(settings):
    settings.VIETQR_BANK_BIN = "970436"
    settings.VIETQR_ACCOUNT_NUMBER = VIETQR_ACCOUNT
    settings.VIETQR_ACCOUNT_NAME = "HTX OCOP BAC NINH"
    settings.VIETQR_BANK_NAME = ""
    settings.VIETQR_DEADLINE_HOURS = 24
    settings.BANK_WEBHOOK_SECRET = BANK_WEBHOOK_SECRET
    return settings
