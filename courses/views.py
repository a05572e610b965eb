from django.core.paginator import Paginator
from django.views.generic import TemplateView

from courses.forms import SearchForm
from courses.search import page_search

RESULTS_PER_PAGE = 20


class SearchView(TemplateView):
    """The site's one search box: courses, lessons, materials, their documents."""

    template_name = "courses/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        results = None
        if form.is_valid():
            results = page_search(request=self.request, **form.search_arguments())
        page = Paginator(results or [], RESULTS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            results=page,
            searched=results is not None,
            query_string=query.urlencode(),
        )
        return context
