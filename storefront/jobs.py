"""Queuing work for the worker: after commit, with a fallback when the queue is down.

Every task is queued with `enqueue_on_commit`: a change that rolls back
queues nothing, and a worker never looks for rows that are not committed yet.
Should the broker be unreachable at that moment, the change stays committed
and the error is logged; each job has a catch-up path that does not depend on
that message (the outbox sweep for emails, `refund_due` for refunds, the card
form for PaymentIntents, the first page view for thumbnails).
"""

import logging
import random
from functools import partial

from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger("storefront.jobs")

# Publishing waits at most about a second for the broker before giving up:
# it runs at the end of a request that has already committed.
PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# The longest wait between two attempts of a task.
MAX_BACKOFF_SECONDS = 600


def enqueue_on_commit(task, **kwargs) -> None:
    """Queue `task(**kwargs)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(publish, task, **kwargs))


def publish(task, **kwargs) -> bool:
    """Queue `task(**kwargs)` now; False (logged) if the broker cannot take it."""
    try:
        task.apply_async(kwargs=kwargs, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except OperationalError:
        logger.exception(
            "Task queue unreachable: %s(%s) not queued; its catch-up job will do it",
            task.name,
            kwargs,
        )
        return False
    return True


def backoff(retries: int) -> float:
    """Seconds before attempt `retries + 1`: exponential, capped, with jitter.

    The jitter (half to all of the step) keeps tasks that failed together,
    say when the mail server went down, from all retrying at the same second.
    """
    step = min(settings.OCOP_TASK_RETRY_BACKOFF_SECONDS * 2**retries, MAX_BACKOFF_SECONDS)
    return step * random.uniform(0.5, 1)  # noqa: S311 (spreading retries, not a secret)


def can_retry(task) -> bool:
    """Whether a failed attempt can be retried through the queue.

    Not when running inline (development, tests): an inline retry would
    block the request that queued it, so the caller leaves the work for its
    catch-up job instead.
    """
    return not task.request.is_eager and task.request.retries < settings.OCOP_TASK_MAX_RETRIES
