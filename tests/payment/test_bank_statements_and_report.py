"""Statement uploads (CSV, XLSX, overlapping), the deadline release and the daily report."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.payment import reconciliation
from storefront.payment.models import BankTransaction, OrderPayment
from tests.payment.conftest import bank_tx, post_bank_webhook

Order = get_model("order", "Order")
Outcome = BankTransaction.Outcome
Status = OrderPayment.Status
pytestmark = pytest.mark.django_db


def _csv(order, rows) -> bytes:
    """A Vietcombank-like export: account details above the header, Vietnamese columns."""
    lines = [
        "SAO KÊ TÀI KHOẢN;;;;",
        "Số tài khoản: 0451000123456;;;;",
        "Ngày giao dịch;Số tham chiếu;Số tiền ghi nợ;Số tiền ghi có;Nội dung",
    ]
    for tx_id, debit, credit, memo in rows:
        lines.append(f"01/12/2026 09:15;{tx_id};{debit};{credit};{memo}")
    return "\n".join(lines).encode("utf-8")


def _upload(admin_client, name, content, capture):
    with capture(execute=True):
        return admin_client.post(
            reverse("bank-transfers:upload"),
            {"statement": SimpleUploadedFile(name, content)},
            follow=True,
        )


def test_csv_statement_pays_the_order_and_an_overlapping_upload_changes_nothing(
    admin_client, transfer_order, django_capture_on_commit_callbacks
):
    ref = transfer_order.payment.transfer_reference
    first = _csv(
        transfer_order,
        [
            ("5213.01", "", "1.234.000", f"IBFT {ref.lower()} NGUYEN THI LAN"),
            ("5213.02", "50.000", "", "Phi dich vu"),
            ("5213.03", "", "200.000", "chuyen tien"),
        ],
    )
    mail.outbox.clear()
    page = _upload(admin_client, "saoke.csv", first, django_capture_on_commit_callbacks)
    text = page.content.decode()
    assert page.status_code == 200
    assert "3" in text and "5213.03" in text  # the unmatched row is listed for staff
    assert OrderPayment.objects.get(order=transfer_order).status == Status.PAID
    assert len(mail.outbox) == 1
    outcomes = dict(BankTransaction.objects.values_list("transaction_id", "outcome"))
    assert outcomes == {
        "5213.01": Outcome.PAID,
        "5213.02": Outcome.IGNORED,
        "5213.03": Outcome.UNMATCHED,
    }

    # The next export overlaps the first: its known rows are skipped.
    second = _csv(
        transfer_order,
        [
            ("5213.01", "", "1.234.000", f"IBFT {ref} NGUYEN THI LAN"),
            ("5213.03", "", "200.000", "chuyen tien"),
            ("5213.04", "", "10.000", "OCOP999999"),
        ],
    )
    mail.outbox.clear()
    _upload(admin_client, "saoke2.csv", second, django_capture_on_commit_callbacks)
    assert BankTransaction.objects.count() == 4
    assert mail.outbox == []
    payment = OrderPayment.objects.get(order=transfer_order)
    assert payment.amount_received == 1234000 and not payment.needs_attention


def test_xlsx_statement_is_read_too(
    admin_client, transfer_order, django_capture_on_commit_callbacks
):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Transaction date", "Reference", "Debit", "Credit", "Description"])
    sheet.append(
        ["2026-12-01 10:00", "X-1", None, 1234000, transfer_order.payment.transfer_reference]
    )
    out = io.BytesIO()
    workbook.save(out)
    _upload(admin_client, "statement.xlsx", out.getvalue(), django_capture_on_commit_callbacks)
    assert BankTransaction.objects.get().outcome == Outcome.PAID


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("saoke.pdf", b"%PDF", ".csv"),
        ("saoke.csv", "Ngày;Số tiền\n1/12/2026;1000".encode(), "Số tham chiếu"),
        ("saoke.csv", "Số tham chiếu;Số tiền ghi có;Nội dung\nA1;12,5;x".encode(), "Dòng 2"),
        ("saoke.csv", "Số tham chiếu;Số tiền ghi có;Nội dung\n;1000;x".encode(), "Dòng 2"),
        ("saoke.xlsx", b"not a workbook", "XLSX"),
    ],
)
def test_a_bad_statement_is_refused_with_the_reason_and_nothing_stored(
    admin_client, transfer_order, django_capture_on_commit_callbacks, name, content, message
):
    page = _upload(admin_client, name, content, django_capture_on_commit_callbacks)
    assert message in page.content.decode()
    assert not BankTransaction.objects.exists()


def test_a_non_staff_user_cannot_upload(client, transfer_order, django_user_model):
    customer = django_user_model.objects.create_user("lan", "lan@example.vn", "pw-OCOP-2026!")
    client.force_login(customer)
    ref = transfer_order.payment.transfer_reference
    client.post(
        reverse("bank-transfers:upload"),
        {"statement": SimpleUploadedFile("s.csv", _csv(transfer_order, [("1", "", "1", ref)]))},
    )
    assert not BankTransaction.objects.exists()


# --- the deadline: the unpaid-order release job ----------------------------------------


def test_unpaid_transfer_order_is_cancelled_at_its_deadline_and_the_customer_told(
    transfer_order, priced_product, django_capture_on_commit_callbacks
):
    payment = transfer_order.payment
    stock = priced_product.stockrecords.get()
    assert stock.num_allocated == 1
    assert (
        reconciliation.release_abandoned_payments(
            now=payment.payment_due_at - timedelta(minutes=1)
        ).released
        == []
    )

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = reconciliation.release_abandoned_payments(
            now=payment.payment_due_at + timedelta(minutes=1)
        )
    assert report.released == [transfer_order.number]
    payment.refresh_from_db()
    assert payment.status == Status.CANCELLED and payment.stock_released_at
    assert Order.objects.get().status == "Cancelled"
    stock.refresh_from_db()
    assert stock.num_allocated == 0
    assert len(mail.outbox) == 1
    assert transfer_order.number in mail.outbox[0].subject
    assert "hủy" in mail.outbox[0].subject


def test_part_paid_order_is_not_released_but_reported_overdue(
    client, transfer_order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_bank_webhook(client, {"transactions": [bank_tx(transfer_order, amount=1000)]})
    payment = OrderPayment.objects.get(order=transfer_order)
    later = payment.payment_due_at + timedelta(hours=1)
    assert reconciliation.release_abandoned_payments(now=later).released == []
    payment.refresh_from_db()
    assert payment.status == Status.PART_PAID

    report = reconciliation.bank_transfer_report(
        start=later - timedelta(days=2), end=later, now=later
    )
    assert [p.order.number for p in report.overdue] == [transfer_order.number]
    assert report.needs_person


# --- the daily report ----------------------------------------------------------------------


def test_report_is_ok_when_everything_matched(
    client, transfer_order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_bank_webhook(client, {"transactions": [bank_tx(transfer_order)]})
    out = io.StringIO()
    call_command("reconcile_bank_transfers", stdout=out)
    text = out.getvalue()
    assert "MATCHED: 1" in text and "OK: nothing needs a person" in text


def test_report_lists_each_kind_and_exits_non_zero_when_a_person_is_needed(
    client, transfer_order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_bank_webhook(
            client,
            {
                "transactions": [
                    bank_tx(transfer_order, amount=1000000),
                    bank_tx(transfer_order, amount=300000),
                    bank_tx(transfer_order, memo="khong ro"),
                ]
            },
        )
    out = io.StringIO()
    with pytest.raises(CommandError, match="need a person"):
        call_command("reconcile_bank_transfers", stdout=out)
    text = out.getvalue()
    assert "PART PAID: 1" in text
    assert "OVERPAID: 1" in text
    assert "UNMATCHED: 1" in text
    assert "NEEDS A PERSON unmatched" in text
    assert "khong ro" in text


def test_overdue_order_the_release_job_missed_makes_the_report_fail(transfer_order):
    OrderPayment.objects.filter(pk=transfer_order.payment.pk).update(
        payment_due_at=transfer_order.payment.payment_due_at - timedelta(days=2)
    )
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("reconcile_bank_transfers", stdout=out)
    assert f"OVERDUE order {transfer_order.number}" in out.getvalue()


def test_scheduled_task_reports_the_same(
    transfer_order, client, django_capture_on_commit_callbacks
):
    from storefront.payment import tasks

    assert tasks.reconcile_bank_transfers.apply().get() is True
    with django_capture_on_commit_callbacks(execute=True):
        post_bank_webhook(client, {"transactions": [bank_tx(transfer_order, memo="?")]})
    assert tasks.reconcile_bank_transfers.apply().get() is False


def test_statement_row_already_received_by_the_webhook_pays_nothing_twice(
    client, admin_client, transfer_order, django_capture_on_commit_callbacks
):
    ref = transfer_order.payment.transfer_reference
    with django_capture_on_commit_callbacks(execute=True):
        post_bank_webhook(
            client,
            {"transactions": [bank_tx(transfer_order, memo=f"IBFT {ref} NGUYEN THI LAN")]},
        )
    mail.outbox.clear()
    statement = _csv(transfer_order, [("5213.01", "", "1.234.000", f"IBFT {ref} NGUYEN THI LAN")])
    _upload(admin_client, "saoke.csv", statement, django_capture_on_commit_callbacks)
    row = BankTransaction.objects.get(source="statement")
    assert row.outcome == Outcome.IGNORED and "generic:" in row.resolution
    payment = OrderPayment.objects.get(order=transfer_order)
    assert payment.amount_received == 1234000 and not payment.needs_attention
    assert mail.outbox == []
