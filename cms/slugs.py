"""ASCII page slugs from Vietnamese titles, in the editor's browser and on the server.

"Hội chợ sản phẩm OCOP Bắc Ninh năm 2026" must give
`hoi-cho-san-pham-ocop-bac-ninh-nam-2026`. Two places make slugs in Wagtail 8:

- The admin's slug field slugifies in the browser (the `w-slug` Stimulus
  controller of `wagtail.admin.widgets.SlugInput`). With
  `WAGTAIL_ALLOW_UNICODE_SLUGS = False` it transliterates with Django's
  character maps, which have no Vietnamese: every letter with a tone mark and
  "đ" were dropped ("hi-ch-sn-phm-…"). The widget's `formatters` (regex,
  replacement) run before that, so `VietnameseSlugInput` gives it one per base
  letter: [àáảãạ…] → a, [đ] → d, and so on.
- The server fills a slug left empty from the title (`Page.full_clean`,
  `minimal_clean`), with Django's slugify, which loses "đ" ("Đông Hồ" →
  `ong-ho`). `fill_slug_from_title` uses the shop's transliterating slugify
  (storefront.text.slugify, anyascii) instead; `OptionalSlugForm` lets an
  editor leave the field empty so the server does it.
"""

from collections import defaultdict

from anyascii import anyascii
from django.conf import settings
from django.core.validators import validate_slug
from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.coreutils import find_available_slug

from storefront.text import nfc, slugify

# Every vowel of Vietnamese with each of its tones, and đ (NFC). Text typed in
# NFD (a Mac keyboard) needs no map: the browser's slugify drops the combining
# marks and keeps the base letters.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # level, huyền, sắc, hỏi, ngã, nặng
VIETNAMESE_LETTERS = "".join(
    sorted({nfc(vowel + tone) for vowel in _VOWELS for tone in _TONES} - set("aeiouy") | {"đ"})
)


def slug_formatters() -> list[tuple[str, str]]:
    """(character class, ASCII letter) pairs for the admin's slug controller.

    Grouped by the letter anyascii gives, lower and upper case apart (the
    controller lower-cases afterwards): "[àáảãạăằắẳẵặâầấẩẫậ]" → "a".
    """
    groups: dict[str, str] = defaultdict(str)
    for letter in dict.fromkeys(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()):
        groups[anyascii(letter)] += letter
    return [(f"[{letters}]", base) for base, letters in sorted(groups.items())]


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug field, transliterating Vietnamese in the browser (see module)."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(
            attrs=attrs, formatters=[*slug_formatters(), *(formatters or [])], locale=locale
        )


def use_vietnamese_slug_input() -> None:
    """Make every slug field of Wagtail's admin forms (pages, snippets) a VietnameseSlugInput.

    Wagtail registers SlugInput for models.SlugField when its admin forms
    module is imported; registering again for the same class replaces it.
    """
    register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})


def fill_slug_from_title(page) -> None:
    """Give a page with no slug the transliterated title, numbered if a sibling has it.

    Only once the parent is known (as Wagtail's own default, which then finds
    the slug set and leaves it); a title with nothing to transliterate leaves
    the slug empty for Wagtail's validation to report.
    """
    if page.slug or not page.title:
        return
    if not (page.path or getattr(page, "_cached_parent_obj", None)):
        return
    base = slugify(page.title)[: page._meta.get_field("slug").max_length - 4].strip("-")
    if base:
        page.slug = find_available_slug(page.get_parent(), base, ignore_page_id=page.pk)


class OptionalSlugFormMixin:
    """The page's slug may be left empty (the server makes it from the title), and
    one typed in must be ASCII when WAGTAIL_ALLOW_UNICODE_SLUGS is off.

    Wagtail requires the field even for drafts (a non-null field); without
    this an editor whose browser did not fill it, or who cleared it, is
    stopped instead of given the transliterated title. Wagtail's page form
    takes the model field's Unicode slugs whatever the setting says, so
    "hội-chợ" typed without the script would become a percent-encoded URL.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        if slug and not getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True):
            validate_slug(slug)
        return slug


class PageForm(OptionalSlugFormMixin, WagtailAdminPageForm):
    """The admin form of the content pages (cms.models.SeoMixin.base_form_class)."""


class FormPageForm(OptionalSlugFormMixin, WagtailAdminFormPageForm):
    """The admin form of form pages, which keeps the form builder's own checks."""
