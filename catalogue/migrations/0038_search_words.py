"""The search vocabulary (`SearchWord`), filled from the products there are.

On PostgreSQL a trigram index on the word serves the typo look-up; SQLite
has no typo tolerance and needs none. pg_trgm is created here too (it is a
trusted extension) so this migration does not depend on storefront's.
"""

from django.db import migrations, models

from storefront.text import vocabulary_words

INDEX = "catalogue_searchword_word_trgm"


def fill(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    SearchWord = apps.get_model("catalogue", "SearchWord")
    words: set[str] = set()
    for text in Product.objects.values_list("search_text", flat=True).iterator(chunk_size=2000):
        words |= vocabulary_words(text or "")
    SearchWord.objects.bulk_create([SearchWord(word=word) for word in sorted(words)])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalogue_searchword USING gin (word gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0037_submission_attributes")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=40, unique=True, verbose_name="word")),
            ],
            options={"verbose_name": "search word", "verbose_name_plural": "search words"},
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
