"""Helpers for data migrations that grant model permissions to groups."""

from django.contrib.auth.management import create_permissions

ACTIONS = ("add", "change", "delete", "view")


def grant_permissions(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Give each named group the given `<action>_<model>` codenames of one app.

    Permissions are normally created after all migrations; creating them here
    lets a fresh database get its groups in the same `migrate` run.
    """
    try:
        app_config = apps.get_app_config(app_label)
    except LookupError:
        # An app with no models in the migration state (wagtailadmin's
        # access_admin) creates its permissions in its own migrations.
        app_config = None
    if app_config is not None:
        # Historical app configs have no models module; create_permissions
        # skips them unless told otherwise.
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in grants.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Unknown permissions in {app_label}: {sorted(missing)}")
        group.permissions.add(*permissions)


def codenames(models: list[str], actions=ACTIONS) -> list[str]:
    return [f"{action}_{model}" for model in models for action in actions]
