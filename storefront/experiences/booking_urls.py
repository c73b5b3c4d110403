"""The shopper's booking URLs (in the shop's localised URL map, ahead of Oscar's)."""

from django.urls import path

from storefront.experiences import booking_views

urlpatterns = [
    path("shop/experiences/<int:pk>/book/", booking_views.book, name="experience-book"),
    path("shop/bookings/<str:code>/cancel/", booking_views.cancel, name="booking-cancel"),
]
