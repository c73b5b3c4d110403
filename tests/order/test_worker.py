"""Order emails through a real Celery worker on Redis, against the test database.

Each test starts `celery -A storefront worker` (production settings, a queue
of its own) and acts through the shop's own service functions; the worker
sends the email into files that the test reads back.
"""

import pytest
from django.db import transaction

from storefront.models import OutgoingEmail
from storefront.order import services
from storefront.order.models import Order
from storefront.shipping.methods import PickupAtStore
from storefront.tasks import send_email
from tests.order.conftest import place

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pickup_order(make_basket, nem, store_a):
    product, _at_a, _ = nem
    order = place(make_basket((product, 2)), PickupAtStore(store_a))
    Order.objects.filter(pk=order.pk).update(guest_email="khach@example.vn")
    order.refresh_from_db()
    return order


def test_ready_for_pickup_email_is_sent_by_the_worker(celery_worker, pickup_order, manager_a):
    with celery_worker() as worker:
        services.mark_ready_for_pickup(order=pickup_order, user=manager_a)

        [email] = worker.wait_for_emails(1)
    assert email["To"] == "khach@example.vn"
    assert pickup_order.number in email["Subject"]
    assert pickup_order.pickup_code in email.get_content()
    record = OutgoingEmail.objects.get(key=f"order:{pickup_order.pk}:ready_for_pickup")
    assert record.status == OutgoingEmail.Status.SENT and record.attempts == 1


def test_a_rolled_back_change_queues_no_email(celery_worker, pickup_order, manager_a):
    with celery_worker() as worker:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.mark_ready_for_pickup(order=pickup_order, user=manager_a)
            raise RuntimeError("the request failed after the state change")
        assert OutgoingEmail.objects.count() == 0
        # The same change, committed this time: its email is the only one.
        services.mark_ready_for_pickup(order=pickup_order, user=manager_a)
        worker.wait_for_emails(1)
    assert len(worker.emails()) == 1
    assert OutgoingEmail.objects.count() == 1


def test_a_dropped_mail_server_connection_is_retried_until_sent(
    celery_worker, pickup_order, manager_a
):
    with celery_worker(DJANGO_EMAIL_BACKEND="tests.flaky_email.DropsFirstConnectionBackend") as (
        worker
    ):
        services.mark_ready_for_pickup(order=pickup_order, user=manager_a)

        [email] = worker.wait_for_emails(1)
    assert pickup_order.number in email["Subject"]
    record = OutgoingEmail.objects.get(key=f"order:{pickup_order.pk}:ready_for_pickup")
    assert record.status == OutgoingEmail.Status.SENT
    assert record.attempts == 2 and "SMTPServerDisconnected" in record.last_error
    log = worker.log.read_text()
    assert "Retry in" in log and "succeeded" in log


def test_the_same_email_task_delivered_twice_sends_one_email(
    celery_worker, pickup_order, manager_a
):
    with celery_worker() as worker:
        services.mark_ready_for_pickup(order=pickup_order, user=manager_a)
        record = OutgoingEmail.objects.get(key=f"order:{pickup_order.pk}:ready_for_pickup")
        # The broker delivering the message again, twice, possibly to both processes at once.
        send_email.delay(email_id=record.pk)
        send_email.delay(email_id=record.pk)
        worker.wait_for_log("succeeded", times=3)  # all three deliveries handled
    assert len(worker.emails()) == 1
    record.refresh_from_db()
    assert record.status == OutgoingEmail.Status.SENT and record.attempts == 1
