from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Services and resources")

    def ready(self):
        from catalogue.resources import (
            InvolvementImporter,
            ResourceImporterForResources,
            RoleImporter,
            ServiceImporter,
        )
        from lms.imports import registry

        registry.register(ServiceImporter())
        registry.register(ResourceImporterForResources())
        registry.register(InvolvementImporter())
        registry.register(RoleImporter())
