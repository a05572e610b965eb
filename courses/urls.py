from django.urls import path

from courses import views

urlpatterns = [
    path("account/", views.AccountView.as_view(), name="account"),
]
