from oscar.apps.shipping.admin import *  # noqa: F403  (the fork re-exports what it does not override)
