"""Background work of curricula/: thin, each calls one service."""

from django.db import transaction
from django_tasks import task


@task()
def assignment_sync_task(assignment_id: int) -> int:
    """Bring one (large) assignment's audience in; returns how many joined."""
    from curricula.models import Assignment
    from curricula.services import assignment_sync, notifications_deliver

    assignment = Assignment.objects.select_related(
        "curriculum", "course", "created_by"
    ).get(pk=assignment_id)
    result = assignment_sync(assignment=assignment)
    notifications_deliver()
    return result.joined


@task()
def assignments_sync_all_task() -> int:
    """After people, roles or involvements changed: every active assignment."""
    from curricula.services import assignments_sync_all, notifications_deliver

    result = assignments_sync_all()
    notifications_deliver()
    return result.joined + result.left


@task()
def curriculum_completions_task(
    person_id: int, course_id: int | None = None, material_id: int | None = None
) -> int:
    """After a course completion or an acknowledgement: record the curriculum
    completions it finished; returns how many are recorded or found."""
    from curricula.services import curriculum_completions_evaluate

    return len(
        curriculum_completions_evaluate(
            person_id=person_id, course_id=course_id, material_id=material_id
        )
    )


@task()
def send_reminders_task() -> int:
    """The daily notices (the worker's schedule or cron: README)."""
    from curricula.services import reminders_send

    return reminders_send()


def sync_later(outcome) -> None:
    """After the commit, let the worker bring a large audience in
    (`outcome` from curricula.services.assignment_save)."""
    if outcome.queued:
        pk = outcome.assignment.pk
        transaction.on_commit(lambda: assignment_sync_task.enqueue(pk))
