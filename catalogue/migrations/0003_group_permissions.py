from django.db import migrations

from lms.migration_utils import codenames, grant_permissions


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "catalogue",
        {
            "Training coordinator": codenames(["involvement", "roleassignment"])
            + codenames(["service", "resource"], ("add", "change", "view")),
            "Manager": codenames(
                ["service", "resource", "involvement", "roleassignment"], ("view",)
            ),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_initial"), ("people", "0002_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
