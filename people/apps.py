from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and organisations")

    def ready(self):
        from lms import bench
        from lms.imports import registry
        from lms.imports.permissions import import_uploader_scope_set
        from people.bench import ImportPeopleBenchmark
        from people.permissions import import_uploaders_visible_to
        from people.resources import OrganisationImporter, PersonImporter

        import_uploader_scope_set(import_uploaders_visible_to)

        registry.register(OrganisationImporter())
        registry.register(PersonImporter())
        bench.registry.register(ImportPeopleBenchmark())
