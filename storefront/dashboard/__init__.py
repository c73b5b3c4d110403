default_app_config = "storefront.dashboard.apps.DashboardConfig"
