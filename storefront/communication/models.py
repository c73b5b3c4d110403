from oscar.apps.communication.models import *  # noqa: F403  (the fork changes no model)
