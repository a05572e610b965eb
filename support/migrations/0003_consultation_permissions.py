from django.db import migrations

from lms.migration_utils import codenames, grant_permissions


def grant(apps, schema_editor):
    # Answering is a change of the consultation; nobody adds or deletes one in
    # the admin (people ask on the site). Which consultations each user sees
    # is support.permissions.consultations_visible_to.
    grant_permissions(
        apps,
        "support",
        {
            "Training coordinator": codenames(["consultation"], ("change", "view")),
            "Manager": codenames(["consultation"], ("change", "view")),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0002_consultations_needs_feedback"),
        ("people", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
