from django.urls import path

from courses.views import SearchView

urlpatterns = [
    path("search/", SearchView.as_view(), name="site_search"),
]
