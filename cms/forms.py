"""The Wagtail image form with alt text required (settings.WAGTAILIMAGES_IMAGE_FORM_BASE).

Wagtail stores alt text in the image's `description` and uses it wherever the
image is shown without a block-level alt; making it required here means no
picture reaches a page without one.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


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
