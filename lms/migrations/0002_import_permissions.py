from django.db import migrations

from lms.migration_utils import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, "lms", {"Training coordinator": ["view_importjob"]})


class Migration(migrations.Migration):
    dependencies = [("lms", "0001_import_job"), ("people", "0002_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
