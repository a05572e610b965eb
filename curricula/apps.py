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
        registry.register(AssignmentImporter())
        bench.registry.register(AssignBenchmark())
        reporting.registry.register("compliance", compliance_write)
