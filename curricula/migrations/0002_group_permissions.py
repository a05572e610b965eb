from django.db import migrations

from lms.migration_utils import codenames, grant_permissions


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "curricula",
        {
            "Training coordinator": codenames(["curriculum", "assignment"]),
            "Manager": codenames(["curriculum", "assignment"], ("view",)),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("curricula", "0001_initial"), ("people", "0002_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
