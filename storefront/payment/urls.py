"""/payments/…: outside the language prefixes: Stripe, bank feeds and scripts call them."""

from django.urls import path

from . import views

app_name = "payment"

urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
    path("stripe/confirm/<str:order_number>/", views.stripe_confirm, name="stripe-confirm"),
    path("stripe/refresh/<str:order_number>/", views.stripe_refresh, name="stripe-refresh"),
    path("bank/webhook/<slug:source>/", views.bank_webhook, name="bank-webhook"),
    path(
        "bank/status/<str:order_number>/",
        views.bank_transfer_status,
        name="bank-transfer-status",
    ),
    path("orders/<str:order_number>/mark-paid/", views.mark_paid, name="mark-paid"),
    path("orders/<str:order_number>/refund/", views.refund, name="refund"),
]
