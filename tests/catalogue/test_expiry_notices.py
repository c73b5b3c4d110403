"""The daily expiry job: producers told once at 30 days, staff get the list."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from catalogue.models import OcopCertificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the daily job; its emails leave (task queue) once its writes commit."""

    def run_on(today):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("notify_expiring_certificates", f"--today={today.isoformat()}", stdout=out)
        return out.getvalue()

    return run_on


def test_producer_is_emailed_once_at_30_days_and_staff_get_the_list(
    ocop_product, member, staff, today, run
):
    certificate = ocop_product.certificates.get()
    OcopCertificate.objects.filter(pk=certificate.pk).update(expiry_date=today + timedelta(days=31))
    run(today)
    assert mail.outbox == []  # 31 days left: not yet

    output = run(today + timedelta(days=1))
    assert "101/QĐ-UBND" in output
    to_producer = [m for m in mail.outbox if "producer" in m.to[0] or "member" in m.to[0]]
    assert len(to_producer) == 1
    assert set(to_producer[0].to) == {ocop_product.producer.email, member.email}
    to_staff = [m for m in mail.outbox if staff.email in m.to]
    assert len(to_staff) == 1 and "Bánh đa nem Thổ Hà" in to_staff[0].body

    mail.outbox.clear()
    run(today + timedelta(days=2))  # the next day: staff list again, producer not again
    assert [m.to for m in mail.outbox] == [[staff.email]]


def test_expired_and_revoked_certificates_are_not_announced(ocop_product, staff, today, run):
    OcopCertificate.objects.filter(product=ocop_product).update(expiry_date=today, revoked=False)
    run(today)
    assert mail.outbox == []
