"""Each side hears about the other's step, once, by email in their own language."""

import datetime as dt

from django.core import mail

from storefront.consignment import restock, services
from storefront.models import AccountPreference


def test_statement_steps_email_the_other_side_once(
    gom_products, gom, store_a, manager_a, gom_member, month, django_capture_on_commit_callbacks
):
    AccountPreference.objects.update_or_create(user=gom_member, defaults={"language": "en"})
    statement = services.create_statement(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1], user=manager_a
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_statement(statement=statement, user=manager_a)
    [to_producer] = mail.outbox
    assert to_producer.to == [gom_member.email]
    assert (
        to_producer.subject
        == f"Statement {statement.reference} from Cửa hàng OCOP Từ Sơn to confirm"
    )
    assert f"/shop/portal/{gom.slug}/statements/{statement.pk}/" in to_producer.body
    with django_capture_on_commit_callbacks(execute=True):
        services.dispute_statement(statement=statement, user=gom_member, note="Thiếu 1 bình")
    to_store = mail.outbox[1]
    assert to_store.to == [manager_a.email]
    assert "Thiếu 1 bình" in to_store.body and "khiếu nại" in to_store.subject.lower()
    # Sent again after the dispute: a second email, not a repeat of the first.
    with django_capture_on_commit_callbacks(execute=True):
        services.refresh_statement(statement=statement, user=manager_a)
        services.send_statement(statement=statement, user=manager_a)
        services.confirm_statement(statement=statement, user=gom_member)
    assert len(mail.outbox) == 4
    assert mail.outbox[3].to == [manager_a.email]


def test_restock_steps_email_the_other_side(
    gom_products, store_a, manager_a, gom_member, django_capture_on_commit_callbacks
):
    record = gom_products["vase_a"]
    with django_capture_on_commit_callbacks(execute=True):
        [request] = restock.create_requests(
            store=store_a, quantities={record.pk: 4}, wanted_by=dt.date.today(), user=manager_a
        )
    assert [m.to for m in mail.outbox] == [[gom_member.email]]
    assert f"#{request.pk}" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        restock.confirm_request(request=request, user=gom_member, quantities={})
        restock.mark_sent(request=request, user=gom_member)
    assert [m.to for m in mail.outbox[1:]] == [[manager_a.email], [manager_a.email]]
