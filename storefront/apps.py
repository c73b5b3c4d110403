from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_slug_changed, post_page_move


def _configure_postgresql_session(sender, connection, **kwargs):
    """Turn PostgreSQL's JIT off for the shop's connections.

    PostgreSQL compiles a query to machine code (JIT) once its estimated cost
    passes `jit_above_cost`; the shop's page queries read a few dozen rows
    but carry correlated subqueries whose estimates pass it, and compiling
    took 300–1,400 ms against 1–100 ms of execution (measured at 10,000
    products). Set per connection because it is a session setting.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('jit', 'off', false)")


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

        connection_created.connect(
            _configure_postgresql_session, dispatch_uid="storefront-pg-session"
        )

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
