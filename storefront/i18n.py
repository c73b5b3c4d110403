"""Find user-facing strings that have no Vietnamese translation.

Used by `manage.py translation_gaps` (to see what to translate) and by the
test that keeps every page complete in Vietnamese. Strings are extracted the
way `makemessages` does (Django's templatize for templates, Python's tokenizer
through Babel for code) and looked up in the active catalogues, so a string
counts as translated whether the translation comes from our locale/ or from
Oscar's, Wagtail's or Django's own.
"""

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.extract import extract_python
from django.conf import settings
from django.utils import translation
from django.utils.translation import template as template_i18n

KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": None,
    "ngettext_lazy": None,
    "pgettext": None,
    "pgettext_lazy": None,
    "npgettext": None,
    "npgettext_lazy": None,
}


@dataclass(frozen=True)
class Message:
    msgid: str
    context: str | None
    path: str
    line: int


def _extract(source: str, path: Path) -> Iterator[Message]:
    for line, func, args, _comments in extract_python(
        io.BytesIO(source.encode()), KEYWORDS, [], {}
    ):
        args = args if isinstance(args, tuple) else (args,)
        if func.startswith(("pgettext", "npgettext")):
            context, msgid = args[0], args[1]
        else:
            context, msgid = None, args[0]
        if isinstance(msgid, str) and msgid.strip():
            yield Message(msgid, context, str(path), line)


def template_messages(path: Path) -> Iterator[Message]:
    code = template_i18n.templatize(path.read_text(encoding="utf-8"), origin=str(path))
    # templatize keeps the template's indentation, which Python's tokenizer
    # rejects; the calls it writes never span an indented block.
    yield from _extract("\n".join(line.strip() for line in code.splitlines()), path)


def python_messages(path: Path) -> Iterator[Message]:
    yield from _extract(path.read_text(encoding="utf-8"), path)


def is_translated(message: Message, language: str) -> bool:
    with translation.override(language):
        if message.context is None:
            return translation.gettext(message.msgid) != message.msgid
        return translation.pgettext(message.context, message.msgid) != message.msgid


def project_sources() -> Iterator[tuple[str, Path]]:
    """Our templates and Python modules (not migrations, tests or demo content)."""
    base = Path(settings.BASE_DIR)
    for path in sorted((base / "templates").rglob("*.html")):
        yield "template", path
    for package in ("storefront", "catalogue", "cms"):
        for path in sorted((base / package).rglob("*")):
            if "migrations" in path.parts or "demo" in path.parts:
                continue
            if path.suffix == ".py":
                yield "python", path
            elif path.suffix in (".html", ".txt") and "templates" in path.parts:
                yield "template", path


def missing_translations(
    sources: Iterable[tuple[str, Path]], language: str = "vi", *, allowed: Iterable[str] = ()
) -> list[Message]:
    allowed = set(allowed)
    seen: set[tuple[str | None, str]] = set()
    missing = []
    for kind, path in sources:
        messages = template_messages(path) if kind == "template" else python_messages(path)
        for message in messages:
            key = (message.context, message.msgid)
            if key in seen or message.msgid in allowed:
                continue
            seen.add(key)
            if not is_translated(message, language):
                missing.append(message)
    return missing


# Oscar's templates that shoppers, producers and store managers see. Oscar's
# own Vietnamese catalogue covers most of them; the rest is in our locale/.
OSCAR_AREAS = (
    "base.html",
    "layout.html",
    "partials",
    "catalogue",
    "basket",
    "checkout",
    "customer",
    "order",
    "offer",
    "search",
    "communication",
    "dashboard/layout.html",
    "dashboard/index.html",
    "dashboard/partials",
)


def oscar_sources() -> Iterator[tuple[str, Path]]:
    import oscar

    root = Path(oscar.__file__).parent / "templates" / "oscar"
    for area in OSCAR_AREAS:
        target = root / area
        paths = sorted(target.rglob("*.html")) if target.is_dir() else [target]
        for path in paths:
            yield "template", path
