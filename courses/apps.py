from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and materials")

    def ready(self):
        from competences.models import (
            Competence,
            Condition,
            ServiceManagementTask,
        )
        from courses import receivers
        from courses.bench import PagesBenchmark
        from courses.models import FooterSettings
        from lms import bench
        from lms.page_cache import page_cache_clear_on_change

        receivers.connect()
        bench.registry.register(PagesBenchmark())
        # What the cached pages show besides pages (lms/page_cache.py): the
        # footer, and the taxonomy's names on course pages and the catalogue.
        page_cache_clear_on_change(
            FooterSettings, Competence, ServiceManagementTask, Condition
        )
        _dashboard_cache_connect()


def _dashboard_cache_connect() -> None:
    """A learner's cached dashboard (lms.page_cache) follows their records."""
    from courses.models import (
        Completion,
        CourseSession,
        Enrolment,
        LessonProgress,
        QuizAttempt,
        SessionRegistration,
    )
    from lms.page_cache import page_cache_clear_on_change, people_touch_on_change

    for model in (Enrolment, Completion, SessionRegistration):
        people_touch_on_change(model, lambda record: record.person_id)
    for model in (LessonProgress, QuizAttempt):
        people_touch_on_change(model, lambda record: record.enrolment.person_id)
    # A session's time or place is shown to everyone registered.
    page_cache_clear_on_change(CourseSession)
