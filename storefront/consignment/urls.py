"""Consignment pages outside the store pages: the producer's side and the printable statement.

The store managers' pages are in storefront.partner.urls (namespace mystore),
next to the stock they settle.
"""

from django.urls import path

from storefront.consignment import portal_views, staff_views, views

app_name = "settle"

urlpatterns = [
    path(
        "shop/dashboard/ocop/sales/",
        staff_views.ProgrammeSalesView.as_view(),
        name="programme-sales",
    ),
    path(
        "shop/dashboard/ocop/statements/",
        staff_views.StaffStatementListView.as_view(),
        name="staff-statements",
    ),
    path("shop/statements/<int:pk>/", views.StatementPrintView.as_view(), name="print"),
    path("shop/portal/<slug:slug>/sales/", portal_views.portal_sales, name="portal-sales"),
    path(
        "shop/portal/<slug:slug>/restock/",
        portal_views.portal_restock_list,
        name="portal-restock-list",
    ),
    path(
        "shop/portal/<slug:slug>/restock/<int:pk>/",
        portal_views.portal_restock,
        name="portal-restock",
    ),
    path("shop/portal/<slug:slug>/terms/", portal_views.portal_terms, name="portal-terms"),
    path(
        "shop/portal/<slug:slug>/statements/",
        portal_views.portal_statements,
        name="portal-statements",
    ),
    path(
        "shop/portal/<slug:slug>/statements/<int:pk>/",
        portal_views.portal_statement,
        name="portal-statement",
    ),
]
