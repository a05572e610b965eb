"""Coordinators' admin screens that are not a snippet view: the audience
preview (a JSON count for the form's script), an assignment's overview with
its progress bar and overdue list, and the reminder action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from curricula.models import Assignment, AudienceKind, MemberStatus
from curricula.permissions import (
    assignable_people,
    assignments_visible_to,
    can_assign,
    can_change_assignment,
    members_visible_to,
)
from curricula.progress import progress_get
from curricula.selectors import (
    audience_people,
    compliance_summary,
    curriculum_completion_list,
    member_status_counts,
    overdue_members,
)
from curricula.selectors_materials import MATERIAL_STATUSES, material_status_counts
from curricula.services import (
    assignment_remind_overdue,
    assignment_save,
    assignment_scope_check,
)
from curricula.tasks import sync_later
from lms.viewsets import ScopedCreateView, ScopedEditView

PREVIEW_NAMES = 5


def _int(value):
    return int(value) if value and str(value).isdigit() else None


def audience_preview(request):
    """JSON: how many people in the user's scope an audience matches, and the
    first names. A target outside the user's scope is a 403."""
    if not can_assign(request.user):
        return JsonResponse({"message": _("You may not assign curricula.")}, status=403)
    data = request.POST if request.method == "POST" else request.GET
    assignment = Assignment(
        audience_kind=data.get("audience_kind") or "",
        organisation_id=_int(data.get("organisation")),
        include_units=data.get("include_units") in ("on", "true", "1"),
        role=data.get("role") or "",
        service_id=_int(data.get("service")),
        resource_id=_int(data.get("resource")),
        provider=data.get("provider") or "any",
    )
    people_ids = [int(pk) for pk in data.getlist("people") if pk.isdigit()]
    try:
        assignment_scope_check(
            assignment=assignment, actor=request.user, people_ids=people_ids
        )
    except PermissionDenied as denied:
        # A plain 403 for the script (Wagtail would redirect to the dashboard).
        return JsonResponse({"message": str(denied)}, status=403)
    scope = assignable_people(request.user)
    if assignment.audience_kind == AudienceKind.PEOPLE:
        matched = scope.filter(pk__in=people_ids)
    else:
        matched = audience_people(
            assignment=assignment, as_of=timezone.localdate(), people=scope
        )
    count = matched.count()
    names = [
        f"{first} {last}"
        for first, last in matched.order_by("last_name", "first_name").values_list(
            "first_name", "last_name"
        )[:PREVIEW_NAMES]
    ]
    if count:
        message = ngettext(
            "The audience matches %(count)d person: %(names)s",
            "The audience matches %(count)d people: %(names)s",
            count,
        ) % {
            "count": count,
            "names": ", ".join(names) + ("…" if count > len(names) else ""),
        }
    else:
        message = _(
            "The audience matches nobody in your scope; "
            "it can be saved only as a draft."
        )
    return JsonResponse({"count": count, "names": names, "message": message})


def _assignment_or_404(request, pk) -> Assignment:
    assignment = (
        assignments_visible_to(request.user)
        .select_related("curriculum", "course", "owner")
        .filter(pk=pk)
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def assignment_overview(request, pk):
    """An assignment's compliance: status counts, %, the overdue people, the
    materials to acknowledge, the recorded curriculum completions, and the
    progress of a synchronisation still running."""
    assignment = _assignment_or_404(request, pk)
    today = timezone.localdate()
    members = members_visible_to(request.user).filter(assignment=assignment)
    counts = member_status_counts(members=members, as_of=today)
    summary = compliance_summary(members=members, as_of=today, by="assignment")
    progress = progress_get(assignment.pk)
    completions = curriculum_completion_list(members=members)
    return TemplateResponse(
        request,
        "curricula/assignment_overview.html",
        {
            "assignment": assignment,
            "counts": [
                (MemberStatus(status).label, counts.get(status, 0))
                for status in MemberStatus.values
            ],
            "percent": summary[0]["percent"] if summary else None,
            "overdue": overdue_members(members=members, as_of=today)[:200],
            "progress": progress,
            # Queued for the worker and not yet begun.
            "waiting": progress is None
            and assignment.synced_at is None
            and assignment.status == "active",
            "can_remind": can_change_assignment(request.user, assignment),
            "open_count": members.filter(left_on__isnull=True).count(),
            # Read-only: recorded by the system, never edited by hand.
            "completions": completions[:200],
            "completions_count": completions.count(),
            "materials": material_status_counts(members=members, as_of=today),
            "material_statuses": [
                MemberStatus(status).label for status in MATERIAL_STATUSES
            ],
        },
    )


@require_POST
def assignment_remind(request, pk):
    """One action: remind every overdue person of the assignment."""
    assignment = _assignment_or_404(request, pk)
    if not can_change_assignment(request.user, assignment):
        raise PermissionDenied
    sent = assignment_remind_overdue(assignment=assignment, actor=request.user)
    messages.success(
        request,
        ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", sent)
        % {"count": sent},
    )
    return redirect("curricula_admin:overview", pk=assignment.pk)


class AssignmentSaveMixin:
    """The form's people go to the service with the rest (one rule, one home);
    its warnings are shown, and a queued synchronisation leads to the overview."""

    def save_instance(self):
        people = self.form.cleaned_data.get("people")
        outcome = assignment_save(
            assignment=self.form.save(commit=False),
            actor=self.request.user,
            people_ids=[person.pk for person in people] if people else [],
        )
        sync_later(outcome)
        for warning in outcome.warnings:
            messages.warning(self.request, warning)
        self._outcome = outcome
        return outcome.assignment

    def get_success_url(self):
        outcome = getattr(self, "_outcome", None)
        if outcome is not None and outcome.assignment.pk:
            from django.urls import reverse

            return reverse("curricula_admin:overview", args=[outcome.assignment.pk])
        return super().get_success_url()


class AssignmentCreateView(AssignmentSaveMixin, ScopedCreateView):
    pass


class AssignmentEditView(AssignmentSaveMixin, ScopedEditView):
    pass
