default_app_config = "storefront.payment.apps.PaymentConfig"
