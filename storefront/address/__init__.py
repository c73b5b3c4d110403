default_app_config = "storefront.address.apps.AddressConfig"
