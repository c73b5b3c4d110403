"""Payment work on the worker: Stripe follow-ups and the scheduled payment jobs.

Each task calls the same service function as the page or command it replaces;
Stripe calls keep their idempotency keys, so a task delivered twice or retried
creates, refunds or cancels once. Stripe unreachable: retried with backoff,
and the scheduled jobs catch up whatever the retries did not.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from storefront import jobs
from storefront.payment import gateway, reconciliation, services
from storefront.payment.models import PaymentRefund

logger = logging.getLogger("storefront.payment")


@shared_task(name="storefront.payment.tasks.prepare_card_payment", acks_late=True)
def prepare_card_payment(*, order_id: int) -> None:
    """A new card order's PaymentIntent; if Stripe is down, the card form's POST makes it."""
    services.prepare_card_payment(order_id=order_id)


@shared_task(bind=True, name="storefront.payment.tasks.send_refund", acks_late=True)
def send_refund(self, *, refund_id: int) -> str:
    """A refund recorded as due: sent with its idempotency key, retried while Stripe is away."""
    refund = services.send_refund(refund_id=refund_id)
    if refund.status == PaymentRefund.Status.DUE and jobs.can_retry(self):
        raise self.retry(countdown=jobs.backoff(self.request.retries))
    return refund.status


@shared_task(bind=True, name="storefront.payment.tasks.cancel_payment_intent", acks_late=True)
def cancel_payment_intent(self, *, intent_id: str) -> bool:
    """Cancel a duplicate PaymentIntent no order keeps, so it can never be charged."""
    cancelled = services.cancel_duplicate_intent(intent_id=intent_id)
    if not cancelled and jobs.can_retry(self):
        raise self.retry(countdown=jobs.backoff(self.request.retries))
    return cancelled


# --- the schedule (settings.CELERY_BEAT_SCHEDULE) -----------------------------------
# Each job handles every order or refund on its own: one that fails is logged
# and reported, and the others go on (storefront/payment/reconciliation.py).


@shared_task(name="storefront.payment.tasks.release_unpaid_card_orders", acks_late=True)
def release_unpaid_card_orders() -> dict:
    report = reconciliation.release_abandoned_payments()
    if report.failed:
        logger.error("Unpaid card orders not released this run: %s", report.failed)
    return {
        "released": len(report.released),
        "left_for_webhook": len(report.left_for_webhook),
        "failed": len(report.failed),
    }


@shared_task(name="storefront.payment.tasks.send_due_refunds", acks_late=True)
def send_due_refunds() -> dict:
    report = reconciliation.send_due_refunds()
    if report.failed:
        logger.error("Refunds not sent this run: %s", report.failed)
    return {"sent": len(report.sent), "failed": len(report.failed)}


@shared_task(name="storefront.payment.tasks.reconcile_payments", acks_late=True)
def reconcile_payments(*, days: int = 2) -> bool:
    """Compare the last `days` days with Stripe; differences are logged as errors."""
    if not gateway.is_configured():
        return True  # no card payments taken: nothing to compare
    end = timezone.now()
    report = reconciliation.reconcile(start=end - timedelta(days=days), end=end)
    for intent_id, amount, order_number in report.unmatched_intents:
        logger.error(
            "Reconciliation: PaymentIntent %s (%s VND, order %s) succeeded without a paid order",
            intent_id,
            amount,
            order_number or "-",
        )
    for order_number, intent_id, total, received in report.amount_mismatches:
        logger.error(
            "Reconciliation: order %s total %s VND, Stripe %s received %s VND",
            order_number,
            total,
            intent_id,
            received,
        )
    return report.ok


@shared_task(name="storefront.payment.tasks.reconcile_bank_transfers", acks_late=True)
def reconcile_bank_transfers(*, days: int = 1) -> bool:
    """The daily bank-transfer report; what needs a person is logged as errors."""
    end = timezone.now()
    report = reconciliation.bank_transfer_report(start=end - timedelta(days=days), end=end)
    for record in report.open_items:
        logger.error(
            "Bank transfers: %s %s:%s %s VND (order %s) needs a person",
            record.outcome,
            record.source,
            record.transaction_id,
            record.amount,
            record.payment.order.number if record.payment else "-",
        )
    for payment in report.overdue:
        logger.error(
            "Bank transfers: order %s (%s) past its deadline %s",
            payment.order.number,
            payment.status,
            payment.payment_due_at,
        )
    return not report.needs_person
