"""Certificate templates and issued certificates.

A certificate is rendered once, stored privately and never re-rendered: a
re-issue is a new certificate, and the old one stays, marked superseded or
revoked, so that its verification page keeps telling the truth about it.
"""

import re
import string
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin

from lms.languages import site_language

# What a template's text may name, and what each stands for (admin help text).
PLACEHOLDERS = {
    "person": _("the holder's full name"),
    "course": _("the course or curriculum title"),
    "curriculum": _("the same as {course}: the course or curriculum title"),
    "competences": _("the competences the course develops"),
    "completed_on": _("the date of completion"),
    "issued_on": _("the date of issue"),
    "valid_until": _("the expiry date, or 'no expiry'"),
    "code": _("the short verification code"),
    "verification_url": _("the public verification address"),
    "issuer": _("the issuing institution"),
}

colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as #RRGGBB."))


def _fields(text: str) -> list[tuple[str, str, str | None]]:
    """(name, format spec, conversion) of each `{…}` in a text (format syntax,
    as rendered)."""
    try:
        return [
            (name, spec, conversion)
            for _literal, name, spec, conversion in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError as error:
        raise ValidationError(
            _("The text has an unmatched brace: %(error)s") % {"error": error}
        ) from error


def placeholders_in(text: str) -> set[str]:
    """The `{name}` placeholders a text uses."""
    return {name for name, _spec, _conversion in _fields(text)}


def formatted_placeholders_in(text: str) -> set[str]:
    """The placeholders written with a format spec or a conversion
    (`{person:>999999999}`, `{person!r}`): refused, since a width alone can
    make rendering allocate gigabytes, beyond the reach of its time limit."""
    return {name for name, spec, conversion in _fields(text) if spec or conversion}


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("landscape")
    PORTRAIT = "portrait", _("portrait")


class CertificateTemplate(PreviewableMixin, models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    is_default = models.BooleanField(
        _("default template"),
        default=False,
        help_text=_(
            "Used for every course and curriculum that has no template of its "
            "own, so word it to fit both (“completed the training {course}”)."
        ),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificate_templates",
        help_text=_("Leave empty for a template of any course."),
    )
    curriculum = models.ForeignKey(
        "curricula.Curriculum",
        verbose_name=_("curriculum"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificate_templates",
        help_text=_("Or a curriculum: this template is then that curriculum's."),
    )
    issuer = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("issuing institution"),
        on_delete=models.PROTECT,
        related_name="certificate_templates",
        help_text=_("Named on the certificate; its signing key signs the PDF."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a certificate that does not expire."),
    )
    title_lv = models.CharField(_("title (Latvian)"), max_length=160)
    title_en = models.CharField(_("title (English)"), max_length=160)
    body_lv = models.TextField(_("text (Latvian)"))
    body_en = models.TextField(_("text (English)"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=120)
    signatory_title_lv = models.CharField(
        _("signatory's title (Latvian)"), max_length=160
    )
    signatory_title_en = models.CharField(
        _("signatory's title (English)"), max_length=160
    )
    orientation = models.CharField(
        _("orientation"),
        max_length=16,
        choices=Orientation.choices,
        default=Orientation.LANDSCAPE,
    )
    primary_colour = models.CharField(
        _("main colour"), max_length=7, default="#7a1f2b", validators=[colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#1f4e79", validators=[colour]
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("is_default")]),
        FieldRowPanel([FieldPanel("course"), FieldPanel("curriculum")]),
        FieldPanel("issuer"),
        FieldPanel("validity_months"),
        MultiFieldPanel(
            [
                FieldPanel("title_lv"),
                FieldPanel("body_lv"),
                FieldPanel("title_en"),
                FieldPanel("body_en"),
            ],
            heading=_("Text"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("signature"),
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title_lv"),
                FieldPanel("signatory_title_en"),
            ],
            heading=_("Signatory"),
        ),
        FieldRowPanel(
            [
                FieldPanel("orientation"),
                FieldPanel("primary_colour"),
                FieldPanel("accent_colour"),
            ],
            heading=_("Appearance"),
        ),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="certificate_template_one_default",
            ),
            # A template belongs to one course, or to one curriculum, or to
            # neither (then it is the default's kind: any course).
            models.CheckConstraint(
                condition=Q(course__isnull=True) | Q(curriculum__isnull=True),
                name="certificate_template_course_or_curriculum",
                violation_error_message=_(
                    "A template belongs to a course or to a curriculum, not both."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        for field in ("title_lv", "title_en", "body_lv", "body_en"):
            text = getattr(self, field) or ""
            try:
                unknown = placeholders_in(text) - set(PLACEHOLDERS)
            except ValidationError as error:
                errors[field] = error.messages
                continue
            messages = []
            if unknown:
                messages.append(
                    _("Unknown placeholder: %(names)s")
                    % {"names": ", ".join(f"{{{name}}}" for name in sorted(unknown))}
                )
            formatted = formatted_placeholders_in(text)
            if formatted:
                messages.append(
                    _(
                        "Write the placeholder as its name alone, without a format "
                        "or a conversion (nothing after “:” or “!”): %(names)s"
                    )
                    % {"names": ", ".join(f"{{{name}}}" for name in sorted(formatted))}
                )
            if messages:
                errors[field] = messages
        if self.course_id and self.curriculum_id:
            errors["curriculum"] = _(
                "A template belongs to a course or to a curriculum, not both."
            )
        if errors:
            raise ValidationError(errors)

    # The admin's live preview shows the PDF this template gives, with sample
    # data (PreviewableMixin; the view is certificates.views.template_preview),
    # in either language: the preview panel's mode menu switches between them.
    @property
    def preview_modes(self):
        return [("lv", _("Latvian")), ("en", _("English"))]

    @property
    def default_preview_mode(self):
        return site_language(get_language())

    def serve_preview(self, request, mode_name):
        from certificates.rendering import template_preview_response

        return template_preview_response(self, request, language=mode_name)


class CertificateStatus(models.TextChoices):
    ACTIVE = "active", _("valid")
    REVOKED = "revoked", _("revoked")
    SUPERSEDED = "superseded", _("superseded")


def certificate_storage():
    from django.core.files.storage import storages

    return storages["certificates"]


def certificate_path(instance, filename: str) -> str:
    return f"{timezone.now():%Y/%m}/{instance.code}.pdf"


class Certificate(models.Model):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # What the certificate is for: a course's completion or a curriculum's
    # (exactly one of the two, see Meta.constraints).
    completion = models.ForeignKey(
        "courses.Completion",
        verbose_name=_("completion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    curriculum_completion = models.ForeignKey(
        "curricula.CurriculumCompletion",
        verbose_name=_("curriculum completion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # The unguessable code in the verification URL (128 bits), and the short
    # form read out over the phone.
    code = models.CharField(_("verification code"), max_length=40, unique=True)
    short_code = models.CharField(_("short code"), max_length=16, unique=True)
    language = models.CharField(_("language"), max_length=8)
    # What the certificate says, frozen at issue: the PDF and the verification
    # page never disagree, whatever is renamed later.
    holder_name = models.CharField(_("holder's name"), max_length=255)
    title = models.CharField(_("course or curriculum"), max_length=255)
    issuer = models.CharField(_("issuer"), max_length=255)
    completed_on = models.DateField(_("completed on"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CertificateStatus.choices,
        default=CertificateStatus.ACTIVE,
    )
    status_reason = models.TextField(_("reason"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pdf = models.FileField(
        _("PDF"), storage=certificate_storage, upload_to=certificate_path
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    signed = models.BooleanField(_("digitally signed"), default=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            # Exactly one valid certificate per completion, whatever retries,
            # double clicks or concurrent tasks do.
            models.UniqueConstraint(
                fields=["completion"],
                condition=Q(status="active"),
                name="certificate_one_active_per_completion",
            ),
            models.UniqueConstraint(
                fields=["curriculum_completion"],
                condition=Q(status="active"),
                name="certificate_one_active_per_curriculum_completion",
            ),
            models.CheckConstraint(
                condition=Q(
                    completion__isnull=False, curriculum_completion__isnull=True
                )
                | Q(completion__isnull=True, curriculum_completion__isnull=False),
                name="certificate_course_xor_curriculum",
            ),
        ]

    def __str__(self):
        return f"{self.holder_name} — {self.title} ({self.short_code})"

    @property
    def is_curriculum(self) -> bool:
        """A curriculum's certificate (else a course's)."""
        return self.curriculum_completion_id is not None

    @property
    def filename(self) -> str:
        """The PDF's file name (download, ZIP): the holder's name in its own
        letters (Ģirts-Ābeļkalns) and the short code. Only the name's letters
        and digits are kept, so no "/", "\\" or ".." makes it a path in a ZIP."""
        words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", self.holder_name))
        name = "-".join(words)[:80].rstrip("-")
        return f"{name}-{self.short_code}.pdf" if name else f"{self.short_code}.pdf"

    def state_on(self, day) -> str:
        """valid, expired, revoked or superseded on a date."""
        if self.status != CertificateStatus.ACTIVE:
            return self.status
        if self.expires_on is not None and self.expires_on < day:
            return "expired"
        return "valid"


class BatchKind(models.TextChoices):
    ISSUE = "issue", _("issue missing certificates")
    REGENERATE = "regenerate", _("regenerate certificates")
    ZIP = "zip", _("download as ZIP")


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


def batch_path(instance, filename: str) -> str:
    return f"zip/{timezone.now():%Y/%m}/{instance.pk}-{filename}"


class CertificateBatch(models.Model):
    """Bulk work on certificates, run as a background task with progress."""

    kind = models.CharField(_("kind"), max_length=16, choices=BatchKind.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=BatchStatus.choices,
        default=BatchStatus.QUEUED,
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    curriculum = models.ForeignKey(
        "curricula.Curriculum",
        verbose_name=_("curriculum"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    certificate_ids = models.JSONField(_("certificates"), default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    error = models.TextField(_("error"), blank=True)
    archive = models.FileField(
        _("ZIP file"), storage=certificate_storage, upload_to=batch_path, blank=True
    )

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(course__isnull=True) | Q(curriculum__isnull=True),
                name="certificate_batch_course_or_curriculum",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%d.%m.%Y %H:%M})"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
