"""Thin fork of Oscar's catalogue: only the models we change are declared here.

Custom models must be declared before the star-import of Oscar's models, or
Django sees two models with the same name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct

from storefront.text import fold, nfc


class CraftVillage(models.Model):
    """A craft village (làng nghề) that producers belong to.

    Lives in the catalogue so producers and products can point at it; the
    Wagtail craft village page (cms) points at this record, which is how a
    product links to its village page and the page lists the village's
    producers without anyone keeping two lists.
    """

    name = models.CharField(_("name"), max_length=128)
    slug = models.SlugField(_("slug"), max_length=128, unique=True)
    crafts = models.CharField(_("crafts"), max_length=255, blank=True)
    commune = models.CharField(_("commune/ward"), max_length=128, blank=True)
    province = models.CharField(_("province"), max_length=64, default="Bắc Ninh")

    class Meta:
        ordering = ["name"]
        verbose_name = _("craft village")
        verbose_name_plural = _("craft villages")

    def __str__(self) -> str:
        return self.name


class Product(AbstractProduct):
    # Accent-folded copy of the searchable text ("banh da nem"), so the
    # search box matches with or without diacritics on SQLite and PostgreSQL
    # alike, without database extensions.
    search_text = models.TextField(_("Search text"), blank=True, editable=False)

    def clean(self):
        for field in ("title", "title_vi", "title_en", "description_vi", "description_en"):
            value = getattr(self, field, None)
            if isinstance(value, str):
                setattr(self, field, nfc(value))
        super().clean()

    def save(self, *args, **kwargs):
        self.search_text = fold(
            " ".join(
                filter(
                    None,
                    [
                        getattr(self, "title_vi", None) or self.title,
                        getattr(self, "title_en", None),
                        self.upc,
                    ],
                )
            )
        )
        super().save(*args, **kwargs)


from oscar.apps.catalogue.models import *  # noqa: E402, F403
