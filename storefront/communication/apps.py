import oscar.apps.communication.apps as apps


class CommunicationConfig(apps.CommunicationConfig):
    name = "storefront.communication"
