from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _set_search_thresholds(sender, connection, **kwargs):
    """Give pg_trgm's word-similarity operator the threshold search ranks by.

    `search_text %> word` (index-backed) matches from this threshold; the
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


class StorefrontConfig(AppConfig):
    name = "storefront"
    verbose_name = "OCOP storefront"

    def ready(self):
        connection_created.connect(_set_search_thresholds, dispatch_uid="storefront-trgm")
