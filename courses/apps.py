from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and materials")

    def ready(self):
        from competences.models import (
            Competence,
            Condition,
            ServiceManagementTask,
        )
        from courses import receivers
        from courses.bench import PagesBenchmark
        from courses.models import FooterSettings
        from lms import bench
        from lms.page_cache import page_cache_clear_on_change

        receivers.connect()
        bench.registry.register(PagesBenchmark())
        # What the cached pages show besides pages (lms/page_cache.py): the
        # footer, and the taxonomy's names on course pages and the catalogue.
        page_cache_clear_on_change(
            FooterSettings, Competence, ServiceManagementTask, Condition
        )
