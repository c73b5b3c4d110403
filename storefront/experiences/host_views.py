"""The host's pages in the producer portal: bookings by session, schedule, closing, check-in.

Every page is addressed by the producer's slug and looked up through the
signed-in user's memberships (catalogue.portal_views._my_producer), and every
experience, session and booking through that producer: another host's is a
404, or for a typed booking code a refusal in words.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_permissions_policy import PermissionsPolicyMiddleware

from catalogue.portal_views import _my_producer
from storefront.experiences import calendar, hosting
from storefront.experiences.host_forms import (
    CheckInForm,
    ClosedDateFormSet,
    CloseSessionForm,
    ScheduleForm,
    SessionTimeFormSet,
)
from storefront.experiences.models import Experience, parse_session_key


def _start_date(request) -> dt.date:
    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        return today
    # A year either way is all a host pages through; further is a typo.
    if abs((start - today).days) > 366:
        return today
    return start


@login_required
def bookings(request, slug):
    producer = _my_producer(request, slug)
    start = _start_date(request)
    days = hosting.SCHEDULE_DAYS
    booked_only = request.GET.get("booked") == "1"
    schedule = hosting.host_schedule(producer, start=start, days=days, booked_only=booked_only)
    return render(
        request,
        "experiences/host/bookings.html",
        {
            "producer": producer,
            "schedule": schedule,
            "booked_only": booked_only,
            "start": start,
            "end": start + dt.timedelta(days=days - 1),
            "previous": start - dt.timedelta(days=days),
            "next": start + dt.timedelta(days=days),
            "today": timezone.localdate(),
            "experiences": list(hosting.host_experiences(producer)),
        },
    )


def _my_experience(producer, pk) -> Experience:
    return get_object_or_404(
        Experience.objects.select_related("product"), pk=pk, product__producer=producer
    )


@login_required
def session_detail(request, slug, pk, key):
    producer = _my_producer(request, slug)
    experience = _my_experience(producer, pk)
    parsed = parse_session_key(key)
    if parsed is None:
        raise Http404
    day, starts_at = parsed
    written = experience.sessions.filter(date=day, starts_at=starts_at).first()
    form = CloseSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                session = written or hosting.find_session(experience, day, starts_at)
                already = session.is_closed
                cancelled = hosting.close_session(
                    session=session, reason=form.cleaned_data["reason"], user=request.user
                )
        except hosting.HostingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            if already:
                messages.info(request, _("This session was already closed."))
            else:
                messages.success(
                    request,
                    _(
                        "Session closed. %(count)d bookings were cancelled; the customers "
                        "are emailed and their payments handled."
                    )
                    % {"count": len(cancelled)},
                )
            return redirect("hosting:session", slug=producer.slug, pk=experience.pk, key=key)
    if written is None and calendar.slot(experience, day, starts_at) is None:
        raise Http404
    session_bookings = list(
        hosting.bookings_with_contacts().filter(session=written) if written else []
    )
    return render(
        request,
        "experiences/host/session.html",
        {
            "producer": producer,
            "experience": experience,
            "day": day,
            "starts_at": starts_at,
            "session": written,
            "bookings": session_bookings,
            "form": form,
            "key": key,
        },
    )


@login_required
def schedule(request, slug, pk):
    producer = _my_producer(request, slug)
    experience = _my_experience(producer, pk)
    data = request.POST if request.method == "POST" else None
    form = ScheduleForm(data, instance=experience)
    times = SessionTimeFormSet(data, instance=experience, prefix="times")
    closed = ClosedDateFormSet(data, instance=experience, prefix="closed")
    if request.method == "POST":
        if form.is_valid() and times.is_valid() and closed.is_valid():
            with transaction.atomic():
                form.save()
                # Deletions first: a time moved from one row to another must
                # not collide with itself on the unique (experience, start).
                for formset in (times, closed):
                    formset.save(commit=False)
                    for obj in formset.deleted_objects:
                        obj.delete()
                for formset in (times, closed):
                    for obj in formset.new_objects + [o for o, _f in formset.changed_objects]:
                        obj.experience = experience
                        obj.save()
            messages.success(
                request,
                _("Schedule saved. Sessions already booked keep their places and times."),
            )
            return redirect("hosting:schedule", slug=producer.slug, pk=experience.pk)
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    return render(
        request,
        "experiences/host/schedule.html",
        {
            "producer": producer,
            "experience": experience,
            "form": form,
            "times": times,
            "closed": closed,
        },
    )


@login_required
def check_in(request, slug):
    producer = _my_producer(request, slug)
    source = request.POST if request.method == "POST" else request.GET
    form = CheckInForm(source if "code" in source else None)
    booking = refusal = None
    checked_in = False
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if request.method == "POST" and request.POST.get("action") == "check_in":
                booking = hosting.check_in(producer=producer, code=code, user=request.user)
                checked_in = True
            else:
                booking = hosting.find_booking(producer, code)
                refusal = hosting.check_in_refusal(booking)
        except hosting.HostingRefused as error:
            refusal = str(error)
            if booking is None:
                try:
                    booking = hosting.find_booking(producer, code)
                except hosting.HostingRefused:
                    booking = None
    contact = hosting.contact_of(booking.order) if booking is not None else None
    response = render(
        request,
        "experiences/host/check_in.html",
        {
            "producer": producer,
            "form": form,
            "booking": booking,
            "contact": contact,
            "refusal": refusal,
            "checked_in": checked_in,
        },
    )
    # The one page that may use the camera (to scan a ticket's QR code); the
    # shop's policy keeps it off everywhere else.
    response._permissions_policy_override = PermissionsPolicyMiddleware.compute_header_value(
        {**settings.PERMISSIONS_POLICY, "camera": ["self"]}, "check-in"
    )
    return response
