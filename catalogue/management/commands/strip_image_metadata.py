"""Strip EXIF (GPS position, camera serials) from pictures stored before uploads were cleaned.

New uploads are cleaned as they are saved (catalogue.uploads); this command
cleans what was stored earlier: Wagtail images (whose renditions are then
deleted, to be made again from the clean original), product images, producer
logos, and pictures among evidence and submissions. Idempotent: a clean file
is left as it is. Run it once after deploying (docs/security.md).
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.images import get_image_model

from catalogue.models import (
    OcopCertificate,
    Producer,
    ProductImage,
    ProductSubmission,
    RenewalEvidence,
)
from catalogue.uploads import strip_stored_image

FIELDS = [
    (ProductImage, "original"),
    (Producer, "logo"),
    (RenewalEvidence, "file"),
    (OcopCertificate, "evidence"),
    (ProductSubmission, "image"),
]


class Command(BaseCommand):
    help = "Remove EXIF (GPS) from pictures stored before uploads were cleaned."

    def handle(self, *args, **options):
        cleaned = 0
        for model, field in FIELDS:
            for row in model.objects.exclude(**{field: ""}).iterator():
                with transaction.atomic():
                    if strip_stored_image(getattr(row, field)):
                        row.save(update_fields=[field])
                        cleaned += 1
        for image in get_image_model().objects.iterator():
            with transaction.atomic():
                if strip_stored_image(image.file):
                    image._set_image_file_metadata()
                    image.save(update_fields=["file", "file_size", "file_hash"])
                    image.renditions.all().delete()
                    cleaned += 1
        self.stdout.write(f"{cleaned} pictures cleaned")
