"""Clean product and category descriptions already stored through the allow-list.

From now on Product.save and Category's pre_save clean them; rows written
before (a producer's `<script>` approved by staff) are cleaned here once.
"""

from django.db import migrations

from catalogue.richtext import clean_html

FIELDS = {
    "Product": ("description", "description_vi", "description_en"),
    "Category": ("description", "description_vi", "description_en", "long_description"),
    "ProductSubmission": ("description_vi", "description_en"),
}


def clean_rows(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("catalogue", model_name)
        present = [f for f in fields if any(x.name == f for x in model._meta.get_fields())]
        for row in model.objects.only("pk", *present).iterator():
            changes = {}
            for field in present:
                value = getattr(row, field)
                if value and clean_html(value) != value:
                    changes[field] = clean_html(value)
            if changes:
                model.objects.filter(pk=row.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0039_private_files"),
    ]

    operations = [
        migrations.RunPython(clean_rows, migrations.RunPython.noop, elidable=False),
    ]
