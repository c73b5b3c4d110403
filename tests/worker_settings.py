"""The production settings, as the worker tests run them (tests/celery_worker.py).

Only what a test must change: emails into a folder instead of SMTP, and a
queue of the test's own so that no other run's worker takes its tasks.
"""

import os

from storefront.settings.production import *  # noqa: F403

EMAIL_FILE_PATH = os.environ["TEST_EMAIL_FILE_PATH"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["TEST_CELERY_QUEUE"]
