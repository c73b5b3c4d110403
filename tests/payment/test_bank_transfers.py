"""Bank transfers matched from the bank's transaction webhook: signed, forged, replayed, mangled."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.payment.models import BankTransaction, OrderPayment
from tests.payment.conftest import bank_tx, post_bank_webhook, sign_bank

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
Outcome = BankTransaction.Outcome
Status = OrderPayment.Status
pytestmark = pytest.mark.django_db


def deliver(client, capture, *transactions, **kwargs):
    mail.outbox.clear()
    with capture(execute=True):
        response = post_bank_webhook(client, {"transactions": list(transactions)}, **kwargs)
    return response


def test_a_transfer_order_waits_for_the_money_with_its_reference(transfer_order):
    payment = transfer_order.payment
    assert payment.method == OrderPayment.Method.BANK_TRANSFER
    assert payment.status == Status.PENDING
    assert payment.transfer_reference == f"OCOP{transfer_order.number}"
    assert payment.payment_due_at is not None
    assert transfer_order.status == "Awaiting payment"
    assert transfer_order.lines.get().allocation_cancelled is False  # stock reserved


def test_exact_transfer_pays_the_order_and_emails_once(
    client, transfer_order, django_capture_on_commit_callbacks
):
    response = deliver(client, django_capture_on_commit_callbacks, bank_tx(transfer_order))

    assert response.status_code == 200
    assert response.json()["results"][0]["outcome"] == "paid"
    payment = OrderPayment.objects.get(order=transfer_order)
    assert payment.status == Status.PAID
    assert payment.amount_received == 1234000
    assert not payment.needs_attention
    assert Order.objects.get().status == "Pending"  # joins the stores' pipeline
    assert [m.subject for m in mail.outbox] == [
        f"OCOP Bắc Ninh: đã nhận thanh toán cho đơn hàng {transfer_order.number}"
    ]


@pytest.mark.parametrize(
    "memo",
    [
        "{ref}",
        "MBVCB.3278907687.{ref}.CT tu 0912345678 NGUYEN THI LAN",  # prefix and suffix
        "{spaced}",  # spaces inserted
        "{dashed}",  # dashes inserted
        "{lower}",  # lower case
        "ÔCÔP{number} chuyển khoản",  # diacritics added by a keyboard
        "NGUYEN THI LAN {ref}0912345678",  # digits run on once spaces are dropped
        "CT DEN:0123 NGUYEN THI LAN CHUYEN TIEN {cut}",  # the memo cut inside the reference
    ],
)
def test_reference_is_found_however_the_bank_mangled_the_memo(
    client, transfer_order, django_capture_on_commit_callbacks, memo
):
    ref = transfer_order.payment.transfer_reference
    memo = memo.format(
        ref=ref,
        number=transfer_order.number,
        spaced=" ".join([ref[:4], ref[4:7], ref[7:]]),
        dashed="-".join([ref[:4], ref[4:7], ref[7:]]),
        lower=ref.lower(),
        cut=ref[:-1],
    )
    response = deliver(
        client, django_capture_on_commit_callbacks, bank_tx(transfer_order, memo=memo)
    )
    assert response.json()["results"][0]["outcome"] == "paid", memo
    assert OrderPayment.objects.get(order=transfer_order).status == Status.PAID


def test_short_transfer_is_part_paid_and_flagged_then_the_rest_pays(
    client, transfer_order, django_capture_on_commit_callbacks
):
    deliver(client, django_capture_on_commit_callbacks, bank_tx(transfer_order, amount=1000000))
    payment = OrderPayment.objects.get(order=transfer_order)
    assert payment.status == Status.PART_PAID
    assert payment.amount_received == 1000000
    assert payment.needs_attention and "234000" in payment.attention_reason
    assert Order.objects.get().status == "Awaiting payment"  # still reserved
    assert mail.outbox == []

    deliver(client, django_capture_on_commit_callbacks, bank_tx(transfer_order, amount=234000))
    payment.refresh_from_db()
    assert payment.status == Status.PAID
    assert payment.amount_received == 1234000
    assert Order.objects.get().status == "Pending"
    assert len(mail.outbox) == 1
    first = BankTransaction.objects.get(amount=1000000)
    assert first.outcome == Outcome.PART_PAID and first.resolved_at is not None  # settled


def test_overpayment_pays_and_is_flagged_for_refund(
    client, transfer_order, django_capture_on_commit_callbacks
):
    response = deliver(
        client, django_capture_on_commit_callbacks, bank_tx(transfer_order, amount=1300000)
    )
    assert response.json()["results"][0]["outcome"] == "overpaid"
    payment = OrderPayment.objects.get(order=transfer_order)
    assert payment.status == Status.PAID
    assert payment.needs_attention and "66000" in payment.attention_reason
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("memo", ["chuyen tien", "OCOP999999", ""])
def test_unknown_or_missing_reference_is_left_for_staff(
    client, transfer_order, django_capture_on_commit_callbacks, memo
):
    response = deliver(
        client, django_capture_on_commit_callbacks, bank_tx(transfer_order, memo=memo)
    )
    assert response.json()["results"][0]["outcome"] == "unmatched"
    record = BankTransaction.objects.get()
    assert record.payment is None and record.needs_person
    assert OrderPayment.objects.get(order=transfer_order).status == Status.PENDING
    assert mail.outbox == []


def test_transfer_for_a_cancelled_order_is_flagged_for_refund_not_accepted(
    client, transfer_order, django_capture_on_commit_callbacks
):
    from storefront.payment import reconciliation

    payment = transfer_order.payment
    with django_capture_on_commit_callbacks(execute=True):
        report = reconciliation.release_abandoned_payments(
            now=payment.payment_due_at + __import__("datetime").timedelta(minutes=1)
        )
    assert report.released == [transfer_order.number]

    response = deliver(client, django_capture_on_commit_callbacks, bank_tx(transfer_order))
    assert response.json()["results"][0]["outcome"] == "refund_due"
    payment.refresh_from_db()
    assert payment.status == Status.CANCELLED  # never silently accepted
    assert payment.amount_received == 1234000
    assert payment.needs_attention and "hoàn tiền" in payment.attention_reason
    assert Order.objects.get().status == "Cancelled"
    assert mail.outbox == []  # no "payment received"


def test_a_second_transfer_for_a_paid_order_is_flagged_for_refund(
    client, transfer_order, django_capture_on_commit_callbacks
):
    deliver(client, django_capture_on_commit_callbacks, bank_tx(transfer_order))
    response = deliver(client, django_capture_on_commit_callbacks, bank_tx(transfer_order))
    assert response.json()["results"][0]["outcome"] == "refund_due"
    assert mail.outbox == []
    assert OrderPayment.objects.get(order=transfer_order).needs_attention


def test_replayed_delivery_three_times_pays_once_with_one_email(
    client, transfer_order, django_capture_on_commit_callbacks
):
    tx = bank_tx(transfer_order, tx_id="FT2433500001")
    outcomes = []
    emails = 0
    for _ in range(3):
        response = deliver(client, django_capture_on_commit_callbacks, tx)
        outcomes.append(response.json()["results"][0]["outcome"])
        emails += len(mail.outbox)
    assert outcomes == ["paid", "duplicate", "duplicate"]
    assert emails == 1
    assert BankTransaction.objects.count() == 1
    assert transfer_order.payment_events.count() == 1
    assert OrderPayment.objects.get(order=transfer_order).amount_received == 1234000


def test_outgoing_and_other_accounts_transactions_are_stored_and_ignored(
    client, transfer_order, django_capture_on_commit_callbacks
):
    response = deliver(
        client,
        django_capture_on_commit_callbacks,
        bank_tx(transfer_order, amount=-1234000),
        bank_tx(transfer_order, account="9999999999"),
    )
    assert [r["outcome"] for r in response.json()["results"]] == ["ignored", "ignored"]
    assert OrderPayment.objects.get(order=transfer_order).status == Status.PENDING


def test_sepay_shaped_delivery_is_read_by_its_adapter(
    client, transfer_order, django_capture_on_commit_callbacks
):
    payload = {
        "id": 92704,
        "gateway": "Vietcombank",
        "transactionDate": "2026-12-01 14:02:37",
        "accountNumber": "0451000123456",
        "content": f"{transfer_order.payment.transfer_reference} chuyen tien",
        "transferType": "in",
        "transferAmount": 1234000,
        "referenceCode": "MBVCB.3278907687",
    }
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_bank_webhook(client, payload, source="sepay")
    assert response.json() == {"results": [{"id": "92704", "outcome": "paid"}]}
    assert BankTransaction.objects.get().source == "sepay"


# --- refusals: nothing stored ----------------------------------------------------------


@pytest.mark.parametrize(
    "signature",
    [
        None,  # missing
        "",
        "sha256=" + "0" * 64,  # forged
        sign_bank(b"another body"),  # a real signature of something else
        sign_bank(b"x", secret="wrong"),
    ],
)
def test_unsigned_or_forged_delivery_is_refused_with_401_and_nothing_stored(
    client, transfer_order, signature
):
    response = post_bank_webhook(
        client, {"transactions": [bank_tx(transfer_order)]}, signature=signature
    )
    assert response.status_code == 401
    assert not BankTransaction.objects.exists()
    assert OrderPayment.objects.get(order=transfer_order).status == Status.PENDING


def test_body_altered_after_signing_is_refused(client, transfer_order):
    body = json.dumps({"transactions": [bank_tx(transfer_order, amount=1)]}).encode()
    signature = sign_bank(body)
    altered = body.replace(b'"amount": 1,', b'"amount": 1234000,')
    response = post_bank_webhook(client, altered, signature=signature)
    assert response.status_code == 401
    assert not BankTransaction.objects.exists()


def test_without_a_configured_secret_every_delivery_is_refused(client, transfer_order, settings):
    settings.BANK_WEBHOOK_SECRET = ""
    response = post_bank_webhook(client, {"transactions": [bank_tx(transfer_order)]})
    assert response.status_code == 401
    assert not BankTransaction.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"{}",
        b'{"transactions": []}',
        b'{"transactions": [{"amount": 1234000, "description": "OCOP1"}]}',  # no id
        b'{"transactions": [{"id": "A1", "amount": "12,5", "description": "x"}]}',
        b'{"transactions": [{"id": "A1", "amount": 1000, "time": "yesterday"}]}',
    ],
)
def test_malformed_delivery_is_refused_with_400_and_nothing_stored(client, transfer_order, payload):
    response = post_bank_webhook(client, payload)
    assert response.status_code == 400
    assert not BankTransaction.objects.exists()


def test_one_bad_transaction_refuses_the_whole_batch(client, transfer_order):
    good = bank_tx(transfer_order)
    response = post_bank_webhook(client, {"transactions": [good, {"id": "X"}]})
    assert response.status_code == 400
    assert not BankTransaction.objects.exists()


def test_unknown_source_and_get_are_refused(client, transfer_order):
    response = post_bank_webhook(client, {"transactions": [bank_tx(transfer_order)]}, source="x")
    assert response.status_code == 400
    assert client.get(reverse("payment:bank-webhook", args=["generic"])).status_code == 405
    assert not BankTransaction.objects.exists()


# --- staff assign by hand ----------------------------------------------------------


def test_staff_assign_an_unmatched_transfer_and_it_is_audited(
    client, admin_client, admin_user, transfer_order, django_capture_on_commit_callbacks
):
    deliver(client, django_capture_on_commit_callbacks, bank_tx(transfer_order, memo="CK don"))
    record = BankTransaction.objects.get()
    page = admin_client.get(reverse("bank-transfers:list"))
    assert page.status_code == 200
    assert "CK don" in page.content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("bank-transfers:assign", args=[record.pk]),
            {"order_number": transfer_order.number},
        )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.outcome == Outcome.PAID
    assert record.assigned_by == admin_user and record.assigned_at
    assert OrderPayment.objects.get(order=transfer_order).status == Status.PAID
    assert OrderNote.objects.filter(order=transfer_order, user=admin_user).exists()
    assert len(mail.outbox) == 1

    again = admin_client.post(
        reverse("bank-transfers:assign", args=[record.pk]), {"order_number": "100999"}, follow=True
    )
    assert "đã được gán" in again.content.decode() or "already matched" in again.content.decode()


def test_assigning_to_a_missing_or_cash_order_is_refused(
    client, admin_client, transfer_order, django_capture_on_commit_callbacks
):
    deliver(client, django_capture_on_commit_callbacks, bank_tx(transfer_order, memo="?"))
    record = BankTransaction.objects.get()
    admin_client.post(reverse("bank-transfers:assign", args=[record.pk]), {"order_number": "nope"})
    record.refresh_from_db()
    assert record.outcome == Outcome.UNMATCHED and record.payment is None


def test_customers_and_anonymous_cannot_reach_the_staff_pages(
    client, transfer_order, django_user_model, django_capture_on_commit_callbacks
):
    deliver(client, django_capture_on_commit_callbacks, bank_tx(transfer_order, memo="?"))
    record = BankTransaction.objects.get()
    customer = django_user_model.objects.create_user("lan", "lan@example.vn", "pw-OCOP-2026!")
    for who in ("anonymous", "customer"):
        if who == "customer":
            client.force_login(customer)
        else:
            client.logout()
        assert client.get(reverse("bank-transfers:list")).status_code in (302, 403)
        response = client.post(
            reverse("bank-transfers:assign", args=[record.pk]),
            {"order_number": transfer_order.number},
        )
        assert response.status_code in (302, 403)
        record.refresh_from_db()
        assert record.payment is None


def test_staff_resolve_a_flagged_transfer_with_a_note(
    client, admin_client, admin_user, transfer_order, django_capture_on_commit_callbacks
):
    deliver(client, django_capture_on_commit_callbacks, bank_tx(transfer_order, amount=1300000))
    record = BankTransaction.objects.get()
    refused = admin_client.post(reverse("bank-transfers:resolve", args=[record.pk]), {"note": ""})
    assert refused.status_code == 302
    record.refresh_from_db()
    assert record.needs_person
    admin_client.post(
        reverse("bank-transfers:resolve", args=[record.pk]), {"note": "hoàn 66.000 ₫ ngày 2/12"}
    )
    record.refresh_from_db()
    assert not record.needs_person and record.resolved_by == admin_user


def test_dashboard_order_page_shows_the_reference_and_no_cash_button(admin_client, transfer_order):
    page = admin_client.get(reverse("dashboard:order-detail", args=[transfer_order.number]))
    html = page.content.decode()
    assert page.status_code == 200
    assert transfer_order.payment.transfer_reference in html
    assert 'id="mark-paid"' not in html
    assert reverse("bank-transfers:list") in html
