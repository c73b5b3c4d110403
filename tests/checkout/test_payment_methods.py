from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.payment.models import OrderPayment
from tests.checkout.conftest import place_order, to_payment_method

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


def test_cash_on_delivery_order_is_placed_unpaid_and_confirmed_by_email(
    client, priced_product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response, _basket_id = place_order(client, priced_product, method="cod")

    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.payment.method == OrderPayment.Method.CASH_ON_DELIVERY
    assert order.payment.status == OrderPayment.Status.PENDING
    assert order.payment.amount == 1234000
    assert order.status == "Pending"
    assert order.basket.status == "Submitted"
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    assert order.number in mail.outbox[0].subject
    assert "1.234.000" in mail.outbox[0].body  # total in đồng, Vietnamese format
    page = client.get(response["Location"])
    assert "Thanh toán khi nhận hàng" in page.content.decode() or "Cash on delivery" in (
        page.content.decode()
    )


def test_delivery_offers_cash_on_delivery_not_pay_at_pickup(client, priced_product, no_stripe):
    response = to_payment_method(client, priced_product)
    codes = [c.code for c in response.context["form"].method_choices]
    assert codes == ["cod"]


def test_without_stripe_keys_card_is_not_mentioned(client, priced_product, no_stripe):
    response = to_payment_method(client, priced_product)
    assert "Stripe" not in response.content.decode()


def test_pay_at_pickup_only_for_pickup_orders(client, priced_product, no_stripe):
    response = to_payment_method(client, priced_product, fulfilment="pickup")
    assert [c.code for c in response.context["form"].method_choices] == ["pickup"]
    response = client.post(reverse("checkout:payment-method"), {"method": "cod"})
    assert response.status_code == 200  # refused: not a choice for pickup
    assert not Order.objects.exists()


def test_pay_at_pickup_order(client, priced_product, no_stripe):
    response, _ = place_order(client, priced_product, method="pickup", fulfilment="pickup")
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.payment.method == OrderPayment.Method.PAY_AT_PICKUP
    assert order.is_pickup
    assert order.payment.amount == 1204000  # no delivery charge


def test_fractional_total_stops_the_order_with_an_error(client, vietnam, no_stripe):
    from tests.factories import create_product

    product = create_product(title="Nem Ninh Xá", price=Decimal("125000.50"), num_in_stock=3)
    to_payment_method(client, product)
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    preview = client.get(reverse("checkout:preview"), follow=True)

    assert preview.redirect_chain[-1][0] == reverse("checkout:payment-method")
    assert "155.000,5" in preview.content.decode() or "155000.50" in preview.content.decode()
    placed = client.post(reverse("checkout:preview"), {"action": "place_order", "basket_id": "1"})
    assert placed.status_code == 302
    assert not Order.objects.exists()


@pytest.fixture
def experience(vietnam):
    """A community-tourism ticket (OCOP group 6): nothing to deliver or collect."""
    from tests.factories import create_product

    ticket = create_product(
        title="Trải nghiệm làm tranh Đông Hồ",
        product_class="Trải nghiệm",
        price=Decimal("150000"),
        num_in_stock=20,
    )
    ticket.product_class.requires_shipping = False
    ticket.product_class.save()
    return ticket


def test_an_experience_is_paid_in_cash_on_the_day_not_on_delivery(
    client, admin_client, experience, no_stripe, django_capture_on_commit_callbacks
):
    client.post(reverse("basket:add", args=[experience.pk]), {"quantity": 2})
    client.post(reverse("checkout:index"), {"username": "lan@example.vn", "options": "anonymous"})
    response = client.get(reverse("checkout:payment-method"), follow=True)
    assert [c.code for c in response.context["form"].method_choices] == ["day"]
    assert response.context["form"]["method"].initial == "day"  # the only way: chosen already
    assert "Thanh toán tiền mặt vào ngày trải nghiệm" in response.content.decode()
    assert "Thanh toán khi nhận hàng" not in response.content.decode()
    refused = client.post(reverse("checkout:payment-method"), {"method": "cod"})
    assert refused.status_code == 200  # not a choice: nothing is delivered

    assert client.post(reverse("checkout:payment-method"), {"method": "day"}).status_code == 302
    preview = client.get(reverse("checkout:preview"))
    with django_capture_on_commit_callbacks(execute=True):
        placed = client.post(
            reverse("checkout:preview"),
            {"action": "place_order", "basket_id": preview.context["basket"].id},
        )
    assert placed["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.payment.method == OrderPayment.Method.PAY_ON_THE_DAY
    assert order.payment.amount == 300000  # no delivery charge
    assert "Bạn thanh toán tiền mặt cho chủ nhà vào ngày trải nghiệm." in mail.outbox[0].body
    thanks = client.get(placed["Location"]).content.decode()
    assert "Vui lòng thanh toán tiền mặt cho chủ nhà vào ngày trải nghiệm." in thanks

    detail = admin_client.get(reverse("dashboard:order-detail", args=[order.number]))
    assert "Đánh dấu đã thu trong ngày trải nghiệm" in detail.content.decode()
