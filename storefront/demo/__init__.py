"""Demo data for development and demonstrations: `manage.py load_demo_data`.

The catalogue (six OCOP product groups, Bắc Ninh products with generated
pictures), a store with stock, the Wagtail page tree in Vietnamese and English,
and a development superuser. Names of places, crafts and villages are real;
demo prices, stock quantities and product codes are invented.
"""

DEMO_NOTICE = (
    "Demo data: places, crafts and villages are real; prices, stock quantities and "
    "product codes are invented."
)
