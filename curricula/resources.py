"""The `assignments` import: one row, one assignment, through assignment_save.

Every rule is the service's (assignment_check, assignment_scope_check); this
module reads the cells, names the row and column of each error, and writes
nothing when any row is wrong.
"""

import datetime

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import Resource, ResponsibleRole, Service
from courses.models import CoursePage
from curricula.models import Assignment, AudienceKind, Curriculum, Provider
from curricula.permissions import assignments_visible_to, can_assign
from curricula.services import assignment_check, assignment_save, assignment_scope_check
from curricula.tasks import sync_later
from lms.imports.importer import Importer
from lms.imports.readers import Table
from lms.imports.report import ColumnSpec, ImportReport, RowError
from people.models import Organisation, Person

COLUMNS = [
    ColumnSpec("curriculum_code", "Mācību plāna kods.", "Curriculum code.", "PLANS-1"),
    ColumnSpec("course_code", "Atsevišķa kursa kods.", "Single course code.", ""),
    ColumnSpec("person_email", "Personas e-pasts.", "Person's e-mail.", ""),
    ColumnSpec(
        "organisation_code", "Organizācijas kods.", "Organisation code.", "90000000001"
    ),
    ColumnSpec(
        "include_units",
        "Ar struktūrvienībām: jā/nē.",
        "Including its units: yes/no.",
        "jā",
    ),
    ColumnSpec("role", "Viena no četrām lomām.", "One of the four roles.", ""),
    ColumnSpec(
        "scope_code",
        "Lomas vieta: iestādes, pakalpojuma vai resursa kods.",
        "Where the role is held: institution, service or resource code.",
        "",
    ),
    ColumnSpec("service_code", "Pakalpojuma kods.", "Service code.", ""),
    ColumnSpec("resource_code", "Resursa kods.", "Resource code.", ""),
    ColumnSpec(
        "provider",
        "internal, external vai any.",
        "internal, external or any.",
        "any",
    ),
    ColumnSpec("due_date", "Termiņš (GGGG-MM-DD).", "Due date (YYYY-MM-DD).", ""),
    ColumnSpec("due_in_days", "Termiņš dienās no iekļaušanas.", "Due in days.", "30"),
]
NAMES = [column.name for column in COLUMNS]
YES = {"1", "yes", "true", "jā", "ja", "y"}
NO = {"", "0", "no", "false", "nē", "ne", "n"}
AUDIENCE_COLUMNS = {
    "person_email": AudienceKind.PEOPLE,
    "organisation_code": AudienceKind.ORGANISATION,
    "role": AudienceKind.ROLE,
    "service_code": AudienceKind.SERVICE,
    "resource_code": AudienceKind.RESOURCE,
}
# The assignment field each check refers to → the file's column.
FIELD_COLUMNS = {
    "curriculum": "curriculum_code",
    "course": "course_code",
    "organisation": "organisation_code",
    "service": "service_code",
    "resource": "resource_code",
    "role": "role",
    "due_date": "due_date",
    "due_in_days": "due_in_days",
}


class RowProblem(Exception):
    def __init__(self, column, message):
        self.column, self.message = column, message


def _lookup(model, column, value, **extra):
    found = model.objects.filter(**extra).first()
    if found is None:
        raise RowProblem(column, _("“%(value)s” was not found.") % {"value": value})
    return found


def _parse(cells: dict) -> tuple[Assignment, list[int]]:
    """An unsaved assignment (and its people) from one row; RowProblem if a
    cell cannot be read."""
    assignment = Assignment()
    curriculum, course = cells["curriculum_code"], cells["course_code"]
    if bool(curriculum) == bool(course):
        raise RowProblem(
            "curriculum_code",
            _("Give exactly one of curriculum_code and course_code."),
        )
    if curriculum:
        assignment.curriculum = _lookup(
            Curriculum, "curriculum_code", curriculum, code=curriculum
        )
    else:
        assignment.course = _lookup(
            CoursePage, "course_code", course, code=course, locale__language_code="lv"
        )
    given = [name for name in AUDIENCE_COLUMNS if cells[name]]
    if len(given) != 1:
        raise RowProblem(
            "person_email",
            _(
                "Give exactly one audience: person_email, organisation_code, "
                "role, service_code or resource_code."
            ),
        )
    kind = AUDIENCE_COLUMNS[given[0]]
    assignment.audience_kind = kind
    people = []
    if kind == AudienceKind.PEOPLE:
        email = cells["person_email"].lower()
        people = [_lookup(Person, "person_email", email, email__iexact=email).pk]
    elif kind == AudienceKind.ORGANISATION:
        code = cells["organisation_code"]
        assignment.organisation = _lookup(
            Organisation, "organisation_code", code, code=code
        )
        flag = cells["include_units"].lower()
        if flag not in YES | NO:
            raise RowProblem("include_units", _("Write yes or no."))
        assignment.include_units = flag in YES or flag == ""
    elif kind == AudienceKind.ROLE:
        if cells["role"] not in ResponsibleRole.values:
            raise RowProblem(
                "role",
                _("Unknown role; use one of: %(roles)s")
                % {"roles": ", ".join(ResponsibleRole.values)},
            )
        assignment.role = cells["role"]
        scope = cells["scope_code"]
        if scope:
            assignment.organisation = Organisation.objects.filter(code=scope).first()
            assignment.service = Service.objects.filter(code=scope).first()
            assignment.resource = Resource.objects.filter(code=scope).first()
            if not (
                assignment.organisation or assignment.service or assignment.resource
            ):
                raise RowProblem(
                    "scope_code", _("“%(value)s” was not found.") % {"value": scope}
                )
    else:
        column = f"{kind}_code"
        model = Service if kind == AudienceKind.SERVICE else Resource
        setattr(
            assignment, kind, _lookup(model, column, cells[column], code=cells[column])
        )
    provider = cells["provider"] or Provider.ANY
    if provider not in Provider.values:
        raise RowProblem("provider", _("Write internal, external or any."))
    assignment.provider = provider
    if cells["due_date"]:
        try:
            assignment.due_date = datetime.date.fromisoformat(cells["due_date"])
        except ValueError:
            raise RowProblem("due_date", _("Write the date as YYYY-MM-DD.")) from None
    if cells["due_in_days"]:
        if not cells["due_in_days"].isdigit():
            raise RowProblem("due_in_days", _("Write a whole number of days."))
        assignment.due_in_days = int(cells["due_in_days"])
    return assignment, people


