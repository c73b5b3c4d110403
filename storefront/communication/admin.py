from oscar.apps.communication.admin import *  # noqa: F403  (the fork re-exports what it does not override)
