import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.languages import is_english_active


class BilingualNameMixin(models.Model):
    """A record named in Latvian (official) and English.

    `name` follows the active language and falls back to Latvian, because the
    Latvian name is the official one and the English may not yet be filled in.
    """

    name_lv = models.CharField(_("name (Latvian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        if is_english_active() and self.name_en:
            return self.name_en
        return self.name_lv

    # The admin listings' column heading (without it Wagtail prints "Name").
    name.fget.short_description = pgettext_lazy("organisation, service", "Name")


# The only file types an import accepts; anything else is refused before it is
# stored, so the private storage never holds HTML, scripts or executables.
IMPORT_FILE_EXTENSIONS = (".xlsx", ".csv")


def import_storage():
    """Uploaded import files live in the private storage, outside MEDIA_ROOT."""
    return storages["imports"]


def import_file_path(instance, filename: str) -> str:
    """A random name: the uploader's name is kept only in `file_name`."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in IMPORT_FILE_EXTENSIONS:
        suffix = ".bin"  # unreachable through the services; never a served type
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class ImportJob(models.Model):
    """One import: who, when, which file and importer, and how it went.

    It carries the uploaded file between the preview and the confirmation, and
    the report (counts and every error) that both screens show.
    """

    class Status(models.TextChoices):
        PREVIEWING = "previewing", _("Checking")
        PREVIEWED = "previewed", _("Checked")
        RUNNING = "running", _("Importing")
        SUCCEEDED = "succeeded", _("Imported")
        FAILED = "failed", _("Failed")

    importer = models.CharField(_("data"), max_length=64)
    file = models.FileField(
        _("file"),
        upload_to=import_file_path,
        storage=import_storage,
        max_length=255,
        blank=True,
    )
    file_name = models.CharField(_("file name"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # When the current check or import was handed over (inline or to the
    # worker); a job silent for IMPORT_JOB_TIMEOUT_MINUTES after it has died.
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    file_pruned_at = models.DateTimeField(
        _("file deleted at"), null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PREVIEWING
    )
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    new_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    skipped_count = models.PositiveIntegerField(_("unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.importer}: {self.file_name}"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.PREVIEWING, self.Status.RUNNING)

    @property
    def has_file(self) -> bool:
        return bool(self.file) and self.file_pruned_at is None

    @property
    def can_confirm(self) -> bool:
        return (
            self.status == self.Status.PREVIEWED
            and self.error_count == 0
            and self.total_rows > 0
            and self.has_file
        )
