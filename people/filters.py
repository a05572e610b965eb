import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from people.models import Organisation, OrganisationKind, Person
from people.permissions import organisations_visible_to


def _visible_organisations(request):
    if request is None:
        return Organisation.objects.none()
    return organisations_visible_to(request.user)


class OrganisationFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("kind"), choices=OrganisationKind.choices
    )
    parent = django_filters.ModelChoiceFilter(
        label=_("parent organisation"), queryset=_visible_organisations
    )

    class Meta:
        model = Organisation
        fields = ["kind", "parent"]


class PersonFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("organisation"), queryset=_visible_organisations
    )
    organisation__kind = django_filters.ChoiceFilter(
        label=_("organisation kind"), choices=OrganisationKind.choices
    )
    has_account = django_filters.BooleanFilter(
        label=_("has an account"), field_name="user", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Person
        fields = ["organisation", "organisation__kind", "language", "has_account"]
