from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from competences.models import (
    Competence,
    CompetenceFramework,
    Condition,
    ServiceManagementTask,
    SupportTopic,
)
from competences.permissions import reference_data_visible_to
from competences.selectors import competence_list, condition_list
from lms.viewsets import ScopedSnippetViewSet, SnippetViewSetGroup


class ReferenceViewSet(ScopedSnippetViewSet):
    # Indexed models search their Wagtail index (all indexed fields); the two
    # plain models below search these columns in the database.
    scope = staticmethod(reference_data_visible_to)


class FrameworkViewSet(ReferenceViewSet):
    model = CompetenceFramework
    icon = "table"
    menu_label = _("Frameworks")
    list_display = ["code", "name"]
    list_export = ["code", "name_lv", "name_en", "description"]
    export_filename = "frameworks"
    search_fields = ["code", "name_lv", "name_en"]


class CompetenceViewSet(ReferenceViewSet):
    model = Competence
    icon = "success"
    menu_label = _("Competences")
    selector = staticmethod(competence_list)
    list_display = ["code", "name", "obligation", "validity_months", "framework"]
    list_filter = ["framework", "obligation"]
    list_export = [
        "code",
        "name_lv",
        "name_en",
        "obligation",
        "validity_months",
        "description",
    ]
    export_filename = "competences"
    ordering = ["framework", "sort_order", "code"]


class TaskViewSet(ReferenceViewSet):
    model = ServiceManagementTask
    icon = "tasks"
    menu_label = _("Service-management tasks")
    list_display = ["code", "name", "level"]
    list_filter = ["level"]
    list_export = ["code", "level", "name_lv", "name_en", "practice_lv"]
    export_filename = "tasks"
    ordering = ["sort_order"]


class ConditionViewSet(ReferenceViewSet):
    model = Condition
    icon = "list-ul"
    menu_label = _("Conditions")
    selector = staticmethod(condition_list)
    list_display = ["code", "name", "parent"]
    list_export = ["code", "parent.code", "name_lv", "name_en"]
    export_filename = "conditions"
    ordering = ["sort_order"]


class TopicViewSet(ReferenceViewSet):
    model = SupportTopic
    icon = "help"
    menu_label = _("Support topics")
    list_display = ["code", "name", "scale"]
    list_filter = ["scale"]
    list_export = ["code", "scale", "name_lv", "name_en"]
    export_filename = "support-topics"
    search_fields = ["code", "name_lv", "name_en"]
    ordering = ["sort_order"]


class CompetenceViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Competence framework")
    menu_icon = "success"
    menu_order = 220
    items = (
        FrameworkViewSet,
        CompetenceViewSet,
        TaskViewSet,
        ConditionViewSet,
        TopicViewSet,
    )


register_snippet(CompetenceViewSetGroup)
