"""Who may see the competence framework.

The framework is reference data, public to every signed-in user; changes need
the model permissions that the Content editor group and superusers hold.
"""

from django.db.models import QuerySet


def reference_data_visible_to(user, queryset: QuerySet) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    return queryset
