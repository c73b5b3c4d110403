"""Who may use the OCOP dashboard pages, without importing models.

Imported by settings (OSCAR_DASHBOARD_NAVIGATION), so it must stay free of
model imports.
"""


def staff_only(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """Programme officers are staff users; partner (store) users are not."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)
