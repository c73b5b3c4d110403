"""Closing a session refunds a card payment through Stripe (localstripe), after commit."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.experiences.models import Booking
from storefront.payment.models import OrderPayment, PaymentRefund
from tests.experiences.conftest import book, place
from tests.experiences.hosting.helpers import portal_url
from tests.payment.conftest import make_event, paid_intent, post_webhook, stripe_get

Order = get_model("order", "Order")
pytestmark = pytest.mark.usefixtures("vietnam")


def test_closing_a_session_refunds_the_card_that_paid_for_it(
    client, experience, host, next_week, stripe_settings, django_capture_on_commit_callbacks
):
    shopper = Client()
    assert book(shopper, experience, next_week, people=2).status_code == 302
    shopper.post(reverse("checkout:index"), {"username": "the@example.vn", "options": "anonymous"})
    shopper.get(reverse("checkout:payment-method"), follow=True)
    assert shopper.post(reverse("checkout:payment-method"), {"method": "card"}).status_code == 302
    basket_id = shopper.get(reverse("checkout:preview")).context["basket"].id
    with django_capture_on_commit_callbacks(execute=True):
        assert place(shopper, basket_id)["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    intent = paid_intent(order, stripe_settings)
    post_webhook(shopper, make_event("payment_intent.succeeded", intent))
    assert OrderPayment.objects.get(order=order).is_paid

    client.force_login(host)
    key = f"{next_week.isoformat()}T08:00"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            portal_url("session", experience, pk=experience.pk, key=key), {"reason": "Bão số 3"}
        )

    assert response.status_code == 302
    refund = PaymentRefund.objects.get(payment__order=order)
    assert (refund.reason, refund.amount, refund.status) == ("booking", 600000, "succeeded")
    charge = stripe_get(stripe_settings, f"/v1/charges/{intent['latest_charge']['id']}")
    assert charge["amount_refunded"] == 600000
    assert Booking.objects.get().settled_at is not None
