"""The checkout's step bar lists exactly the steps each kind of basket goes through.

Read from the pages themselves (Django's test client, both languages):
delivery asks for an address, pickup goes straight to payment, an
experience ticket has nothing to hand over.
"""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests.checkout.conftest import ADDRESS, place_order, to_payment_method
from tests.factories import create_product

pytestmark = pytest.mark.django_db


def step_bar(response):
    """[(label, state)] of the page's step bar; state "current", "done" (with link) or ""."""
    assert response.status_code == 200, response.get("Location")
    soup = BeautifulSoup(response.content, "html.parser")
    bars = soup.select("main nav.checkout-steps")
    assert len(bars) == 1, "one step bar, inside <main>"
    steps = []
    for item in bars[0].select("li"):
        label = item.select_one(".checkout-step-label").get_text(strip=True)
        if item.get("aria-current") == "step":
            state = "current"
        elif item.select_one("a"):
            state = "done"
        else:
            state = ""
        steps.append((label, state))
    return steps


@pytest.fixture
def experience(vietnam):
    ticket = create_product(
        title="Trải nghiệm làm tranh Đông Hồ",
        product_class="Trải nghiệm",
        price=Decimal("150000"),
        num_in_stock=20,
    )
    ticket.product_class.requires_shipping = False
    ticket.product_class.save()
    return ticket


def _start(client, product):
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "lan@example.vn", "options": "anonymous"})


def test_before_the_choice_the_bar_reads_delivery_or_pickup(client, priced_product):
    _start(client, priced_product)
    page = client.get(reverse("checkout-fulfilment"))
    assert step_bar(page) == [
        ("Giao hay nhận", "current"),
        ("Thanh toán", ""),
        ("Xác nhận", ""),
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["Giao hàng", "Địa chỉ", "Thanh toán", "Xác nhận"]),
        ("en", ["Delivery", "Address", "Payment", "Confirmation"]),
    ],
)
def test_delivery_goes_through_the_address(client, priced_product, no_stripe, language, expected):
    with translation.override(language):
        _start(client, priced_product)
        client.post(reverse("checkout-fulfilment"), {"choice": "delivery"})
        address = client.get(reverse("checkout:shipping-address"))
        assert step_bar(address) == [
            (expected[0], "done"),
            (expected[1], "current"),
            (expected[2], ""),
            (expected[3], ""),
        ]
        # The only delivery method is chosen for the shopper: no page, no step.
        payment = client.post(reverse("checkout:shipping-address"), ADDRESS, follow=True)
        assert payment.redirect_chain[-1][0] == reverse("checkout:payment-method")
        assert step_bar(payment) == [
            (expected[0], "done"),
            (expected[1], "done"),
            (expected[2], "current"),
            (expected[3], ""),
        ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["Nhận hàng", "Thanh toán", "Xác nhận"]),
        ("en", ["Pickup", "Payment", "Confirmation"]),
    ],
)
def test_pickup_skips_the_address(client, priced_product, no_stripe, language, expected):
    with translation.override(language):
        payment = to_payment_method(client, priced_product, fulfilment="pickup")
        assert step_bar(payment) == [
            (expected[0], "done"),
            (expected[1], "current"),
            (expected[2], ""),
        ]
        client.post(reverse("checkout:payment-method"), {"method": "pickup"})
        preview = client.get(reverse("checkout:preview"))
        assert step_bar(preview) == [
            (expected[0], "done"),
            (expected[1], "done"),
            (expected[2], "current"),
        ]
        placed = client.post(
            reverse("checkout:preview"),
            {"action": "place_order", "basket_id": preview.context["basket"].id},
        )
        thanks = client.get(placed["Location"])
        # The order is placed: nothing to go back to.
        assert step_bar(thanks) == [(expected[0], ""), (expected[1], ""), (expected[2], "current")]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", ["Thanh toán", "Xác nhận"]), ("en", ["Payment", "Confirmation"])],
)
def test_an_experience_ticket_has_no_delivery_or_address_step(
    client, experience, no_stripe, language, expected
):
    with translation.override(language):
        _start(client, experience)
        # Oscar's shipping-method step records "no shipping required" and moves on.
        payment = client.get(reverse("checkout:payment-method"), follow=True)
        assert step_bar(payment) == [(expected[0], "current"), (expected[1], "")]
        client.post(reverse("checkout:payment-method"), {"method": "day"})
        preview = client.get(reverse("checkout:preview"))
        assert step_bar(preview) == [(expected[0], "done"), (expected[1], "current")]


def test_the_delivery_confirmation_lists_the_delivery_steps(client, priced_product, no_stripe):
    placed, _ = place_order(client, priced_product, method="cod")
    thanks = client.get(placed["Location"])
    assert [label for label, _ in step_bar(thanks)] == [
        "Giao hàng",
        "Địa chỉ",
        "Thanh toán",
        "Xác nhận",
    ]
