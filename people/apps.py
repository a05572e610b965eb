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

        # A learner's cached dashboard (lms.page_cache) follows their record;
        # organisations and moves (bulk updates) concern many people at once.
        from lms.page_cache import (
            page_cache_clear_on_change,
            page_cache_signal_clears,
            people_touch_on_change,
        )
        from people.models import Organisation, Person
        from people.signals import organisations_moved, people_moved

        people_touch_on_change(Person, lambda person: person.pk)
        page_cache_clear_on_change(Organisation)
        page_cache_signal_clears(organisations_moved, people_moved)
