from oscar.apps.dashboard.models import *  # noqa: F403  (the fork re-exports what it does not override)
