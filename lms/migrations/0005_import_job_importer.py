from django.db import migrations


class Migration(migrations.Migration):
    """ImportJob.resource held an importer's name ("people"); call it that."""

    dependencies = [
        ("lms", "0004_latvian_workflow_name"),
    ]

    operations = [
        migrations.RenameField(
            model_name="importjob", old_name="resource", new_name="importer"
        ),
    ]
