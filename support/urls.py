from django.urls import path

from support.views import AcknowledgeView

urlpatterns = [
    path(
        "materials/<int:material_id>/acknowledge/",
        AcknowledgeView.as_view(),
        name="material_acknowledge",
    ),
]
