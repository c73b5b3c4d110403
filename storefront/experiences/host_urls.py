"""Hosts' pages in the producer portal and staff's booking list in the OCOP dashboard.

Included once in storefront/urls.py, inside the localised patterns (English under /en/).
"""

from django.urls import path

from storefront.experiences import host_views, staff_views

app_name = "hosting"

urlpatterns = [
    path("shop/portal/<slug:slug>/bookings/", host_views.bookings, name="bookings"),
    path(
        "shop/portal/<slug:slug>/experiences/<int:pk>/sessions/<str:key>/",
        host_views.session_detail,
        name="session",
    ),
    path(
        "shop/portal/<slug:slug>/experiences/<int:pk>/schedule/",
        host_views.schedule,
        name="schedule",
    ),
    path("shop/portal/<slug:slug>/check-in/", host_views.check_in, name="check-in"),
    path(
        "shop/dashboard/ocop/bookings/",
        staff_views.BookingListView.as_view(),
        name="staff-bookings",
    ),
]
