from django.urls import path

from competences import views

urlpatterns = [
    path(
        "competences/",
        views.CompetenceProfileView.as_view(),
        name="competence_profile",
    ),
    path(
        "evidence/<int:pk>/",
        views.EvidenceDownloadView.as_view(),
        name="attainment_evidence",
    ),
]
