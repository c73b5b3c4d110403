from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Content pages"
    default_auto_field = "django.db.models.AutoField"
