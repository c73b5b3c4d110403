"""How an experience reads to shoppers: sessions, people, languages, the cancellation rule.

One place for these words, so the product page, the basket, the checkout,
the order pages and the emails say the same thing in the page's language:
"Thứ Ba 15/12/2026, 08:00 · 3 người lớn" / "Tue 15 Dec 2026, 08:00 · 3 adults".
"""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from storefront.experiences.models import Experience, parse_session_key


def session_date(day: dt.date) -> str:
    # A translated format: Vietnamese names the weekday in full and writes the
    # date with slashes ("Thứ Ba 15/12/2026"); English "Tue 15 Dec 2026".
    return date_format(day, pgettext("experience session date", "D j M Y"))


def session_label(day: dt.date, starts_at: dt.time) -> str:
    return f"{session_date(day)}, {starts_at:%H:%M}"


def people_label(*, adults: int = 0, children: int = 0) -> str:
    parts = []
    if adults:
        parts.append(ngettext("%(count)d adult", "%(count)d adults", adults) % {"count": adults})
    if children:
        parts.append(
            ngettext("%(count)d child", "%(count)d children", children) % {"count": children}
        )
    return " · ".join(parts)


def line_summary(options: dict, quantity: int) -> str:
    """ "Thứ Ba 15/12/2026, 08:00 · 3 người lớn" for a line's options, or "" without a session."""
    from storefront.experiences.services import CHILD, SESSION_OPTION, TICKET_OPTION

    parsed = parse_session_key(options.get(SESSION_OPTION, ""))
    if parsed is None:
        return ""
    if options.get(TICKET_OPTION) == CHILD:
        people = people_label(children=quantity)
    else:
        people = people_label(adults=quantity)
    return f"{session_label(*parsed)} · {people}"


def line_description(line, title: str) -> str | None:
    """An experience line's description, or None for goods (Oscar's own then applies)."""
    from storefront.experiences.services import experience_of, line_options

    # Goods lines name their stock record: answered without loading the product.
    if line.stockrecord_id is not None or line.product_id is None:
        return None
    if experience_of(line.product) is None:
        return None
    summary = line_summary(line_options(line), line.quantity)
    return f"{title} — {summary}" if summary else title


def duration_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest}
    text = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    if rest:
        text += " " + ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest}
    return text


def group_label(experience: Experience) -> str:
    if experience.min_people == experience.max_people:
        return ngettext("%(count)d person", "%(count)d people", experience.min_people) % {
            "count": experience.min_people
        }
    return _("%(min)d to %(max)d people") % {
        "min": experience.min_people,
        "max": experience.max_people,
    }


LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def languages_label(experience: Experience) -> str:
    # Each language in its own name, as a visitor looks for their own.
    return ", ".join(LANGUAGE_NAMES[code] for code in experience.languages)


def cancellation_rule(experience: Experience) -> str:
    """The rule services.cancellation_refusal applies, in words."""
    hours = experience.free_cancellation_hours
    if not hours:
        return _("Free cancellation until the session starts.")
    return ngettext(
        "Free cancellation until %(count)d hour before the session starts; "
        "after that, please contact the host.",
        "Free cancellation until %(count)d hours before the session starts; "
        "after that, please contact the host.",
        hours,
    ) % {"count": hours}
