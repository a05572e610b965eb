"""Wagtail search plumbing: the index kept in step with bulk writes, and the
Latvian folded index and query (lms.latvian)."""

import re

from django.db import transaction
from django.utils.html import strip_tags
from wagtail.search.index import Indexed
from wagtail.search.query import And, Or, PlainText

from lms import latvian
from lms.tasks import search_index_update

# A query is a few words; more only slows the database down.
MAX_QUERY_WORDS = 8


def search_index_refresh(model, ids: list) -> None:
    """Bulk writes skip Wagtail's per-save indexing; re-index those rows after
    commit, in the background."""
    if issubclass(model, Indexed):
        label = model._meta.label
        transaction.on_commit(
            lambda: search_index_update.enqueue(model_label=label, ids=list(ids))
        )


class FoldedSearchMixin:
    """A page or model whose text is also indexed folded and stemmed (lms.latvian).

    Add `index.SearchField("search_folded")` to `search_fields` and, if the
    text is not title, summary and body, override `search_folded_sources()`.
    """

    def search_folded_sources(self) -> list[str]:
        return [getattr(self, name, "") or "" for name in ("title", "summary", "body")]

    @property
    def search_folded(self) -> str:
        return latvian.index_text(strip_tags(" ".join(self.search_folded_sources())))


def folded_query(text: str):
    """A visitor's words as a Wagtail search query that meets the folded index.

    Each word must match (AND), either as typed or folded and stemmed (OR), so
    that "pakalpojums" finds "pakalpojumu" and "parvaldiba" finds "pārvaldība"
    while a page indexed without the folded field still matches its own words.
    Returns None for a query with no words.
    """
    typed = re.findall(r"\w+", text, re.UNICODE)[:MAX_QUERY_WORDS]
    if not typed:
        return None
    clauses = []
    for word in typed:
        stemmed = latvian.stem(latvian.fold(word))
        options = {word.casefold(), stemmed}
        terms = [PlainText(option) for option in sorted(options)]
        clauses.append(terms[0] if len(terms) == 1 else Or(terms))
    return clauses[0] if len(clauses) == 1 else And(clauses)
