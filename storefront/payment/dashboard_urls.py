"""Staff bank-transfer pages, under the shop's dashboard (localised: /shop/dashboard/…)."""

from django.urls import path

from storefront.payment import dashboard_views

app_name = "bank-transfers"

urlpatterns = [
    path("", dashboard_views.BankTransferListView.as_view(), name="list"),
    path("statement/", dashboard_views.StatementUploadView.as_view(), name="upload"),
    path("<int:pk>/assign/", dashboard_views.AssignTransferView.as_view(), name="assign"),
    path("<int:pk>/resolve/", dashboard_views.ResolveTransferView.as_view(), name="resolve"),
]
