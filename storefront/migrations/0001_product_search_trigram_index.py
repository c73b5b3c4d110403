"""PostgreSQL only: pg_trgm and a trigram index on the products' folded text.

The index serves both `search_text LIKE '%word%'` (every search) and the
trigram word similarity used for typos. pg_trgm is a trusted extension, so
the database owner can create it without superuser rights. On SQLite this
migration does nothing: search there is a plain scan, fine for a first run.
"""

from django.db import migrations

INDEX = "catalogue_product_search_text_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalogue_product "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0034_craftvillage")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
