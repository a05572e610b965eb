from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from lms.models import BilingualNameMixin


class RegisterEntry(index.Indexed, BilingualNameMixin):
    """Common shape of services and resources: both come from a state register."""

    code = models.CharField(
        _("register code"),
        max_length=64,
        unique=True,
        help_text=_("Code in the state Services or Resources register."),
    )
    # organisation.services / .resources, person.managed_services / ...
    owner = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("owner institution"),
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )
    # Who manages a service or resource is a RoleAssignment (service_manager,
    # resource_manager), the single source: there is no manager column here,
    # so the two can never disagree (migration 0005 moved the old column).

    panels = [
        FieldPanel("code"),
        FieldPanel("name_lv"),
        FieldPanel("name_en"),
        FieldPanel("owner"),
    ]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("name_lv"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_lv"),
        index.AutocompleteField("name_en"),
        index.AutocompleteField("code"),
        # Scoped admin searches filter on these (catalogue.permissions).
        index.FilterField("id"),
        index.FilterField("owner_id"),
    ]

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    # The role a person holds at this entry to manage it (set by each model).
    manager_role = ""

    @property
    def managers(self) -> list:
        """The people holding this entry's manager role (derived, read-only).

        Listings prefetch them (`catalogue.selectors.service_list`) into
        `manager_assignments`; elsewhere this reads the role assignments.
        """
        assignments = getattr(self, "manager_assignments", None)
        if assignments is None:
            assignments = self.role_assignments.filter(
                role=self.manager_role
            ).select_related("person")
        return [assignment.person for assignment in assignments]

    @property
    def manager_names(self) -> str:
        return ", ".join(str(person) for person in self.managers)

    manager_names.fget.short_description = _("managers")

    @property
    def manager_emails(self) -> str:
        return ", ".join(person.email for person in self.managers)


class Service(RegisterEntry):
    manager_role = "service_manager"

    class Meta(RegisterEntry.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")


class Resource(RegisterEntry):
    manager_role = "resource_manager"

    class Meta(RegisterEntry.Meta):
        verbose_name = _("resource")
        verbose_name_plural = _("resources")


class Relation(models.TextChoices):
    INTERNAL = "internal", _("Internal staff")
    EXTERNAL = "external", _("External partner")


class Involvement(models.Model):
    """A person delivers a service or uses a resource, for a period.

    `relation` is derived from the person's organisation against the owner
    (see services.involvement_relation) and stored so reports can group on it
    in SQL.
    """

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="involvements",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="involvements",
    )
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="involvements",
    )
    relation = models.CharField(
        _("relation"), max_length=16, choices=Relation.choices, db_index=True
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    panels = [
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("service"), FieldPanel("resource")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(service__isnull=False, resource__isnull=True)
                    | Q(service__isnull=True, resource__isnull=False)
                ),
                name="involvement_service_xor_resource",
                violation_error_message=_(
                    "Choose either a service or a resource, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="involvement_end_after_start",
                violation_error_message=_("The end date is before the start date."),
            ),
            models.UniqueConstraint(
                fields=["person", "service", "start_date"],
                condition=Q(service__isnull=False),
                name="involvement_unique_service_period",
                violation_error_message=_(
                    "This person's involvement in this service from this date "
                    "is already recorded."
                ),
            ),
            models.UniqueConstraint(
                fields=["person", "resource", "start_date"],
                condition=Q(resource__isnull=False),
                name="involvement_unique_resource_period",
                violation_error_message=_(
                    "This person's use of this resource from this date is "
                    "already recorded."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.service or self.resource}"

    @property
    def target(self):
        return self.service or self.resource


class ResponsibleRole(models.TextChoices):
    SERVICE_PORTFOLIO_MANAGER = (
        "service_portfolio_manager",
        _("Service portfolio manager"),
    )
    SERVICE_MANAGER = "service_manager", _("Service manager")
    RESOURCE_PORTFOLIO_MANAGER = (
        "resource_portfolio_manager",
        _("Resource portfolio manager"),
    )
    RESOURCE_MANAGER = "resource_manager", _("Resource manager")


# Which scope each role is held at: an institution, a service or a resource.
ROLE_SCOPE_FIELD = {
    ResponsibleRole.SERVICE_PORTFOLIO_MANAGER: "organisation",
    ResponsibleRole.RESOURCE_PORTFOLIO_MANAGER: "organisation",
    ResponsibleRole.SERVICE_MANAGER: "service",
    ResponsibleRole.RESOURCE_MANAGER: "resource",
}


def _scope_condition(role: str, field: str) -> Q:
    others = {"organisation", "service", "resource"} - {field}
    return Q(role=role, **{f"{field}__isnull": False}) & Q(
        **{f"{other}__isnull": True for other in others}
    )


class RoleAssignment(models.Model):
    """One of the card's four responsible roles, held by a person at its scope."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=32, choices=ResponsibleRole.choices)
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("service"),
        FieldPanel("resource"),
    ]

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["role", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    _scope_condition(
                        ResponsibleRole.SERVICE_PORTFOLIO_MANAGER, "organisation"
                    )
                    | _scope_condition(
                        ResponsibleRole.RESOURCE_PORTFOLIO_MANAGER, "organisation"
                    )
                    | _scope_condition(ResponsibleRole.SERVICE_MANAGER, "service")
                    | _scope_condition(ResponsibleRole.RESOURCE_MANAGER, "resource")
                ),
                name="role_assignment_scope_matches_role",
                violation_error_message=_(
                    "Portfolio managers are assigned to an institution, a service "
                    "manager to a service and a resource manager to a resource."
                ),
            ),
            *(
                models.UniqueConstraint(
                    fields=["person", "role", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"role_assignment_unique_{field}",
                    violation_error_message=_(
                        "This person already holds this role here."
                    ),
                )
                for field in ("organisation", "service", "resource")
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person} ({self.scope})"

    @property
    def scope(self):
        return self.organisation or self.service or self.resource

    # The admin listing's column heading (without it Wagtail prints "Scope").
    scope.fget.short_description = _("Scope")
