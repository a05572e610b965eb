from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and organisations")

    def ready(self):
        from lms.imports import registry
        from people.resources import OrganisationImporter, PersonImporter

        registry.register(OrganisationImporter())
        registry.register(PersonImporter())
