from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Content pages"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import get_page_models
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms.links import forget_site_sections
        from cms.slugs import use_vietnamese_slug_input

        use_vietnamese_slug_input()

        # The header's and footer's links (cms.links) are cached:
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
        # The footer's choice of pages (Settings → Site links).
        for signal in (post_save, post_delete):
            signal.connect(
                forget_site_sections,
                sender="cms.SiteLinks",
                dispatch_uid=f"cms-site-links-{signal is post_save}",
            )
