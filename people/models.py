import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from lms.models import BilingualNameMixin


def normalise_email(value: str | None) -> str:
    """The one form of an e-mail used to find an account and to count failed logins.

    Accounts and people store e-mails lower-cased, and login matches them in any
    letter case; django-axes must count `LAURA@…` and `laura@…` as one login.
    """
    return (value or "").strip().lower()


class UserManager(BaseUserManager):
    """Accounts are identified by e-mail; it is stored lower-cased."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(_("An e-mail address is required."))
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email


class OrganisationKind(models.TextChoices):
    STATE_INSTITUTION = "state_institution", _("State institution")
    UNIT = "unit", _("Unit of an institution")
    MUNICIPALITY = "municipality", _("Municipality")
    COMPETENCE_CENTRE = "competence_centre", _("Competence centre")
    ENTERPRISE = "enterprise", _("Enterprise")
    NGO = "ngo", _("NGO")
    NATURAL_PERSON = "natural_person", _("Natural person")


class Organisation(index.Indexed, BilingualNameMixin):
    """An institution, a unit of one, or an external partner.

    `parent` gives the ministry → sector → institution → unit hierarchy. A
    person in a unit works for the unit's institution: a manager's scope is
    that institution and everything below it (see people.permissions).
    """

    code = models.CharField(
        _("registration code"),
        max_length=32,
        unique=True,
        help_text=_("Registration number in the Register of Enterprises or similar."),
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=OrganisationKind.choices, db_index=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The institution whose coordinator recorded this partner; it keeps seeing
    # it before any involvement links the two.
    registered_by = models.ForeignKey(
        "self",
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
        FieldPanel("name_lv"),
        FieldPanel("name_en"),
        FieldPanel("parent"),
    ]
    search_fields = [
        index.SearchField("name_lv"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_lv"),
        index.AutocompleteField("name_en"),
        index.AutocompleteField("code"),
        index.FilterField("kind"),
        index.SearchField("code"),
        # Scoped admin searches filter on these (people.permissions).
        index.FilterField("id"),
        index.FilterField("registered_by_id"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_lv"]

    def __str__(self):
        return self.name

    @property
    def is_partner_kind(self) -> bool:
        """Enterprises, NGOs and natural persons are always external partners."""
        return self.kind in {
            OrganisationKind.ENTERPRISE,
            OrganisationKind.NGO,
            OrganisationKind.NATURAL_PERSON,
        }


class Person(index.Indexed, models.Model):
    """Anyone involved in delivering services: staff or a partner's people.

    A person exists before (and without) an account; an invitation links one.
    """

    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # The institution whose coordinator recorded this person (see Organisation).
    registered_by = models.ForeignKey(
        Organisation,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldPanel("email"),
        FieldPanel("organisation"),
        FieldPanel("job_title"),
        FieldPanel("language"),
    ]
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.SearchField("email"),
        # The admin's listing search matches as you type on these.
        index.AutocompleteField("first_name"),
        index.AutocompleteField("last_name"),
        index.AutocompleteField("email"),
        # Scoped admin searches filter on these (people.permissions).
        index.FilterField("id"),
        index.FilterField("organisation_id"),
        index.FilterField("registered_by_id"),
        index.FilterField("user_id"),
    ]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="person_email_ci_unique",
                violation_error_message=_("A person with this e-mail already exists."),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    # The admin listing's column heading.
    full_name.fget.short_description = _("Name")

    @property
    def has_account(self) -> bool:
        return self.user_id is not None

    def clean(self):
        super().clean()
        if self.email:
            self.email = self.email.strip().lower()


class Invitation(models.Model):
    """A one-time link through which a person sets the password of a new account.

    Only a hash of the token is stored, so a database leak does not leak links.
    An invitation is bound to the person and to the e-mail it was sent to.
    """

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    # The address the link was mailed to. The link works only while the person
    # still has this e-mail: a link must never open an account for another one.
    email = models.EmailField(_("sent to"), max_length=254, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.person)

    @staticmethod
    def hash_token(token: str) -> str:
        """What is stored for a link's token: its SHA-256, never the token."""
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def matches_person_email(self) -> bool:
        """Whether the person still has the e-mail this invitation was sent to."""
        return bool(self.email) and normalise_email(self.email) == normalise_email(
            self.person.email
        )
