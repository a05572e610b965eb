"""What curricula/ does when the apps below it announce a change.

Assignments are dynamic: when people, organisations, roles or involvements
change (in the admin, an import or a service), every active assignment is
synchronised after the commit by the task worker. The receivers only enqueue
that task, once per transaction however many rows changed. A course
completion (sent by courses/ after its commit) or an acknowledgement of a
material enqueues the evaluation of the person's curriculum completions.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _enqueue() -> None:
    from curricula.tasks import assignments_sync_all_task

    assignments_sync_all_task.enqueue()


# Marks the callback, so that a transaction queues it once (a rolled-back
# transaction drops its callbacks, and with them the mark).
_enqueue.curricula_sync = True


def _schedule_sync(**kwargs) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _enqueue()
        return
    for entry in connection.run_on_commit:
        if getattr(entry[1], "curricula_sync", False):
            return
    transaction.on_commit(_enqueue)


def completion_recorded(sender, completion, **kwargs) -> None:
    """A course completed: the curricula with that course may be complete."""
    from curricula.tasks import curriculum_completions_task

    curriculum_completions_task.enqueue(completion.person_id, completion.course_id)


def acknowledgement_saved(sender, instance, created, **kwargs) -> None:
    """A material acknowledged: the curricula listing it may be complete,
    once the acknowledgement is committed."""
    if not created:
        return
    from curricula.tasks import curriculum_completions_task

    person_id, material_id = instance.person_id, instance.material_id
    transaction.on_commit(
        lambda: curriculum_completions_task.enqueue(person_id, None, material_id)
    )


def connect() -> None:
    from catalogue.models import Involvement, RoleAssignment
    from courses import signals as courses_signals
    from lms.imports.signals import import_applied
    from people.models import Person
    from people.signals import organisations_moved, people_moved
    from support.models import Acknowledgement

    for model in (Person, Involvement, RoleAssignment):
        post_save.connect(
            _schedule_sync,
            sender=model,
            dispatch_uid=f"curricula.save.{model.__name__}",
        )
        post_delete.connect(
            _schedule_sync,
            sender=model,
            dispatch_uid=f"curricula.delete.{model.__name__}",
        )
    people_moved.connect(_schedule_sync, dispatch_uid="curricula.people_moved")
    organisations_moved.connect(
        _schedule_sync, dispatch_uid="curricula.organisations_moved"
    )
    # Imports write in bulk (no post_save): the import machinery says when one
    # has been applied.
    import_applied.connect(_schedule_sync, dispatch_uid="curricula.import_applied")
    courses_signals.completion_recorded.connect(
        completion_recorded, dispatch_uid="curricula.completion_recorded"
    )
    post_save.connect(
        acknowledgement_saved,
        sender=Acknowledgement,
        dispatch_uid="curricula.acknowledgement_saved",
    )
    # Members of an assignment are asked to acknowledge their curriculum's
    # materials, whatever the material's own audience (support/ asks here).
    from curricula.selectors_materials import (
        curriculum_material_ids,
        curriculum_material_people,
    )
    from support.selectors import material_audience_register

    material_audience_register(
        people=curriculum_material_people, materials=curriculum_material_ids
    )
    # The demo's curriculum, after the courses' own demo (courses.demo).
    from courses import demo
    from curricula.services.demo import curricula_demo_load

    demo.loader_register("curricula", curricula_demo_load)
