from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Content pages"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.models import get_page_models
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from storefront.templatetags.storefront_tags import forget_site_sections

        # The header's section links (storefront_tags.site_sections) are cached:
        # any change to which pages are live, or where, reads them again.
        # Connected per page type, since each sends its own class.
        signals = {"published": page_published, "unpublished": page_unpublished}
        signals["deleted"] = post_delete
        for name, signal in signals.items():
            for model in get_page_models():
                signal.connect(
                    forget_site_sections,
                    sender=model,
                    dispatch_uid=f"cms-site-sections-{name}-{model._meta.label}",
                )
        post_page_move.connect(forget_site_sections, dispatch_uid="cms-site-sections-moved")
