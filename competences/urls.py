from django.urls import path

from competences.views import EvidenceDownloadView

urlpatterns = [
    path(
        "evidence/<int:pk>/", EvidenceDownloadView.as_view(), name="attainment_evidence"
    ),
]
