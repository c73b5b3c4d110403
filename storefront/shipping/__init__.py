default_app_config = "storefront.shipping.apps.ShippingConfig"
