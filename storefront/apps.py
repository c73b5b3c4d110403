from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_slug_changed, post_page_move


def _directory_changed(**kwargs):
    """A producer, store, craft village or page changed: search forgets its cached directories.

    Also on page moves and slug changes, which rewrite descendants' URL paths
    with an UPDATE that sends no post_save for them.
    """
    from storefront.search import directory_changed

    directory_changed()


class StorefrontConfig(AppConfig):
    name = "storefront"
    verbose_name = "OCOP storefront"

    def ready(self):
        from wagtail.models import PageViewRestriction, get_page_models

        from catalogue.models import CraftVillage, Producer
        from storefront.partner.models import Partner

        # Connected per model (every page type sends its own class), so the
        # saves of everything else, stock movements included, never call it.
        watched = (CraftVillage, Producer, Partner, PageViewRestriction, *get_page_models())
        for model in watched:
            for signal in (post_save, post_delete):
                signal.connect(
                    _directory_changed,
                    sender=model,
                    dispatch_uid=f"storefront-search-directory-{model._meta.label}",
                )
        for signal in (post_page_move, page_slug_changed):
            signal.connect(_directory_changed, dispatch_uid="storefront-search-page-moved")

        # Cached pages expire on any committed change to what public pages show.
        from storefront import pagecache

        pagecache.connect_signals()
