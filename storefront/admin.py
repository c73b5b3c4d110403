"""Django admin for the project's own models: the outbox, for seeing what was not sent."""

from django.contrib import admin

from storefront.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Read-only: rows are written by the shop and the worker (storefront.mail)."""

    list_display = ("key", "status", "attempts", "last_error", "created_at", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("key",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
