"""PostgreSQL refuses a change of a stock counter that the stock services did not make.

The services (storefront.partner.services, through models.counters_writable)
raise the transaction-local setting `ocop.stock_write` around their own writes;
any other INSERT with stock or UPDATE of a counter — an admin form, a shell
session, raw SQL — fails with an error instead of leaving no movement behind.
SQLite has no such settings; there the model and queryset guard alone hold.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION partner_stockrecord_counters_guard() RETURNS trigger AS $$
BEGIN
    IF current_setting('ocop.stock_write', true) IS DISTINCT FROM 'on' THEN
        IF TG_OP = 'INSERT' AND (NEW.num_in_stock <> 0 OR NEW.num_allocated <> 0) THEN
            RAISE EXCEPTION 'stock counters start at 0; stock arrives through storefront.partner.services'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'UPDATE' AND (NEW.num_in_stock IS DISTINCT FROM OLD.num_in_stock
                OR NEW.num_allocated IS DISTINCT FROM OLD.num_allocated) THEN
            RAISE EXCEPTION 'stock counters change only through storefront.partner.services (stock record %)', OLD.id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER stockrecord_counters_guard
    BEFORE INSERT OR UPDATE ON partner_stockrecord
    FOR EACH ROW EXECUTE FUNCTION partner_stockrecord_counters_guard();
"""

DROP = """
DROP TRIGGER IF EXISTS stockrecord_counters_guard ON partner_stockrecord;
DROP FUNCTION IF EXISTS partner_stockrecord_counters_guard();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("partner", "0009_stock_counters_not_null"),
    ]

    operations = [migrations.RunPython(create, drop)]
