from django.db import migrations

from competences import reference_data as ref
from lms.migration_utils import codenames, grant_permissions

FRAMEWORK_CODE = ref.FRAMEWORK_CODE


def load(apps, schema_editor):
    Framework = apps.get_model("competences", "CompetenceFramework")
    Competence = apps.get_model("competences", "Competence")
    Task = apps.get_model("competences", "ServiceManagementTask")
    Condition = apps.get_model("competences", "Condition")
    Topic = apps.get_model("competences", "SupportTopic")

    framework, _ = Framework.objects.update_or_create(
        code=FRAMEWORK_CODE,
        defaults={
            "name_lv": "Pakalpojumu pārvaldības kompetences",
            "name_en": "Service-management competences",
            "description": ref.FRAMEWORK_DESCRIPTION,
            "scale_values": ["Nav apgūta", "Apgūta"],
        },
    )
    for order, (code, name_lv, name_en, obligation, source) in enumerate(
        ref.COMPETENCES, start=1
    ):
        Competence.objects.update_or_create(
            framework=framework,
            code=code,
            defaults={
                "name_lv": name_lv,
                "name_en": name_en,
                "obligation": obligation,
                "source": source,
                "sort_order": order,
            },
        )
    for order, (code, level, name_lv, name_en, practice) in enumerate(
        ref.SERVICE_MANAGEMENT_TASKS, start=1
    ):
        Task.objects.update_or_create(
            code=code,
            defaults={
                "level": level,
                "name_lv": name_lv,
                "name_en": name_en,
                "practice_lv": practice,
                "sort_order": order,
            },
        )
    by_code = {}
    for order, (code, parent_code, name_lv, name_en) in enumerate(ref.CONDITIONS, start=1):
        by_code[code], _ = Condition.objects.update_or_create(
            code=code,
            defaults={
                "parent": by_code.get(parent_code),
                "name_lv": name_lv,
                "name_en": name_en,
                "sort_order": order,
            },
        )
    for order, (code, scale, name_lv, name_en) in enumerate(ref.SUPPORT_TOPICS, start=1):
        Topic.objects.update_or_create(
            code=code,
            defaults={"scale": scale, "name_lv": name_lv, "name_en": name_en, "sort_order": order},
        )

    reference_models = [
        "competenceframework",
        "competence",
        "servicemanagementtask",
        "condition",
        "supporttopic",
    ]
    grant_permissions(
        apps,
        "competences",
        {
            "Content editor": codenames(reference_models, ("add", "change", "view")),
            "Training coordinator": codenames(reference_models, ("view",)),
            "Manager": codenames(reference_models, ("view",)),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("competences", "0001_initial"), ("people", "0002_groups")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
