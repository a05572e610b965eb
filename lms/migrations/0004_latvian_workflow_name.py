from django.db import migrations

# Wagtail names its default workflow and task after the English group name
# ("Moderators approval"), which editors read in the Latvian "Submit to …"
# button. Workflow names are data, not translatable text, so the default one
# is renamed once; a name an administrator has already changed is left alone.
OLD = "Moderators approval"
NEW = "Moderatoru apstiprināšana"


def rename(apps, schema_editor, old=OLD, new=NEW):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0003_import_files_private"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
