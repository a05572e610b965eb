"""Filters of the materials library, on the site and in the admin.

The public library's filters are `courses.models.MaterialFilterSet`
(used by MaterialIndexPage.get_context); the admin's material listing adds
them to Wagtail's page-listing filters.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import PageFilterSet

from courses.models import MaterialFilterSet, MaterialPage


class MaterialAdminFilterSet(PageFilterSet, MaterialFilterSet):
    requires_acknowledgement = django_filters.BooleanFilter(
        label=_("requires acknowledgement")
    )

    class Meta:
        model = MaterialPage
        fields = []
