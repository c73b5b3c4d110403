"""Clean range and offer descriptions already stored, as their saves now do.

Oscar renders them with |safe on public pages (/shop/catalogue/ranges/…,
/shop/offers/…); catalogue.richtext.clean_offer_description cleans them on
every save from now on.
"""

from django.db import migrations

from catalogue.richtext import clean_html


def clean_rows(apps, schema_editor):
    for model_name in ("Range", "ConditionalOffer"):
        model = apps.get_model("offer", model_name)
        for row in model.objects.exclude(description="").only("pk", "description").iterator():
            cleaned = clean_html(row.description)
            if cleaned != row.description:
                model.objects.filter(pk=row.pk).update(description=cleaned)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0040_clean_rich_text"),
        ("offer", "0013_range_excluded_categories"),
    ]

    operations = [
        migrations.RunPython(clean_rows, migrations.RunPython.noop, elidable=False),
    ]
