from django.db import migrations

from lms.migration_utils import codenames, grant_permissions

LEARNER = "Learner"
COORDINATOR = "Training coordinator"
MANAGER = "Manager"
CONTENT_EDITOR = "Content editor"


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in (LEARNER, COORDINATOR, MANAGER, CONTENT_EDITOR):
        Group.objects.get_or_create(name=name)
    grant_permissions(
        apps,
        "wagtailadmin",
        {COORDINATOR: ["access_admin"], MANAGER: ["access_admin"], CONTENT_EDITOR: ["access_admin"]},
    )
    grant_permissions(
        apps,
        "people",
        {
            COORDINATOR: codenames(["organisation", "person"], ("add", "change", "view"))
            + ["view_invitation"],
            MANAGER: codenames(["organisation", "person", "invitation"], ("view",)),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
