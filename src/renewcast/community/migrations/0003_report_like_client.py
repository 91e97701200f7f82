"""Reports and likes remember the address hash, so one address counts once.

Rows made before keep their reader key as their client: each stays one voice."""

from django.db import migrations, models
from django.db.models import F


def backfill(apps, schema_editor):
    apps.get_model("community", "Report").objects.filter(client="").update(client=F("reporter"))
    apps.get_model("community", "Like").objects.filter(client="").update(client=F("liker"))


class Migration(migrations.Migration):

    dependencies = [
        ("community", "0002_prediction_client"),
    ]

    operations = [
        migrations.AddField(
            model_name="like",
            name="client",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddField(
            model_name="report",
            name="client",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
