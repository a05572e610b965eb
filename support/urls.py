from django.urls import path

from support import consultation_views as views
from support.views import AcknowledgeView

urlpatterns = [
    path(
        "materials/<int:material_id>/acknowledge/",
        AcknowledgeView.as_view(),
        name="material_acknowledge",
    ),
    path(
        "support/consultations/",
        views.ConsultationListView.as_view(),
        name="support_consultations",
    ),
    path(
        "support/consultations/new/",
        views.ConsultationCreateView.as_view(),
        name="support_consultation_create",
    ),
    path(
        "support/consultations/<int:pk>/",
        views.ConsultationDetailView.as_view(),
        name="support_consultation",
    ),
    path(
        "support/consultations/attachments/<int:pk>/",
        views.ConsultationAttachmentView.as_view(),
        name="support_attachment",
    ),
    path(
        "support/needs/new/",
        views.NeedCreateView.as_view(),
        name="support_need_create",
    ),
    path(
        "support/materials/<int:page_id>/feedback/",
        views.MaterialFeedbackView.as_view(),
        name="support_material_feedback",
    ),
    path(
        "support/courses/<int:page_id>/feedback/",
        views.CourseFeedbackView.as_view(),
        name="support_course_feedback",
    ),
]
