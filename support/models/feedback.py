"""Feedback: a rating (1–5) and a comment on an answered consultation, a
material or a completed course; one per person per thing."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TARGETS = ("consultation", "material", "course")


class Feedback(models.Model):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    consultation = models.ForeignKey(
        "support.Consultation",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    # The material in the default language: feedback given on a translation is
    # recorded against the Latvian original, so that each material has one
    # set of ratings.
    material = models.ForeignKey(
        "courses.MaterialPage",
        verbose_name=_("material"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    # A course the person completed (courses.Completion), in the default
    # language as well.
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_1_to_5",
                violation_error_message=_("The rating is from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(
                    consultation__isnull=False,
                    material__isnull=True,
                    course__isnull=True,
                )
                | Q(
                    consultation__isnull=True,
                    material__isnull=False,
                    course__isnull=True,
                )
                | Q(
                    consultation__isnull=True,
                    material__isnull=True,
                    course__isnull=False,
                ),
                name="feedback_one_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=["person", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"feedback_once_per_{target}",
                    violation_error_message=_(
                        "You have already given feedback on this."
                    ),
                )
                for target in TARGETS
            ),
        ]

    def __str__(self):
        return f"{self.rating}/5 · {self.target}"

    @property
    def target(self):
        return self.consultation or self.material or self.course
