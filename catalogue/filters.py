import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from catalogue.models import (
    Involvement,
    Relation,
    Resource,
    ResponsibleRole,
    RoleAssignment,
    Service,
)
from catalogue.permissions import services_visible_to
from people.permissions import organisations_visible_to


def _visible_organisations(request):
    return organisations_visible_to(request.user)


def _visible_services(request):
    return services_visible_to(request.user)


class ServiceFilterSet(WagtailFilterSet):
    owner = django_filters.ModelChoiceFilter(
        label=_("owner institution"), queryset=_visible_organisations
    )

    class Meta:
        model = Service
        fields = ["owner"]


class ResourceFilterSet(ServiceFilterSet):
    class Meta:
        model = Resource
        fields = ["owner"]


class InvolvementFilterSet(WagtailFilterSet):
    relation = django_filters.ChoiceFilter(
        label=_("relation"), choices=Relation.choices
    )
    service = django_filters.ModelChoiceFilter(
        label=_("service"), queryset=_visible_services
    )
    person__organisation = django_filters.ModelChoiceFilter(
        label=_("organisation"), queryset=_visible_organisations
    )
    active_on = django_filters.DateFilter(
        label=_("active on"), method="filter_active_on"
    )

    class Meta:
        model = Involvement
        fields = ["relation", "service", "person__organisation"]

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(start_date__lte=value).exclude(end_date__lt=value)


class RoleAssignmentFilterSet(WagtailFilterSet):
    role = django_filters.ChoiceFilter(label=_("role"), choices=ResponsibleRole.choices)

    class Meta:
        model = RoleAssignment
        fields = ["role"]
