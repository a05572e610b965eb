from django.urls import path

from support import views

urlpatterns = [
    path(
        "consultations/",
        views.ConsultationListView.as_view(),
        name="support_consultations",
    ),
    path(
        "consultations/new/",
        views.ConsultationCreateView.as_view(),
        name="support_consultation_create",
    ),
    path(
        "consultations/<int:pk>/",
        views.ConsultationDetailView.as_view(),
        name="support_consultation",
    ),
    path(
        "consultations/attachments/<int:pk>/",
        views.ConsultationAttachmentView.as_view(),
        name="support_attachment",
    ),
    path("needs/new/", views.NeedCreateView.as_view(), name="support_need_create"),
    path(
        "materials/<int:page_id>/feedback/",
        views.MaterialFeedbackView.as_view(),
        name="support_material_feedback",
    ),
]
