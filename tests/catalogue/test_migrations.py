"""Migration 0005: the old manager columns become role assignments, then go."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("catalogue", "0004_manager_verbose_name")]
AFTER = [("catalogue", "0005_manager_from_roles")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# serialized_rollback: later transactional tests get the migrations' data back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_manager_columns_become_role_assignments_once():
    apps = _migrate(BEFORE)
    try:
        Organisation = apps.get_model("people", "Organisation")
        Person = apps.get_model("people", "Person")
        Service = apps.get_model("catalogue", "Service")
        Resource = apps.get_model("catalogue", "Resource")
        RoleAssignment = apps.get_model("catalogue", "RoleAssignment")
        owner = Organisation.objects.create(
            code="90000000010", name_lv="Aģentūra", kind="state_institution"
        )
        anna = Person.objects.create(
            email="anna@example.lv",
            first_name="Anna",
            last_name="Bērziņa",
            organisation=owner,
        )
        janis = Person.objects.create(
            email="janis@example.lv",
            first_name="Jānis",
            last_name="Ozols",
            organisation=owner,
        )
        # The column and the roles agree, disagree, or the column is empty.
        agreed = Service.objects.create(
            code="PAK-1", name_lv="Ā", owner=owner, manager=anna
        )
        RoleAssignment.objects.create(
            person=anna, role="service_manager", service=agreed
        )
        disagreed = Service.objects.create(
            code="PAK-2", name_lv="Č", owner=owner, manager=anna
        )
        RoleAssignment.objects.create(
            person=janis, role="service_manager", service=disagreed
        )
        Service.objects.create(code="PAK-3", name_lv="Ē", owner=owner)
        resource = Resource.objects.create(
            code="RES-1", name_lv="Ģ", owner=owner, manager=janis
        )

        apps = _migrate(AFTER)
        RoleAssignment = apps.get_model("catalogue", "RoleAssignment")
        held = set(
            RoleAssignment.objects.values_list(
                "role", "person__email", "service__code", "resource__code"
            )
        )
        assert held == {
            ("service_manager", "anna@example.lv", "PAK-1", None),
            ("service_manager", "janis@example.lv", "PAK-2", None),
            ("service_manager", "anna@example.lv", "PAK-2", None),
            ("resource_manager", "janis@example.lv", None, resource.code),
        }
        field_names = {
            f.name for f in apps.get_model("catalogue", "Service")._meta.get_fields()
        }
        assert "manager" not in field_names
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
