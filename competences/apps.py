from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "competences"
    verbose_name = _("Competences")

    def ready(self):
        from functools import partial

        from competences.bench import ReportsBenchmark
        from competences.reports import REPORTS, report_write
        from competences.resources import CompetenceImporter, MoodleFrameworkImporter
        from competences.resources_coverage import (
            AttainmentImporter,
            DelegationImporter,
            RequirementImporter,
        )
        from lms import bench, reporting
        from lms.imports import registry

        registry.register(CompetenceImporter())
        registry.register(MoodleFrameworkImporter())
        registry.register(RequirementImporter())
        registry.register(AttainmentImporter())
        registry.register(DelegationImporter())
        bench.registry.register(ReportsBenchmark())
        # `manage.py report <name>` (competences/management/commands/report.py).
        for name in REPORTS:
            reporting.registry.register(name, partial(report_write, name))
