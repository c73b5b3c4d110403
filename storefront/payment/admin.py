from oscar.apps.payment.admin import *  # noqa: F403  (the fork re-exports what it does not override)
