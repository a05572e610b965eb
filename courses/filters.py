"""Filters of the materials library, on the site and in the admin.

One declaration of the tag filters serves the public library
(`MaterialFilterSet`, used by MaterialIndexPage) and the admin's material
listing (`MaterialAdminFilterSet`, a Wagtail page-listing filter set).
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import PageFilterSet

from catalogue.models import Resource, Service
from competences.models import (
    Competence,
    Condition,
    ServiceManagementTask,
    SupportTopic,
)
from courses.models import MaterialKind, MaterialPage


def _any(label, queryset):
    return django_filters.ModelChoiceFilter(
        label=label, queryset=queryset, empty_label=_("Any")
    )


class MaterialFilterSet(django_filters.FilterSet):
    """Every tag of a material, each an exact match; empty means any."""

    kind = django_filters.ChoiceFilter(
        label=_("kind"), choices=MaterialKind.choices, empty_label=_("Any")
    )
    topics = _any(_("support topic"), SupportTopic.objects.order_by("sort_order"))
    tasks = _any(_("PU task"), ServiceManagementTask.objects.all())
    conditions = _any(_("condition"), Condition.objects.all())
    services = _any(_("service"), Service.objects.order_by("code"))
    resources = _any(_("resource"), Resource.objects.order_by("code"))
    competences = _any(_("competence"), Competence.objects.order_by("sort_order"))

    class Meta:
        model = MaterialPage
        fields = []


class MaterialAdminFilterSet(PageFilterSet, MaterialFilterSet):
    requires_acknowledgement = django_filters.BooleanFilter(
        label=_("requires acknowledgement")
    )

    class Meta:
        model = MaterialPage
        fields = []
