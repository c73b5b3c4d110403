"""Wagtail's image and document forms (WAGTAILIMAGES_IMAGE_FORM_BASE,
WAGTAILDOCS_DOCUMENT_FORM_BASE).

Images: alt text is required. Wagtail stores alt text in the image's
`description` and uses it wherever the image is shown without a block-level
alt; making it required here means no picture reaches a page without one.
The pixel count is read from the file's header before Wagtail's own field
hands the file to Willow, which decodes every pixel to learn the size (a
316 KB, 100-megapixel PNG cost ~370 MB of memory before it was refused).
Metadata (EXIF GPS) is stripped when the image is saved, whoever saves it
(catalogue.uploads.strip_image_metadata).

Documents: at most 10 MB, and the content must be what the extension says;
a PDF must parse (catalogue.uploads.evidence_type).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from catalogue.uploads import evidence_type, image_format


class HeaderCheckedImageField(WagtailImageField):
    """Wagtail's image field, refusing too many pixels before anything is decoded."""

    def to_python(self, data):
        if data is not None and hasattr(data, "seek"):
            image_format(data)  # raises ValidationError over the pixel cap
        return super().to_python(data)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].required = True
            self.fields["description"].label = _("Alt text")
            self.fields["description"].help_text = _(
                "Describe the picture for people who cannot see it, e.g. "
                "“An artisan carving a woodblock in Đông Hồ”."
            )
        file_field = self.fields.get("file")
        if type(file_field) is WagtailImageField:
            # Wagtail builds this field itself (formfield_for_dbfield); the
            # subclass only adds a check before its to_python.
            file_field.__class__ = HeaderCheckedImageField


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            evidence_type(upload)  # ValidationError: too big, unreadable PDF, wrong extension
        return upload
