"""Evidence, certificate scans and submission pictures move to private storage.

They were stored under their uploaders' names in the public media tree, where
anyone who guessed a URL could fetch them. Each existing file is copied into
the "private" storage under a random name, the row is pointed at the copy,
and the public file is deleted. Backwards, files are copied back to public
storage (under their random names: the original names are gone for good).
"""

from django.core.files.storage import storages
from django.db import migrations, models

import catalogue.uploads

FIELDS = [
    ("OcopCertificate", "evidence", "certificates"),
    ("ProductSubmission", "image", "submissions"),
    ("RenewalEvidence", "file", "renewals"),
]


def _move(apps, *, source, target):
    for model_name, field_name, folder in FIELDS:
        model = apps.get_model("catalogue", model_name)
        name_for = catalogue.uploads.RandomName(folder)
        for row in model.objects.exclude(**{field_name: ""}).iterator():
            old_name = getattr(row, field_name).name
            if not source.exists(old_name):
                continue  # a file already lost stays lost; the row keeps its name
            with source.open(old_name, "rb") as content:
                new_name = target.save(name_for(row, old_name), content)
            model.objects.filter(pk=row.pk).update(**{field_name: new_name})
            source.delete(old_name)


def to_private(apps, schema_editor):
    _move(apps, source=storages["default"], target=storages["private"])


def to_public(apps, schema_editor):
    _move(apps, source=storages["private"], target=storages["default"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0038_search_words"),
    ]

    operations = [
        migrations.AlterField(
            model_name="ocopcertificate",
            name="evidence",
            field=models.FileField(
                blank=True,
                help_text="PDF, JPEG, PNG or WebP, at most 10 MB.",
                storage=catalogue.uploads.private_storage,
                upload_to=catalogue.uploads.RandomName("certificates"),
                validators=[catalogue.uploads.validate_evidence_file],
                verbose_name="scanned certificate",
            ),
        ),
        migrations.AlterField(
            model_name="productsubmission",
            name="image",
            field=models.ImageField(
                blank=True,
                storage=catalogue.uploads.private_storage,
                upload_to=catalogue.uploads.RandomName("submissions"),
                verbose_name="new image",
            ),
        ),
        migrations.AlterField(
            model_name="renewalevidence",
            name="file",
            field=models.FileField(
                storage=catalogue.uploads.private_storage,
                upload_to=catalogue.uploads.RandomName("renewals"),
                validators=[catalogue.uploads.validate_evidence_file],
                verbose_name="file",
            ),
        ),
        migrations.RunPython(to_private, to_public, elidable=False),
    ]
