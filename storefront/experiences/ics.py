"""An order's bookings as an iCalendar file (RFC 5545) to attach to its email.

One VEVENT per booking still held, at the session's local time in
Asia/Ho_Chi_Minh with its VTIMEZONE, so a calendar on a visitor's phone set
to another zone still shows the right hour. The UID is the booking code at
the shop's domain: importing the file again updates the same event. The
`icalendar` library does the escaping and the 75-octet line folding.
"""

from django.contrib.sites.models import Site
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from storefront.experiences.tickets import Ticket

PRODID = "-//OCOP Bac Ninh//Bookings//VI"


def bookings_calendar(tickets: list[Ticket]) -> bytes:
    domain = Site.objects.get_current().domain
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    stamp = timezone.now()
    for ticket in tickets:
        if not ticket.is_active:
            continue
        event = Event()
        event.add("uid", f"booking-{ticket.code}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", ticket.starts)
        event.add("dtend", ticket.ends)
        event.add("summary", f"{ticket.title} ({ticket.code})")
        event.add("location", ticket.meeting_point)
        lines = [
            _("Booking code: %(code)s") % {"code": ticket.code},
            _("People: %(people)s") % {"people": ticket.people},
        ]
        if ticket.what_to_bring:
            lines.append(_("What to bring: %(items)s") % {"items": ticket.what_to_bring})
        lines.append(ticket.rule)
        if ticket.map_url:
            lines.append(ticket.map_url)
        event.add("description", "\n".join(lines))
        if ticket.map_url:
            event.add("url", ticket.map_url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
