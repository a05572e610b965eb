"""The site's one search: every page type that indexes text, readable by the viewer.

Any Page subclass is found by its own `search_fields`; those that mix in
`lms.search.FoldedSearchMixin` (courses, materials, and whatever page type
adds `index.SearchField("search_folded")`) also match Latvian inflections and
words typed without diacritics (see lms/latvian.py and README).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Locale, Page, PageViewRestriction, get_page_models
from wagtail.search import index

from courses.models import MaterialPage
from lms.search import folded_query

# Tag relations a page type may carry; a tag filter keeps the pages of every
# type that has the relation, and drops the types that do not.
TAG_FIELDS = ("topics", "tasks", "conditions", "services", "resources", "competences")


def searchable_page_models() -> list[type[Page]]:
    """Page types with text of their own to search (beyond Page's title)."""
    base = {field.field_name for field in Page.search_fields}
    return [
        model
        for model in get_page_models()
        if model is not Page
        and any(
            isinstance(field, index.SearchField) and field.field_name not in base
            for field in model.get_search_fields()
        )
    ]


def pages_readable_by(request, queryset=None):
    """Live pages the visitor may open: view restrictions they fail are left out.

    One query for the restrictions (few, set by editors) plus what checking
    each one costs (a group restriction reads the user's groups).
    """
    qs = (Page.objects.all() if queryset is None else queryset).live()
    for restriction in PageViewRestriction.objects.select_related("page"):
        if not restriction.accept_request(request):
            qs = qs.not_descendant_of(restriction.page, inclusive=True)
    return qs


def _tagged_page_ids(tags: dict) -> list[int] | None:
    """Ids of pages carrying every tag in `tags` ({field: object}); None = no filter."""
    tags = {name: value for name, value in tags.items() if value}
    if not tags:
        return None
    ids: list[int] = []
    for model in get_page_models():
        fields = {field.name for field in model._meta.get_fields()}
        if model._meta.abstract or not set(tags) <= fields:
            continue
        if model._meta.concrete_model is not model:
            continue
        qs = model.objects.all()
        for name, value in tags.items():
            qs = qs.filter(**{name: value})
        ids.extend(qs.values_list("pk", flat=True))
    return ids


def page_search(
    *,
    request,
    query: str,
    page_type: type[Page] | None = None,
    material_kind: str = "",
    tags: dict | None = None,
    locale: Locale | None = None,
):
    """Search results for `query`, best first, among pages the viewer may read.

    `page_type` keeps one page type, `material_kind` one kind of material,
    `tags` ({"competences": competence, ...}) pages carrying each tag. Only the
    active language's pages are searched. Returns Wagtail search results of
    specific pages, or None for a query with no words.
    """
    search_query = folded_query(query)
    if search_query is None:
        return None
    qs = pages_readable_by(request).filter(
        locale=locale or Locale.get_active(),
        content_type__in=_content_type_ids(
            [page_type] if page_type else searchable_page_models()
        ),
    )
    restricted = Q()
    if material_kind:
        restricted &= Q(
            id__in=list(
                MaterialPage.objects.filter(kind=material_kind).values_list(
                    "pk", flat=True
                )
            )
        )
    tagged = _tagged_page_ids(tags or {})
    if tagged is not None:
        restricted &= Q(id__in=tagged)
    if restricted:
        qs = qs.filter(restricted)
    return qs.specific().search(search_query)


def _content_type_ids(models) -> list[int]:
    return [
        content_type.pk
        for content_type in ContentType.objects.get_for_models(*models).values()
    ]
