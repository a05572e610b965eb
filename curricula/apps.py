from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurriculaConfig(AppConfig):
    name = "curricula"
    verbose_name = _("Curricula and assignments")

    def ready(self):
        from curricula import receivers
        from curricula.bench import AssignBenchmark
        from curricula.reports import compliance_write
        from curricula.resources import AssignmentImporter
        from lms import bench, reporting
        from lms.imports import registry

        receivers.connect()

        # A learner's cached dashboard (lms.page_cache) shows their curricula.
        from curricula.models import (
            Assignment,
            AssignmentMember,
            Curriculum,
            CurriculumCompletion,
            CurriculumCourse,
            CurriculumMaterial,
            Notification,
        )
        from lms.page_cache import page_cache_clear_on_change, people_touch_on_change

        people_touch_on_change(AssignmentMember, lambda record: record.person_id)
        people_touch_on_change(Notification, lambda record: record.person_id)
        people_touch_on_change(CurriculumCompletion, lambda record: record.person_id)
        page_cache_clear_on_change(
            Curriculum, CurriculumCourse, CurriculumMaterial, Assignment
        )
        registry.register(AssignmentImporter())
        bench.registry.register(AssignBenchmark())
        reporting.registry.register("compliance", compliance_write)
