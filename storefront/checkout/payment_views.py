"""Checkout steps for payment: card through Stripe, cash on delivery, pay at pickup."""

__all__: list[str] = []