class AssignmentImporter(Importer):
    name = "assignments"
    label = gettext_lazy("Assignments of curricula and courses")
    help_text = gettext_lazy(
        "One assignment per row: a curriculum or a single course, exactly one "
        "audience, and a due date or a number of days."
    )
    columns = COLUMNS

    def can_import(self, user) -> bool:
        return bool(user and user.is_authenticated and can_assign(user))

    def run(
        self, table: Table, *, dry_run: bool, user=None, progress=None
    ) -> ImportReport:
        report = self.check_headers(table)
        report.dry_run = dry_run
        report.total = len(table.rows)
        if not report.ok:
            return report
        index = {
            name: table.headers.index(name) for name in NAMES if name in table.headers
        }
        today = timezone.localdate()
        parsed = []
        for number, row in zip(table.row_numbers, table.rows, strict=True):
            cells = {
                name: str(
                    row[index[name]] if name in index and index[name] < len(row) else ""
                ).strip()
                for name in NAMES
            }
            try:
                assignment, people = _parse(cells)
                assignment_scope_check(
                    assignment=assignment, actor=user, people_ids=people
                )
            except RowProblem as problem:
                report.errors.append(RowError(number, problem.column, problem.message))
                continue
            except PermissionDenied as denied:
                report.errors.append(RowError(number, "", str(denied)))
                continue
            errors = assignment_check(assignment=assignment, stored=None, today=today)
            for field, message in errors.items():
                report.errors.append(
                    RowError(number, FIELD_COLUMNS.get(field, ""), str(message))
                )
            parsed.append((number, assignment, people))
        if not report.ok:
            return report
        with transaction.atomic():
            for number, assignment, people in parsed:
                try:
                    outcome = assignment_save(
                        assignment=assignment,
                        actor=user,
                        people_ids=people,
                        today=today,
                    )
                except ValidationError as error:
                    for field, messages in error.message_dict.items():
                        for message in messages:
                            report.errors.append(
                                RowError(number, FIELD_COLUMNS.get(field, ""), message)
                            )
                    continue
                sync_later(outcome)
                report.warnings += [
                    _("row %(row)d: %(message)s") % {"row": number, "message": warning}
                    for warning in outcome.warnings
                ]
                report.new += 1
            if dry_run or not report.ok:
                transaction.set_rollback(True)
        return report

    def export(self, user=None) -> tablib.Dataset:
        dataset = tablib.Dataset(headers=NAMES)
        assignments = Assignment.objects.select_related(
            "curriculum", "course", "organisation", "service", "resource"
        ).prefetch_related("people")
        if user is not None:
            assignments = assignments_visible_to(user, assignments)
        for assignment in assignments:
            scope = assignment.organisation or assignment.service or assignment.resource
            emails = [person.email for person in assignment.people.all()] or [""]
            for email in emails:
                kind = assignment.audience_kind
                dataset.append(
                    [
                        assignment.curriculum.code if assignment.curriculum_id else "",
                        assignment.course.code if assignment.course_id else "",
                        email,
                        assignment.organisation.code
                        if kind == AudienceKind.ORGANISATION
                        else "",
                        ("yes" if assignment.include_units else "no")
                        if kind == AudienceKind.ORGANISATION
                        else "",
                        assignment.role,
                        scope.code if kind == AudienceKind.ROLE and scope else "",
                        assignment.service.code if kind == AudienceKind.SERVICE else "",
                        assignment.resource.code
                        if kind == AudienceKind.RESOURCE
                        else "",
                        assignment.provider,
                        assignment.due_date.isoformat() if assignment.due_date else "",
                        assignment.due_in_days
                        if assignment.due_in_days is not None
                        else "",
                    ]
                )
        return dataset
