"""The task queue: Celery on Redis, configured from Django's settings (`CELERY_*`).

Emails, Stripe follow-ups, thumbnails and the scheduled jobs run here instead
of in a request or a cron line; `make worker` starts a worker with the
schedule (beat) embedded. Tasks live in each app's `tasks.py` and only call
service functions, which the management commands call too.

A server process defaults to the production settings, like `wsgi.py`; in
development set DJANGO_SETTINGS_MODULE=storefront.settings.dev (without
REDIS_URL development runs every task inline and needs no worker).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.production")

app = Celery("storefront")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
