"""Delete the password-reset emails Oscar stored before the fork stopped storing them.

Their links may still be live (Django's reset tokens last PASSWORD_RESET_TIMEOUT).
"""

from django.db import migrations
from django.db.models import Q

RESET_PATH = "/password-reset/confirm/"


def forget_reset_links(apps, schema_editor):
    Email = apps.get_model("communication", "Email")
    Email.objects.filter(Q(body_text__contains=RESET_PATH) | Q(body_html__contains=RESET_PATH)).delete()


class Migration(migrations.Migration):
    dependencies = [("communication", "0004_auto_20200801_0817")]

    operations = [migrations.RunPython(forget_reset_links, migrations.RunPython.noop)]
