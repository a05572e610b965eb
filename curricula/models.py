"""Curricula (learning plans), their assignments to audiences, and notices.

A curriculum belongs to the institution whose coordinator made it, and so does
an assignment: coordinators and managers see their institution's (see
curricula/permissions.py). An assignment's audience is a rule, not a list: the
members follow the rule as people come and go (curricula/services/sync.py),
and each member keeps its own entry date, due date and round.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from catalogue.models import Relation, ResponsibleRole
from lms.languages import is_english_active
from lms.models import BilingualNameMixin


class Curriculum(index.Indexed, BilingualNameMixin, ClusterableModel):
    """An ordered list of courses that an audience must complete, and of
    materials it must acknowledge, maybe again every `recurrence_months`
    months."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    owner = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("owner institution"),
        on_delete=models.PROTECT,
        related_name="curricula",
        # Filled in by curriculum_save: the editor's own institution.
        blank=True,
        help_text=_("Empty: your institution."),
    )
    description_lv = models.TextField(_("description (Latvian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    audience_lv = models.TextField(_("intended audience (Latvian)"), blank=True)
    audience_en = models.TextField(_("intended audience (English)"), blank=True)
    recurrence_months = models.PositiveSmallIntegerField(
        _("required again every (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: completing it once is enough."),
    )
    recertification_window_days = models.PositiveSmallIntegerField(
        _("recertification window (days)"),
        null=True,
        blank=True,
        help_text=_(
            "The next round opens this many days before its due date (default 30)."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("owner")]),
        FieldPanel("name_lv"),
        FieldPanel("name_en"),
        MultiFieldPanel(
            [
                FieldPanel("description_lv"),
                FieldPanel("description_en"),
                FieldPanel("audience_lv"),
                FieldPanel("audience_en"),
            ],
            heading=_("Description"),
        ),
        FieldRowPanel(
            [FieldPanel("recurrence_months"), FieldPanel("recertification_window_days")]
        ),
        InlinePanel("items", heading=_("Courses"), label=_("Course"), min_num=1),
        InlinePanel(
            "materials", heading=_("Materials to acknowledge"), label=_("Material")
        ),
    ]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("name_lv"),
        index.SearchField("name_en"),
        index.AutocompleteField("code"),
        index.AutocompleteField("name_lv"),
        index.FilterField("id"),
        index.FilterField("owner_id"),
    ]

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def description(self) -> str:
        if is_english_active() and self.description_en:
            return self.description_en
        return self.description_lv


class CurriculumCourse(Orderable):
    """One course of a curriculum, in the editor's order.

    SET_NULL: a deleted course leaves a hole that refuses the next assignment
    (curriculum_check) instead of silently shrinking the plan.
    """

    curriculum = ParentalKey(Curriculum, on_delete=models.CASCADE, related_name="items")
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # A plain list of courses rather than the page chooser: a plan picks from
    # a short catalogue, and the list reads better in both languages.
    panels = [FieldPanel("course", widget=forms.Select)]

    class Meta(Orderable.Meta):
        verbose_name = _("curriculum course")
        verbose_name_plural = _("curriculum courses")
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum", "course"],
                name="curriculum_course_once",
                violation_error_message=_("This course is already in the plan."),
            )
        ]

    def __str__(self):
        return str(self.course) if self.course_id else "—"


class CurriculumMaterial(Orderable):
    """A material the curriculum's audience must acknowledge (its current
    version), in the editor's order.

    SET_NULL, as for courses: a deleted material leaves a hole that refuses
    the next assignment (curriculum_materials_check).
    """

    curriculum = ParentalKey(
        Curriculum, on_delete=models.CASCADE, related_name="materials"
    )
    material = models.ForeignKey(
        "courses.MaterialPage",
        verbose_name=_("material"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("material", widget=forms.Select)]

    class Meta(Orderable.Meta):
        verbose_name = _("curriculum material")
        verbose_name_plural = _("curriculum materials")
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum", "material"],
                name="curriculum_material_once",
                violation_error_message=_("This material is already in the plan."),
            )
        ]

    def __str__(self):
        return str(self.material) if self.material_id else "—"


class AudienceKind(models.TextChoices):
    PEOPLE = "people", _("Individual people")
    ORGANISATION = "organisation", _("An organisation")
    ROLE = "role", _("Holders of a responsible role")
    SERVICE = "service", _("Everyone involved in a service")
    RESOURCE = "resource", _("Everyone involved in a resource")


class Provider(models.TextChoices):
    ANY = "any", _("Internal staff and external partners")
    INTERNAL = Relation.INTERNAL.value, _("Internal staff only")
    EXTERNAL = Relation.EXTERNAL.value, _("External partners only")


class AssignmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Assignment(models.Model):
    """A curriculum or a single course, assigned to an audience, due by a date.

    Exactly one of `curriculum` and `course`; the audience fields used are
    those of `audience_kind` (assignment_check says which are needed).
    """

    owner = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("owner institution"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    curriculum = models.ForeignKey(
        Curriculum,
        verbose_name=_("curriculum"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("single course"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    audience_kind = models.CharField(
        _("audience"), max_length=16, choices=AudienceKind.choices
    )
    people = models.ManyToManyField(
        "people.Person", verbose_name=_("people"), blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    include_units = models.BooleanField(_("including its units"), default=True)
    role = models.CharField(
        _("role"), max_length=32, choices=ResponsibleRole.choices, blank=True
    )
    service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resource = models.ForeignKey(
        "catalogue.Resource",
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    provider = models.CharField(
        _("internal or external"),
        max_length=16,
        choices=Provider.choices,
        default=Provider.ANY,
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_in_days = models.PositiveSmallIntegerField(
        _("due within (days of joining)"), null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ACTIVE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    synced_at = models.DateTimeField(_("last synchronised"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("curriculum"), FieldPanel("course")]),
        FieldPanel("audience_kind"),
        FieldPanel("people"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("include_units")]),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("service"), FieldPanel("resource")]),
        FieldPanel("provider"),
        FieldRowPanel([FieldPanel("due_date"), FieldPanel("due_in_days")]),
        FieldPanel("status"),
    ]

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(curriculum__isnull=False, course__isnull=True)
                | Q(curriculum__isnull=True, course__isnull=False),
                name="assignment_curriculum_xor_course",
                violation_error_message=_(
                    "Choose either a curriculum or a single course."
                ),
            ),
        ]

    def __str__(self):
        what = self.curriculum or self.course
        return f"{what} → {self.get_audience_kind_display()}"

    @property
    def subject_code(self) -> str:
        if self.curriculum_id:
            return self.curriculum.code
        return getattr(self.course, "code", "")


class MemberStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    OVERDUE = "overdue", _("Overdue")
    LEFT = "left", _("Left the audience")


class AssignmentMember(models.Model):
    """One person in an assignment's audience, from `entered_on` until `left_on`.

    A person who leaves keeps the row (history); rejoining opens a new one.
    `round` counts recurrences: round n is due on `due_on`.
    """

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="assignment_memberships",
    )
    entered_on = models.DateField(_("entered the audience on"))
    left_on = models.DateField(_("left the audience on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    round_started_on = models.DateField(_("round started on"))

    class Meta:
        verbose_name = _("assignment member")
        verbose_name_plural = _("assignment members")
        ordering = ["assignment", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "person"],
                condition=Q(left_on__isnull=True),
                name="assignment_member_open_once",
            )
        ]
        indexes = [models.Index(fields=["assignment", "left_on"])]

    def __str__(self):
        return f"{self.person} — {self.assignment}"


class CurriculumCompletion(models.Model):
    """That a member completed every item of the curriculum in one round.

    Recorded once per member and round (the unique constraint) by
    `curricula.services.curriculum_completion_evaluate`, which then sends
    `curricula.signals.curriculum_completed`. A person in two open assignments
    of the same curriculum has two memberships, and so may have a completion
    in each: each assignment keeps its own record. A single-course assignment
    gets none (the course's own Completion is its record).
    """

    member = models.ForeignKey(
        AssignmentMember,
        verbose_name=_("assignment member"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    # Denormalised from the member, so that certificates and reports need no
    # join to know whose completion of which plan this is.
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="curriculum_completions",
    )
    curriculum = models.ForeignKey(
        Curriculum,
        verbose_name=_("curriculum"),
        on_delete=models.PROTECT,
        related_name="completions",
    )
    round = models.PositiveSmallIntegerField(_("round"))
    completed_on = models.DateField(_("completed on"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("curriculum completion")
        verbose_name_plural = _("curriculum completions")
        ordering = ["-completed_on", "-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "round"], name="curriculum_completion_once"
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.curriculum} ({self.completed_on})"


# The notices live in their own module to keep this one readable.
from curricula.models_notices import Notification, NotificationKind  # noqa: E402

__all__ = [
    "Assignment",
    "AssignmentMember",
    "AssignmentStatus",
    "AudienceKind",
    "Curriculum",
    "CurriculumCompletion",
    "CurriculumCourse",
    "CurriculumMaterial",
    "MemberStatus",
    "Notification",
    "NotificationKind",
    "Provider",
]
