from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and materials")

    def ready(self):
        from wagtail.signals import page_published

        from courses.models import MaterialPage
        from courses.receivers import material_published

        page_published.connect(
            material_published, sender=MaterialPage, dispatch_uid="material_version"
        )
