"""Oscar's order event handler, with status changes that move stock routed to our services.

Oscar's dashboard changes an order's status through
`EventHandler.handle_order_status_change`, which only sets the status. For a
status that moves stock (a delivery shipped, a pickup collected or not
collected) that left the units reserved, and the hourly release job then put
units that had left the shop back on sale. Those statuses go through
storefront.order.services, which move the stock with the status under the
order's lock; a change the order's state does not allow is refused with the
services' message. Other statuses (Cancelled included: the release job gives
its stock back) keep Oscar's behaviour.
"""

from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.apps.order.processing import EventHandler as CoreEventHandler

from storefront.order import services

STATUS_SERVICES = {
    services.BEING_PROCESSED: services.start_processing,
    services.SHIPPED: services.mark_shipped,
    services.DELIVERED: services.mark_delivered,
    services.READY: services.mark_ready_for_pickup,
    services.COLLECTED: services.mark_collected,
    services.NOT_COLLECTED: services.mark_not_collected,
}


class EventHandler(CoreEventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        change = STATUS_SERVICES.get(new_status)
        # Being processed is also where a pickup may go from Pending in Oscar's
        # pipeline; only deliveries have a service for it.
        if change is None or (new_status == services.BEING_PROCESSED and order.is_pickup):
            return super().handle_order_status_change(order, new_status, note_msg)
        try:
            change(order=order, user=self.user)
        except services.OrderStateError as error:
            raise InvalidOrderStatus(str(error)) from error
        order.refresh_from_db()
        if note_msg:
            self.create_note(order, note_msg)
