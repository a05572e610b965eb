"""Notices keep their subject in Latvian and English, so that each is shown in
its recipient's language. Existing notices get both texts again from their
subject when it still exists (an assignment's curriculum or course, an
attainment's competence); the others keep the text they were recorded with."""

from django.db import migrations, models


def _names(record, code=""):
    prefix = f"{code} " if code else ""
    latvian = f"{prefix}{record.name_lv}"
    english = f"{prefix}{record.name_en}" if record.name_en else ""
    return latvian[:255], english[:255]


def _course_titles(CoursePage, course):
    english = (
        CoursePage.objects.filter(
            translation_key=course.translation_key, locale__language_code="en"
        )
        .values_list("title", flat=True)
        .first()
    )
    return course.title[:255], (english or "")[:255]


def fill_both_languages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Notification = apps.get_model("curricula", "Notification")
    Assignment = apps.get_model("curricula", "Assignment")
    CoursePage = apps.get_model("courses", "CoursePage")
    Attainment = apps.get_model("competences", "Attainment")
    texts = {}
    assignment_type = ContentType.objects.filter(
        app_label="curricula", model="assignment"
    ).first()
    if assignment_type is not None:
        pks = Notification.objects.filter(subject_type=assignment_type).values(
            "subject_id"
        )
        for assignment in Assignment.objects.filter(pk__in=pks).select_related(
            "curriculum", "course"
        ):
            if assignment.curriculum_id:
                both = _names(assignment.curriculum, assignment.curriculum.code)
            else:
                both = _course_titles(CoursePage, assignment.course)
            texts[(assignment_type.pk, assignment.pk)] = both
    attainment_type = ContentType.objects.filter(
        app_label="competences", model="attainment"
    ).first()
    if attainment_type is not None:
        pks = Notification.objects.filter(subject_type=attainment_type).values(
            "subject_id"
        )
        for attainment in Attainment.objects.filter(pk__in=pks).select_related(
            "competence"
        ):
            texts[(attainment_type.pk, attainment.pk)] = _names(
                attainment.competence, attainment.competence.code
            )
    changed = []
    for notification in Notification.objects.only(
        "pk", "subject_type_id", "subject_id", "subject_text", "subject_text_en"
    ).iterator():
        both = texts.get((notification.subject_type_id, notification.subject_id))
        if both is None:
            continue
        notification.subject_text, notification.subject_text_en = both
        changed.append(notification)
    Notification.objects.bulk_update(
        changed, ["subject_text", "subject_text_en"], batch_size=1000
    )


class Migration(migrations.Migration):

    dependencies = [
        ("competences", "0004_coverage"),
        ("courses", "0007_session_organiser"),
        ("curricula", "0005_curriculum_material"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="subject_text_en",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="about (English)"
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="subject_text",
            field=models.CharField(max_length=255, verbose_name="about (Latvian)"),
        ),
        migrations.RunPython(fill_both_languages, migrations.RunPython.noop),
    ]
