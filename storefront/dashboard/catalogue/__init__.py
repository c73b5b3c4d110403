default_app_config = "storefront.dashboard.catalogue.apps.CatalogueDashboardConfig"
