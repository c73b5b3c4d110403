"""Two deliveries of one bank transaction at the same moment: paid once, one email."""

import json
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.models import OutgoingEmail
from storefront.payment.models import BankTransaction, OrderPayment
from tests.payment.conftest import bank_tx, place_order, sign_bank

Order = get_model("order", "Order")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_deliveries_of_one_transfer_pay_once(
    client, priced_product, no_stripe, vietqr_settings
):
    place_order(client, priced_product, method="vietqr")
    order = Order.objects.get()
    body = json.dumps({"transactions": [bank_tx(order, tx_id="FT-CONCURRENT-1")]}).encode()
    signature = sign_bank(body)
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    answers = []

    def deliver():
        barrier.wait()
        try:
            response = Client().post(
                reverse("payment:bank-webhook", args=["generic"]),
                data=body,
                content_type="application/json",
                HTTP_X_SIGNATURE=signature,
            )
            answers.append(response.json()["results"][0]["outcome"])
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == ["duplicate", "paid"]
    assert BankTransaction.objects.count() == 1
    assert order.payment_events.count() == 1
    payment = OrderPayment.objects.get(order=order)
    assert payment.status == OrderPayment.Status.PAID
    assert payment.amount_received == 1234000
    assert (
        OutgoingEmail.objects.filter(key=f"order:{order.pk}:payment/payment_received").count() == 1
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_different_part_payments_at_once_add_up_under_the_lock(
    client, priced_product, no_stripe, vietqr_settings
):
    place_order(client, priced_product, method="vietqr")
    order = Order.objects.get()
    bodies = [
        json.dumps({"transactions": [bank_tx(order, amount=amount, tx_id=f"FT-HALF-{n}")]}).encode()
        for n, amount in enumerate((617000, 617000))
    ]
    barrier = threading.Barrier(2)

    def deliver(body):
        barrier.wait()
        try:
            Client().post(
                reverse("payment:bank-webhook", args=["generic"]),
                data=body,
                content_type="application/json",
                HTTP_X_SIGNATURE=sign_bank(body),
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    payment = OrderPayment.objects.get(order=order)
    assert payment.amount_received == 1234000  # neither half lost
    assert payment.status == OrderPayment.Status.PAID
    outcomes = sorted(BankTransaction.objects.values_list("outcome", flat=True))
    assert outcomes == ["paid", "part_paid"]
