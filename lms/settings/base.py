"""Settings shared by every environment.

Secrets and connection strings come only from the environment; the defaults here
are safe for a developer's machine and are overridden in production.py.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LMS_VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so that their templates override the libraries' ones.
    "lms",
    "people",
    "catalogue",
    "competences",
    "courses",
    "support",
    "curricula",
    "certificates",
    # Editors translate pages with wagtail-localize (Translate action, synced
    # translations, PO export for translators).
    "wagtail_localize",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "import_export",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "whitenoise.runserver_nostatic",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes must be last: it turns locked-out login attempts into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------
# With no DATABASE_URL the embedded SQLite under var/ is used; a postgres:// URL
# switches to PostgreSQL (and to Wagtail's PostgreSQL search backend below).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if USING_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
else:
    # SQLite serialises writers; a busy timeout lets the web process and the task
    # worker share the file without "database is locked" errors.
    # IMMEDIATE takes the write lock when a transaction begins, so two writers
    # never deadlock on a lock upgrade; WAL lets readers (page views, the
    # import's check) run while a writer commits. Imports write in short
    # batches on SQLite (lms/imports/importer.py), so a login waits at most the
    # length of one batch, well inside the busy timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "people.backends.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Learners land on their dashboard (people/views.py, DashboardView).
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# How long an invitation link stays valid.
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Failures are counted on the e-mail as login matches it (trimmed, any case).
AXES_USERNAME_CALLABLE = "people.backends.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "people/lockout.html"

# --- Languages ------------------------------------------------------------------
LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", "Latviešu"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Riga"
WAGTAIL_I18N_ENABLED = True
# The admin names content languages in the admin's language ("Publicēt valodā:
# angļu" on a Latvian screen); LANGUAGES keeps each language's own name for the
# public switcher.
WAGTAIL_CONTENT_LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_USER_TIME_ZONES = ["Europe/Riga"]
# Django's English formats use the US order (01/02/2024); lms/formats/en puts
# English dates in the European order and ISO instead.
FORMAT_MODULE_PATH = ["lms.formats"]

# --- Static and media -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise expects the directory to exist even before collectstatic runs.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files that must never be served by URL (uploaded import files): outside
# MEDIA_ROOT, read only through permission-checked views.
PRIVATE_STORAGE_ROOT = Path(os.environ.get("PRIVATE_STORAGE_ROOT", VAR_DIR / "private"))


def storages_for(private_root: Path) -> dict:
    """STORAGES with the private "imports", "evidence" and "consultations"
    storages."""
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            # Nothing serves this directory; the files are read only by
            # lms.imports.views.ImportJobFileView.
            "OPTIONS": {"location": str(private_root / "imports")},
        },
        # Evidence of recognised competences (certificates naming people):
        # private as well, never served from MEDIA_URL.
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(private_root / "evidence")},
        },
        # Issued certificate PDFs: served only by certificates' download view.
        "certificates": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(private_root / "certificates")},
        },
        # Attachments of consultations (people's questions about their cases):
        # read only through support.views.ConsultationAttachmentView.
        "consultations": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(private_root / "consultations")},
        },
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        },
    }


STORAGES = storages_for(PRIVATE_STORAGE_ROOT)

# --- Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Methodological support for public services")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    # The database backend picks PostgreSQL full-text search on PostgreSQL and a
    # plain fallback on SQLite.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx", "txt"]
# Documents go through Wagtail's view, which checks collection privacy and
# sends them as attachments; never straight from MEDIA_ROOT/documents.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
# Wagtail's login form leaves the password label untranslatable.
WAGTAILADMIN_USER_LOGIN_FORM = "lms.forms.AdminLoginForm"
# No avatars from third-party servers: the network is closed and CSP forbids it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Slugs are ASCII: Latvian letters are transliterated (ā→a, š→s) both by the
# admin's automatic slug and by server-side slugify, so URLs stay readable.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- E-mail ---------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lms@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who is alerted to security events, e.g. an invitation refused because its
# e-mail belongs to an existing account (comma-separated e-mails).
ADMINS = [
    (address.strip(), address.strip())
    for address in os.environ.get("ADMINS", "").split(",")
    if address.strip()
]

# --- Background tasks -----------------------------------------------------------
# The database backend and its worker (`manage.py db_worker`) are the default.
# TASKS_BACKEND=rq moves the same tasks onto Redis with no code change.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_rq.RQBackend",
            "QUEUES": ["default"],
        }
    }
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
else:
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default"],
        }
    }

# --- Cache ---------------------------------------------------------------------
# Shared by the web process and the task worker (import progress lives here):
# files under var/ by default, Redis when the RQ backend is in use.
if TASKS_BACKEND == "rq":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Each process's own memory for what public pages show that does not change per
# request (lms/page_cache.py); a generation stamp in "default" invalidates it in
# every process at once.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "lms-pages",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
# Each learner's own dashboard, apart, so that many learners never push the
# public pages' entries out (about 20 kB each).
CACHES["people"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "lms-people",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# --- Imports --------------------------------------------------------------------
IMPORT_INLINE_MAX_ROWS = int(os.environ.get("IMPORT_INLINE_MAX_ROWS", "2000"))
IMPORT_MAX_FILE_BYTES = 20 * 1024 * 1024
# Evidence of a recognised competence (a scanned certificate, a PDF).
COMPETENCE_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Attachments of a consultation: each file, and how many.
CONSULTATION_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
CONSULTATION_ATTACHMENTS_MAX = 3
# An .xlsx is a zip: refuse one that declares more than this uncompressed.
IMPORT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# Counted while the file is streamed; a larger file is refused before any work.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "200000"))
# The widest header row read; every row is padded to the header's width.
IMPORT_MAX_COLUMNS = 100
# A check or import with no sign of life for this long is marked failed (its
# worker died) and can be retried.
IMPORT_JOB_TIMEOUT_MINUTES = int(os.environ.get("IMPORT_JOB_TIMEOUT_MINUTES", "30"))
# `manage.py prune_imports` deletes uploaded files older than this.
IMPORT_FILE_RETENTION_DAYS = int(os.environ.get("IMPORT_FILE_RETENTION_DAYS", "90"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Content Security Policy ----------------------------------------------------
# Our own pages allow no inline script or style. The Wagtail admin still carries
# inline styles and a few inline handlers, so lms.middleware widens the policy for
# the admin prefix only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
CSP_ADMIN_UPDATE = {
    "script-src": ["'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-src": ["'self'"],
}
ADMIN_PATH_PREFIXES = ("/admin/",)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action at INFO; the audit trail keeps them.
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}

# --- Certificates ---------------------------------------------------------------
# A render that takes longer than this is stopped and the issue fails cleanly.
CERTIFICATE_RENDER_SECONDS = float(os.environ.get("CERTIFICATE_RENDER_SECONDS", "30"))
# Requests per client IP to the public verification page (django-ratelimit).
CERTIFICATE_VERIFY_RATE = os.environ.get("CERTIFICATE_VERIFY_RATE", "30/m")
# Signing keys of issuing institutions, <CODE>.p12 (certificates/signing.py).
CERTIFICATE_SIGNING_DIR = os.environ.get("CERTIFICATE_SIGNING_DIR", "")
CERTIFICATE_TSA_URL = os.environ.get("CERTIFICATE_TSA_URL", "")
