from django.urls import path

from certificates import views

urlpatterns = [
    path("v/", views.CertificateVerifyView.as_view(), name="certificate_lookup"),
    path(
        "v/<str:code>/",
        views.CertificateVerifyView.as_view(),
        name="certificate_verify",
    ),
    path(
        "certificates/<int:pk>/pdf/",
        views.CertificateDownloadView.as_view(),
        name="certificate_download",
    ),
]
