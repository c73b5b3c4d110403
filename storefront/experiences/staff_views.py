"""Programme staff's view of every experience booking, in the OCOP dashboard; CSV export.

Staff only (catalogue.access.staff_only), like the other OCOP dashboard
pages. The page and the CSV run a flat number of queries whatever the number
of bookings: the order, its address and the experience come with the booking.
"""

import datetime as dt

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from catalogue.dashboard_views import StaffOnly
from storefront.experiences import hosting
from storefront.experiences.models import Booking, Experience
from storefront.partner.stock_csv import write_rows

PAGE_SIZE = 50
CSV_LIMIT = 20000


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


class BookingListView(StaffOnly, generic.TemplateView):
    """Every booking, filtered by experience, session date range and status."""

    template_name = "experiences/staff/booking_list.html"

    def get(self, request, *args, **kwargs):
        params = request.GET
        self.filters = {
            "experience": params.get("experience", ""),
            "status": params.get("status", ""),
            "date_from": params.get("date_from", ""),
            "date_to": params.get("date_to", ""),
        }
        self.errors = []
        queryset = hosting.bookings_with_contacts().order_by(
            "session__date", "session__starts_at", "pk"
        )
        if self.filters["experience"].isdigit():
            queryset = queryset.filter(session__experience_id=int(self.filters["experience"]))
        if self.filters["status"] in Booking.Status.values:
            queryset = queryset.filter(status=self.filters["status"])
        for name, lookup in (
            ("date_from", "session__date__gte"),
            ("date_to", "session__date__lte"),
        ):
            if not self.filters[name]:
                continue
            day = _date(self.filters[name])
            if day is None:
                self.errors.append(_("Dates are written as YYYY-MM-DD; that filter was ignored."))
                continue
            queryset = queryset.filter(**{lookup: day})
        self.bookings = queryset
        if params.get("format") == "csv":
            return self._csv()
        return super().get(request, *args, **kwargs)

    def _csv(self):
        rows = []
        for booking in self.bookings[:CSV_LIMIT]:
            name, phone = hosting.contact_of(booking.order)
            session = booking.session
            rows.append(
                [
                    booking.code,
                    session.experience.product.get_title(),
                    session.date.isoformat(),
                    f"{session.starts_at:%H:%M}",
                    booking.adults,
                    booking.children,
                    name,
                    phone,
                    booking.order.email,
                    booking.language,
                    booking.status,
                    booking.order.number,
                    _stamp(booking.checked_in_at),
                    _stamp(booking.cancelled_at),
                    booking.cancelled_by,
                ]
            )
        header = [
            "code",
            "experience",
            "date",
            "time",
            "adults",
            "children",
            "name",
            "phone",
            "email",
            "language",
            "status",
            "order",
            "checked_in_at",
            "cancelled_at",
            "cancelled_by",
        ]
        response = HttpResponse(write_rows(rows, header), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="experience-bookings.csv"'
        return response

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = Paginator(self.bookings, PAGE_SIZE).get_page(self.request.GET.get("page"))
        for booking in page:
            booking.contact = hosting.contact_of(booking.order)
        query = self.request.GET.copy()
        query.pop("page", None)
        query["format"] = "csv"
        ctx.update(
            page_obj=page,
            experiences=Experience.objects.select_related("product").order_by("product__title"),
            statuses=Booking.Status.choices,
            filters=self.filters,
            filter_errors=self.errors,
            csv_query=query.urlencode(),
        )
        return ctx


def _stamp(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""
