from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_slug_changed, post_page_move


def _set_search_thresholds(sender, connection, **kwargs):
    """Give pg_trgm's word-similarity operator the threshold search ranks by.

    A query word is a typo of a known word (`word %> 'nen'` on
    catalogue.SearchWord, index-backed) from this threshold; the
    default 0.6 would miss one-letter typos in short words ("nen" ~ "nem" is
    0.5). Set per connection because it is a session setting.
    """
    if connection.vendor != "postgresql":
        return
    from storefront.search import TYPO_SIMILARITY

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(TYPO_SIMILARITY)],
        )


def _directory_row_changed(sender, instance, **kwargs):
    """A producer, store, craft village or page changed: search forgets its cached directories."""
    from wagtail.models import Page, PageViewRestriction

    from catalogue.models import CraftVillage, Producer
    from storefront.partner.models import Partner
    from storefront.search import directory_changed

    # Page subclasses send their own class, so match on instances, not senders.
    if isinstance(instance, (CraftVillage, Producer, Partner, Page, PageViewRestriction)):
        directory_changed()


def _page_moved(**kwargs):
    # Moving a page or changing its slug rewrites its descendants' URL paths
    # with an UPDATE, which sends no post_save for them.
    from storefront.search import directory_changed

    directory_changed()


class StorefrontConfig(AppConfig):
    name = "storefront"
    verbose_name = "OCOP storefront"

    def ready(self):
        connection_created.connect(_set_search_thresholds, dispatch_uid="storefront-trgm")
        for signal in (post_save, post_delete):
            signal.connect(_directory_row_changed, dispatch_uid="storefront-search-directory")
        for signal in (post_page_move, page_slug_changed):
            signal.connect(_page_moved, dispatch_uid="storefront-search-page-moved")
