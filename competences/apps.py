from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "competences"
    verbose_name = _("Competences")

    def ready(self):
        from competences.bench import ReportsBenchmark
        from competences.resources import CompetenceImporter, MoodleFrameworkImporter
        from competences.resources_coverage import (
            AttainmentImporter,
            DelegationImporter,
            RequirementImporter,
        )
        from lms import bench
        from lms.imports import registry

        registry.register(CompetenceImporter())
        registry.register(MoodleFrameworkImporter())
        registry.register(RequirementImporter())
        registry.register(AttainmentImporter())
        registry.register(DelegationImporter())
        bench.registry.register(ReportsBenchmark())
