from django.contrib import admin

from storefront.experiences.models import Booking, ClosedDate, Experience, Session, SessionTime


class SessionTimeInline(admin.TabularInline):
    model = SessionTime
    extra = 1


class ClosedDateInline(admin.TabularInline):
    model = ClosedDate
    extra = 0


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ["product", "price_per_person", "min_people", "max_people", "weekdays"]
    search_fields = ["product__title", "product__upc"]
    raw_id_fields = ["product"]
    inlines = [SessionTimeInline, ClosedDateInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["experience", "date", "starts_at", "capacity", "booked", "closed_at"]
    list_filter = ["date"]
    # Places booked change only through the booking services (row locks).
    readonly_fields = ["booked", "closed_at", "closed_reason"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["code", "session", "adults", "children", "status", "checked_in_at"]
    list_filter = ["status"]
    search_fields = ["code", "order__number"]
    readonly_fields = [f.name for f in Booking._meta.fields]

    def has_add_permission(self, request):
        return False
