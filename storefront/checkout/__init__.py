default_app_config = "storefront.checkout.apps.CheckoutConfig"
