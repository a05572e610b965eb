from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Services and resources")

    def ready(self):
        from catalogue.permissions import (
            involvements_visible_to,
            role_assignments_visible_to,
        )
        from catalogue.resources import (
            InvolvementImporter,
            ResourceImporter,
            RoleImporter,
            ServiceImporter,
        )
        from lms.imports import registry
        from people.permissions import person_related_scope_set
        from people.signals import organisations_moved, people_moved

        registry.register(ServiceImporter())
        registry.register(ResourceImporter())
        registry.register(InvolvementImporter())
        registry.register(RoleImporter())
        # A person's page lists only the involvements and roles its viewer
        # may see (people/ cannot import catalogue/).
        person_related_scope_set("involvements", involvements_visible_to)
        person_related_scope_set("role_assignments", role_assignments_visible_to)

        # people/ announces moves; the stored relations follow in the same
        # transaction (people/ cannot import catalogue/).
        organisations_moved.connect(
            _organisations_moved, dispatch_uid="catalogue.organisations_moved"
        )
        people_moved.connect(_people_moved, dispatch_uid="catalogue.people_moved")

        # A learner's cached dashboard (lms.page_cache): what they are asked
        # to learn and acknowledge follows their involvements and roles.
        from catalogue.models import Involvement, Resource, RoleAssignment, Service
        from catalogue.selectors import people_involved_in
        from lms.page_cache import people_touch_on_change

        for model in (Involvement, RoleAssignment):
            people_touch_on_change(model, lambda record: record.person_id)
        # A renamed service or resource: the people involved in it see its name.
        for model in (Service, Resource):
            people_touch_on_change(model, people_involved_in)


def _organisations_moved(sender, organisation_ids, **kwargs):
    from catalogue.services import involvement_relations_refresh

    involvement_relations_refresh(organisation_ids=organisation_ids)


def _people_moved(sender, person_ids, **kwargs):
    from catalogue.services import involvement_relations_refresh

    involvement_relations_refresh(person_ids=person_ids)
