# Loaded with Django, so tasks bind to this app and `.delay()` uses its settings.
from .celery import app as celery_app

__all__ = ("celery_app",)
