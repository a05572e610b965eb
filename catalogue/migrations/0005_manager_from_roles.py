"""One truth for who manages a service or resource: the role assignments.

Services and resources carried a `manager` column beside the service_manager
and resource_manager role assignments, and the two could disagree. Each column
value becomes a role assignment (unless that person already holds the role
there), then the column goes. Nothing is lost: where the column and the roles
disagreed, both people now hold the role and an administrator can remove the
wrong one.
"""

from django.db import migrations

MANAGER_ROLE = {"service": "service_manager", "resource": "resource_manager"}


def manager_columns_to_roles(apps, schema_editor):
    RoleAssignment = apps.get_model("catalogue", "RoleAssignment")
    for model_name, role in MANAGER_ROLE.items():
        model = apps.get_model("catalogue", model_name)
        held = set(
            RoleAssignment.objects.filter(role=role).values_list(
                "person_id", f"{model_name}_id"
            )
        )
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(
                    person_id=person_id, role=role, **{f"{model_name}_id": entry_id}
                )
                for entry_id, person_id in model.objects.filter(
                    manager__isnull=False
                ).values_list("pk", "manager_id")
                if (person_id, entry_id) not in held
            ]
        )


def roles_to_manager_columns(apps, schema_editor):
    # Backwards: the first manager role held at each entry fills the column.
    RoleAssignment = apps.get_model("catalogue", "RoleAssignment")
    for model_name, role in MANAGER_ROLE.items():
        model = apps.get_model("catalogue", model_name)
        for assignment in RoleAssignment.objects.filter(role=role).order_by("-pk"):
            model.objects.filter(pk=getattr(assignment, f"{model_name}_id")).update(
                manager_id=assignment.person_id
            )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_manager_verbose_name"),
    ]

    operations = [
        migrations.RunPython(manager_columns_to_roles, roles_to_manager_columns),
        migrations.RemoveField(model_name="resource", name="manager"),
        migrations.RemoveField(model_name="service", name="manager"),
    ]
