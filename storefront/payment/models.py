from oscar.apps.payment.models import *  # noqa: F403  (the fork re-exports what it does not override)
