from oscar.apps.basket.admin import *  # noqa: F403  (the fork re-exports what it does not override)
