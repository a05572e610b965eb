from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from courses.forms import SearchForm
from courses.permissions import own_records
from courses.search import page_search
from courses.selectors import course_outlines, enrolment_current, lesson_course
from people.selectors import person_for_user

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


"""The learner's side of course, lesson and quiz pages.

The pages' `serve` and `get_context` hand over to these functions. They only
read the request, call a selector, a permission or a service, and render:
the rules live in courses/services/ and courses/permissions.py.
"""


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def learner_context(request, course) -> dict:
    """What a course, lesson or quiz page shows the signed-in learner."""
    person = person_for_user(user=request.user)
    enrolment = None
    if person is not None:
        enrolment = enrolment_current(person=person, course=course)
    outline = course_outlines([(course, enrolment)])[0]
    return {"person": person, "enrolment": enrolment, "outline": outline}


def course_context(page, request) -> dict:
    """The course page's learner part: enrolment, outline, refusal reason."""
    from courses.services import enrolment_check

    context = learner_context(request, page)
    context["prerequisites"] = list(page.prerequisites.all())
    refusal = None
    if context["enrolment"] is None:
        if not page.self_enrolment:
            refusal = _(
                "This course does not allow self-enrolment. Ask your coordinator."
            )
        elif context["person"] is not None:
            try:
                enrolment_check(person=context["person"], course=page)
            except ValidationError as error:
                refusal = _error_text(error)
    context["refusal"] = refusal
    return context


def course_serve(page, request):
    """POST: enrol the signed-in learner (self-enrolment)."""
    from courses.services import enrolment_create

    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    person = person_for_user(user=request.user)
    if person is None:
        raise PermissionDenied
    try:
        enrolment_create(actor=request.user, person=person, course=page)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("You are enrolled. Begin with the first lesson."))
    return redirect(page.url)


def _sibling(outline, page, step: int):
    keys = [item.page.pk for item in outline.items]
    if page.pk not in keys:
        return None
    index = keys.index(page.pk) + step
    return outline.items[index] if 0 <= index < len(keys) else None


def lesson_context(page, request) -> dict:
    """The lesson page's learner part: course, progress, previous and next."""
    course = lesson_course(lesson=page, request=request)
    context = learner_context(request, course)
    context["course"] = course
    outline = context["outline"]
    context["previous"] = _sibling(outline, page, -1)
    context["next"] = _sibling(outline, page, 1)
    context["position"] = next(
        (n for n, item in enumerate(outline.items, 1) if item.page.pk == page.pk), None
    )
    context["is_done"] = any(
        item.done for item in outline.items if item.page.pk == page.pk
    )
    return context


def lesson_serve(page, request):
    """POST "mark as done": records the lesson for the learner's own
    enrolment, then goes on to the next lesson (or the quiz, or the course)."""
    from courses.services import lesson_progress_record

    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    course = page.get_parent().specific
    person = person_for_user(user=request.user)
    enrolment = person and enrolment_current(person=person, course=course)
    if not enrolment:
        messages.error(request, _("Enrol in the course to record your progress."))
        return redirect(course.url)
    try:
        lesson_progress_record(enrolment=enrolment, lesson=page, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(page.url)
    outline = course_outlines([(course, enrolment)])[0]
    following = _sibling(outline, page, 1)
    return redirect(following.page.url if following else course.url)


def quiz_serve(page, request, *args, attempt_id=None, **kwargs):
    """The quiz form (GET), its submission (POST) and an attempt's result."""
    from courses.models import QuizAttempt
    from courses.services import attempt_submit, quiz_sheet

    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    course = page.get_parent().specific
    context = page.get_context(request)
    context["course"] = course
    context.update(learner_context(request, course))
    enrolment = context["enrolment"]
    if attempt_id is not None:
        # Another person's attempt is not even acknowledged to exist.
        attempt = (
            own_records(request.user, QuizAttempt.objects.all(), "enrolment__person")
            .select_related("revision", "enrolment")
            .filter(pk=attempt_id, quiz__translation_key=page.translation_key)
            .first()
        )
        if attempt is None:
            raise Http404
        context.update(_result_context(page, attempt))
        return TemplateResponse(request, "courses/quiz_result.html", context)
    if enrolment is None:
        messages.error(request, _("Enrol in the course to take its quiz."))
        return redirect(course.url)
    attempts = list(QuizAttempt.objects.filter(enrolment=enrolment))
    context["attempts"] = attempts
    context["attempts_left"] = (
        max(page.attempt_limit - len(attempts), 0) if page.attempt_limit else None
    )
    if request.method == "POST":
        answers = {
            key[2:]: request.POST.getlist(key)
            for key in request.POST
            if key.startswith("q-")
        }
        try:
            attempt = attempt_submit(
                enrolment=enrolment,
                quiz=page,
                answers=answers,
                actor=request.user,
                token=request.POST.get("token") or None,
            )
        except ValidationError as error:
            context["error"] = _error_text(error)
            context["chosen"] = {key: set(values) for key, values in answers.items()}
        else:
            return redirect(f"{page.url}attempt/{attempt.pk}/")
    questions = quiz_sheet(quiz=page, enrolment=enrolment)
    chosen = context.pop("chosen", {})
    for question in questions:
        for option in question["options"]:
            option["checked"] = option["id"] in chosen.get(question["id"], ())
    context["questions"] = questions
    context["token"] = request.POST.get("token") or _new_token()
    return TemplateResponse(
        request,
        page.get_template(request),
        context,
        status=400 if "error" in context else 200,
    )


def _new_token() -> str:
    import uuid

    return str(uuid.uuid4())


def _result_context(page, attempt) -> dict:
    # The questions as they were when the attempt was taken (its revision).
    quiz = attempt.revision.as_object() if attempt.revision else page
    questions = quiz.question_list()
    wrong = set(attempt.wrong_questions)
    rows = [
        {
            "text": question["text"],
            "wrong": question["id"] in wrong,
            "chosen": [
                option["text"]
                for option in question["options"]
                if option["id"] in attempt.answers.get(question["id"], [])
            ],
        }
        for question in questions
    ]
    return {
        "attempt": attempt,
        "rows": rows,
        "show_wrong": page.show_wrong_answers,
        "wrong_count": len(wrong),
    }
