"""/payments/…: outside the language prefixes, because Stripe and scripts call them."""

from django.urls import path

from . import views

app_name = "payment"

urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
    path("stripe/confirm/<str:order_number>/", views.stripe_confirm, name="stripe-confirm"),
    path("stripe/refresh/<str:order_number>/", views.stripe_refresh, name="stripe-refresh"),
    path("orders/<str:order_number>/mark-paid/", views.mark_paid, name="mark-paid"),
    path("orders/<str:order_number>/refund/", views.refund, name="refund"),
]
