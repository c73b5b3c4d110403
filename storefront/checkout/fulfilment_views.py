"""Checkout steps for delivery or pickup at a physical OCOP store."""

__all__: list[str] = []
