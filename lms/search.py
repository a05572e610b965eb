"""Keeping Wagtail's search index in step with bulk writes."""

from django.db import transaction
from wagtail.search.index import Indexed

from lms.tasks import search_index_update


def search_index_refresh(model, ids: list) -> None:
    """Bulk writes skip Wagtail's per-save indexing; re-index those rows after
    commit, in the background."""
    if issubclass(model, Indexed):
        label = model._meta.label
        transaction.on_commit(
            lambda: search_index_update.enqueue(model_label=label, ids=list(ids))
        )
