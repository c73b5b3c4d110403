"""Stock counters are never NULL: a NULL count used to pass for "stocked"."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partner", "0008_stores_and_stock_movements"),
    ]

    operations = [
        # Before the trigger of 0010 exists; a NULL count held no units.
        migrations.RunSQL(
            "UPDATE partner_stockrecord SET num_in_stock = 0 WHERE num_in_stock IS NULL",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            "UPDATE partner_stockrecord SET num_allocated = 0 WHERE num_allocated IS NULL",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="stockrecord",
            name="num_allocated",
            field=models.IntegerField(default=0, verbose_name="Number allocated"),
        ),
        migrations.AlterField(
            model_name="stockrecord",
            name="num_in_stock",
            field=models.PositiveIntegerField(default=0, verbose_name="Number in stock"),
        ),
    ]
