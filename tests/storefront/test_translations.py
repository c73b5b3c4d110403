"""Every string a shopper, producer or store manager sees has a Vietnamese translation."""

import re

from babel.messages.pofile import read_po
from django.conf import settings

from storefront.i18n import missing_translations, oscar_sources, project_sources
from storefront.management.commands.translation_gaps import SAME_IN_BOTH

PO_FILE = settings.BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _report(missing) -> str:
    return "\n".join(f"{m.path}:{m.line}: {m.msgid!r}" for m in missing)


def test_our_templates_and_code_are_translated():
    missing = missing_translations(project_sources(), "vi", allowed=SAME_IN_BOTH)
    assert not missing, "No Vietnamese for:\n" + _report(missing)


def test_oscar_strings_our_pages_show_are_translated():
    missing = missing_translations(oscar_sources(), "vi", allowed=SAME_IN_BOTH)
    assert not missing, "No Vietnamese for:\n" + _report(missing)


def _catalogue():
    with PO_FILE.open("rb") as po:
        return [m for m in read_po(po) if m.id]


def test_catalogue_has_no_fuzzy_or_empty_entries():
    entries = _catalogue()
    assert not [m.id for m in entries if m.fuzzy]
    assert not [m.id for m in entries if not (m.string[0] if m.pluralizable else m.string)]


def test_placeholders_survive_translation():
    pattern = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    broken = []
    for m in _catalogue():
        ids = m.id if m.pluralizable else (m.id,)
        strings = m.string if m.pluralizable else (m.string,)
        if sorted(pattern.findall(ids[0])) != sorted(pattern.findall(strings[0])):
            broken.append(ids[0])
    assert not broken
