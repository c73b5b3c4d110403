"""The stock jobs on the worker's schedule (settings.CELERY_BEAT_SCHEDULE).

The same service functions as `manage.py release_stock [--report]`.
"""

import logging

from celery import shared_task

from storefront.order import services

logger = logging.getLogger("storefront.order")


@shared_task(name="storefront.order.tasks.release_stock", acks_late=True)
def release_stock() -> dict:
    """Overdue pickups become Not collected; closed orders give back what they still reserve."""
    report = services.release_held_stock()
    if report.failed:
        logger.error("Orders whose stock was not released this run: %s", report.failed)
    return {
        "not_collected": len(report.not_collected),
        "closed_released": len(report.closed_released),
        "failed": len(report.failed),
    }


@shared_task(name="storefront.order.tasks.report_leaked_allocations", acks_late=True)
def report_leaked_allocations() -> int:
    """Log, as errors, stock records reserving units that no open order accounts for."""
    leaks = services.leaked_allocations()
    for record, reserved, by_orders in leaks:
        logger.error(
            "Leaked allocation: store %s product %s reserves %s, open orders %s",
            record.partner.code,
            record.product.upc,
            reserved,
            by_orders,
        )
    return len(leaks)
