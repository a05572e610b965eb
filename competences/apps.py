from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "competences"
    verbose_name = _("Competences")

    def ready(self):
        from functools import partial

        from competences.bench import ReportsBenchmark

        # A learner's cached dashboard (lms.page_cache) shows their coverage.
        from competences.models_coverage import Attainment, Delegation, Requirement
        from competences.reports import REPORTS, report_write
        from competences.resources import CompetenceImporter, MoodleFrameworkImporter
        from competences.resources_coverage import (
            AttainmentImporter,
            DelegationImporter,
            RequirementImporter,
        )
        from lms import bench, reporting
        from lms.imports import registry
        from lms.page_cache import page_cache_clear_on_change, people_touch_on_change

        people_touch_on_change(Attainment, lambda record: record.person_id)
        page_cache_clear_on_change(Requirement, Delegation)

        registry.register(CompetenceImporter())
        registry.register(MoodleFrameworkImporter())
        registry.register(RequirementImporter())
        registry.register(AttainmentImporter())
        registry.register(DelegationImporter())
        bench.registry.register(ReportsBenchmark())
        # `manage.py report <name>` (competences/management/commands/report.py).
        for name in REPORTS:
            reporting.registry.register(name, partial(report_write, name))
