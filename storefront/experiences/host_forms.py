"""The host's schedule form: what an experience costs, when it runs and how many it takes.

A change applies to sessions not written yet: a written session keeps the
capacity it was sold against (models.Session), so lowering a capacity or
dropping a start time never takes places from people who hold them. A
closed date on a day that already has bookings is refused: closing those
sessions from the bookings page tells the customers and refunds them.
"""

from django import forms
from django.forms import inlineformset_factory
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storefront.experiences.models import (
    WEEKDAY_CHOICES,
    Booking,
    ClosedDate,
    Experience,
    SessionTime,
)


class ScheduleForm(forms.ModelForm):
    weekdays = forms.MultipleChoiceField(
        label=gettext_lazy("Days it runs"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one day of the week.")},
    )

    class Meta:
        model = Experience
        fields = [
            "price_per_person",
            "child_price",
            "min_people",
            "max_people",
            "duration_minutes",
            "meeting_point",
            "in_vietnamese",
            "in_english",
            "included",
            "what_to_bring",
            "weekdays",
            "season_start",
            "season_end",
            "lead_days",
            "free_cancellation_hours",
        ]
        widgets = {
            "season_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "season_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "included": forms.Textarea(attrs={"rows": 3}),
            "what_to_bring": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["weekdays"] = list(self.instance.weekdays)
        for name in ("price_per_person", "child_price"):
            self.fields[name].widget.attrs.update(inputmode="numeric", step="1000")

    def clean_weekdays(self):
        return "".join(sorted(set(self.cleaned_data["weekdays"])))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("in_vietnamese") and not cleaned.get("in_english"):
            raise forms.ValidationError(_("Offer the experience in at least one language."))
        return cleaned


class SessionTimeForm(forms.ModelForm):
    class Meta:
        model = SessionTime
        fields = ["starts_at", "capacity"]
        widgets = {
            "starts_at": forms.TimeInput(
                attrs={"type": "time", "class": "form-control"}, format="%H:%M"
            ),
            "capacity": forms.NumberInput(attrs={"class": "form-control", "min": 1}),
        }


class ClosedDateForm(forms.ModelForm):
    class Meta:
        model = ClosedDate
        fields = ["date", "reason"]
        widgets = {
            "date": forms.DateInput(
                attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
            ),
            "reason": forms.TextInput(attrs={"class": "form-control"}),
        }

    def clean_date(self):
        day = self.cleaned_data["date"]
        experience = self.instance.experience if self.instance.experience_id else None
        if experience is not None and "date" in self.changed_data:
            booked = Booking.objects.filter(
                session__experience=experience, session__date=day
            ).exclude(status=Booking.Status.CANCELLED)
            if booked.exists():
                raise forms.ValidationError(
                    _(
                        "Sessions on %(day)s already have bookings: close those sessions from "
                        "the bookings page, so the customers are told and refunded."
                    )
                    % {"day": date_format(day, "SHORT_DATE_FORMAT")}
                )
        return day


class _NoDuplicates(forms.BaseInlineFormSet):
    """Two rows for one start time (or one date) are refused with a message, not a 500."""

    unique_field = ""
    duplicate_message = ""

    def clean(self):
        # Before the model formset's own unique check, whose message names no row.
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            value = form.cleaned_data.get(self.unique_field)
            if value is None:
                continue
            if value in seen:
                form.add_error(self.unique_field, self.duplicate_message)
            seen.add(value)
        super().clean()


class _TimeFormSet(_NoDuplicates):
    unique_field = "starts_at"
    duplicate_message = gettext_lazy("This start time is listed twice.")

    def clean(self):
        super().clean()
        kept = [
            f
            for f in self.forms
            if hasattr(f, "cleaned_data")
            and f.cleaned_data.get("starts_at")
            and not f.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise forms.ValidationError(_("Keep at least one session time."))


class _ClosedFormSet(_NoDuplicates):
    unique_field = "date"
    duplicate_message = gettext_lazy("This date is listed twice.")


SessionTimeFormSet = inlineformset_factory(
    Experience,
    SessionTime,
    form=SessionTimeForm,
    formset=_TimeFormSet,
    extra=1,
    can_delete=True,
)
ClosedDateFormSet = inlineformset_factory(
    Experience,
    ClosedDate,
    form=ClosedDateForm,
    formset=_ClosedFormSet,
    extra=1,
    can_delete=True,
)


class CloseSessionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (the customers are told)"),
        max_length=200,
        error_messages={
            "required": gettext_lazy("Say why the session is closed: the customers are told.")
        },
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Booking code"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
