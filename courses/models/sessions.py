"""Classroom and webinar sessions of a course, and who registered for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CourseSession(models.Model):
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    # Stored in UTC, entered and shown in Europe/Riga (TIME_ZONE).
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    trainer = models.ForeignKey(
        "people.Person",
        verbose_name=_("trainer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions_trained",
    )
    # The institution that organises the session: its coordinators manage it
    # (courses are shared by every institution, sessions are not).
    organiser = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions_organised",
    )
    capacity = models.PositiveIntegerField(_("capacity"))
    registration_deadline = models.DateTimeField(_("registration deadline"))
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at"]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.course} — {local:%d.%m.%Y %H:%M}"

    @property
    def online(self) -> bool:
        return bool(self.online_url)

    def clean(self):
        errors = {}
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("A session needs at least one seat.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if (
            self.registration_deadline
            and self.starts_at
            and self.registration_deadline > self.starts_at
        ):
            errors["registration_deadline"] = _(
                "Registration must close before the session starts."
            )
        if not self.place and not self.online_url:
            errors["place"] = _("Give a place, an online link, or both.")
        if errors:
            raise ValidationError(errors)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class SessionRegistration(models.Model):
    session = models.ForeignKey(
        CourseSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="session_registrations",
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="session_registrations",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Set when a cancellation moved this registration off the waiting list;
    # the e-mail telling the person was sent then.
    promoted_at = models.DateTimeField(_("promoted at"), null=True, blank=True)
    # None: not marked yet; True/False once the trainer or coordinator marks it.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(
        _("attendance marked at"), null=True, blank=True
    )
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendance marked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("session registration")
        verbose_name_plural = _("session registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            # Registering twice is refused by the database as well as the
            # service; a cancelled registration may be followed by a new one.
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=~Q(status="cancelled"),
                name="session_registration_once",
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.session}"
