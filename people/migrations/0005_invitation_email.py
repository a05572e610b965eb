from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def bind_open_invitations(apps, schema_editor):
    """Bind each existing invitation to its person's current e-mail.

    The accept step refuses any e-mail that already belongs to an account, so an
    invitation whose person was re-addressed before this migration still cannot
    open someone else's account.
    """
    Invitation = apps.get_model("people", "Invitation")
    Person = apps.get_model("people", "Person")
    Invitation.objects.update(
        email=Subquery(Person.objects.filter(pk=OuterRef("person_id")).values("email"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_organisation_kind_unit"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="email",
            field=models.EmailField(
                default="", editable=False, max_length=254, verbose_name="sent to"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(bind_open_invitations, migrations.RunPython.noop),
    ]
