"""The coverage panels: the heat map on the admin dashboard, and the learner's
competence summary on the site's dashboard. Registered in wagtail_hooks.py."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from competences.permissions import coverage_people_visible_to
from competences.selectors import competence_profile, coverage_heat_map
from people.permissions import organisations_visible_to

# Colour bands of a heat-map cell, from the lowest share up: (floor %, class).
# The number is always written in the cell, so colour is never the only cue.
BANDS = ((100, "full"), (80, "high"), (50, "medium"), (0, "low"))


def band(percent: int) -> str:
    return next(name for floor, name in BANDS if percent >= floor)


def gaps_url_base() -> tuple[str, bool]:
    """The gaps report's address, or the people-competences report while the
    gaps report is not installed; and whether it is the gaps report."""
    try:
        return reverse("coverage_gaps"), True
    except NoReverseMatch:
        return reverse("competences_reports:people_competences"), False


def gaps_link(base: tuple[str, bool], row, competence) -> str:
    """The gaps behind one heat-map cell: that organisation's people lacking
    that competence (the people-competences fallback narrows to the
    organisation's institution)."""
    url, is_gaps = base
    if is_gaps:
        query = {"organisation": row.organisation.pk, "competence": competence.pk}
    else:
        query = {"competence": competence.pk}
        if row.institution_id is not None:
            query = {"institution": row.institution_id, **query}
    return f"{url}?{urlencode(query)}"


class CoverageHeatMapPanel(Component):
    """Admin dashboard: organisations in scope × mandatory competences."""

    name = "coverage_heat_map"
    order = 60
    template_name = "competences/panels/coverage_heat_map.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        as_of = timezone.localdate()
        heat_map = coverage_heat_map(
            organisations=organisations_visible_to(self.user),
            people=coverage_people_visible_to(self.user),
            as_of=as_of,
        )
        base = gaps_url_base()
        rows = [
            {
                "organisation": row.organisation,
                "cells": [
                    None
                    if share is None
                    else {
                        "share": share,
                        "band": band(share.percent),
                        "url": gaps_link(base, row, competence),
                    }
                    for share, competence in zip(
                        row.cells, heat_map.competences, strict=True
                    )
                ],
            }
            for row in heat_map.rows
        ]
        return {
            "competences": heat_map.competences,
            "rows": rows,
            "as_of": as_of,
        }


class CompetenceProfilePanel(Component):
    """Learner dashboard: what the person lacks, with a link to the profile."""

    name = "competence_profile"
    order = 50
    template_name = "competences/panels/competence_profile.html"

    def __init__(self, person):
        self.person = person

    def get_context_data(self, parent_context):
        return {"profile": competence_profile(person=self.person)}
