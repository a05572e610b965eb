from django.db import migrations

from lms.migration_utils import grant_permissions

CONTENT_EDITOR = "Content editor"
PAGE_ACTIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MEDIA = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    grant_permissions(apps, "wagtailcore", {})
    editor, _ = Group.objects.get_or_create(name=CONTENT_EDITOR)
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in PAGE_ACTIONS:
            GroupPagePermission.objects.get_or_create(
                group=editor,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    collection = Collection.objects.filter(depth=1).first()
    for app_label, codenames in MEDIA.items():
        grant_permissions(apps, app_label, {})
        if collection is None:
            continue
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=editor,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("people", "0002_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
