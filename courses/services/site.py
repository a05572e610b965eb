from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.search.index import insert_or_update_object

from competences.models import Competence, Condition, ServiceManagementTask
from courses.models import (
    AccessibilityStatementPage,
    ContentPage,
    CourseIndexPage,
    CoursePage,
    FooterSettings,
    HomePage,
    MaterialAudience,
    MaterialIndexPage,
    MaterialPage,
    MaterialVersion,
)
from courses.signals import material_version_published


@dataclass
class Translated:
    """Text of one page in Latvian and English."""

    title_lv: str
    title_en: str
    summary_lv: str = ""
    summary_en: str = ""
    body_lv: str = ""
    body_en: str = ""


@dataclass
class Taxonomy:
    competences: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)


@dataclass
class SitePages:
    home: HomePage
    courses: CourseIndexPage
    materials: MaterialIndexPage


def _locale(code: str) -> Locale:
    locale, _created = Locale.objects.get_or_create(language_code=code)
    return locale


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def _ensure_translation(page: Page, *, title: str, **fields) -> Page:
    """The page's English translation, created and published if missing."""
    english = _locale("en")
    translation = page.get_translation_or_none(english)
    if translation is not None:
        return translation.specific
    translation = page.copy_for_translation(english)
    translation.title = title
    for name, value in fields.items():
        setattr(translation, name, value)
    return _publish(translation)


def _ensure_child(parent: Page, model, *, slug: str, title: str, **fields) -> Page:
    child = model.objects.child_of(parent).filter(slug=slug).first()
    if child is not None:
        return child
    child = model(slug=slug, title=title, locale=parent.locale, **fields)
    parent.add_child(instance=child)
    return _publish(child)


@transaction.atomic
def site_setup(
    *, home: Translated, courses: Translated, materials: Translated
) -> SitePages:
    """Create the portal's page tree in Latvian and English (idempotent).

    The Latvian home page becomes the default site's root, replacing
    Wagtail's welcome page; existing pages are left as editors made them.
    """
    latvian = _locale("lv")
    _locale("en")
    root = Page.get_first_root_node()
    home_lv = HomePage.objects.filter(locale=latvian).first()
    if home_lv is None:
        home_lv = HomePage(
            slug="sakums", title=home.title_lv, intro=home.body_lv, locale=latvian
        )
        root.add_child(instance=home_lv)
        _publish(home_lv)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home_lv, is_default_site=True
        )
    elif site.root_page_id != home_lv.pk:
        welcome_id = site.root_page_id
        site.root_page = home_lv
        site.save()
        # Wagtail's placeholder "Welcome" page (a plain Page) is not ours.
        Page.objects.filter(pk=welcome_id, content_type__model="page").delete()
    _ensure_translation(home_lv, title=home.title_en, intro=home.body_en)

    course_index = _ensure_child(
        home_lv,
        CourseIndexPage,
        slug="kursi",
        title=courses.title_lv,
        intro=courses.body_lv,
    )
    _ensure_translation(course_index, title=courses.title_en, intro=courses.body_en)
    material_index = _ensure_child(
        home_lv,
        MaterialIndexPage,
        slug="materiali",
        title=materials.title_lv,
        intro=materials.body_lv,
    )
    _ensure_translation(
        material_index, title=materials.title_en, intro=materials.body_en
    )
    return SitePages(home=home_lv, courses=course_index, materials=material_index)


def _set_taxonomy(page, taxonomy: Taxonomy) -> None:
    page.competences = list(Competence.objects.filter(code__in=taxonomy.competences))
    page.tasks = list(ServiceManagementTask.objects.filter(code__in=taxonomy.tasks))
    page.conditions = list(Condition.objects.filter(code__in=taxonomy.conditions))
    page.audience_roles = list(taxonomy.audience)


@transaction.atomic
def course_page_ensure(
    *,
    index: CourseIndexPage,
    code: str,
    text: Translated,
    taxonomy: Taxonomy,
    duration_hours=None,
) -> CoursePage:
    """Publish a course in Latvian with its English translation, unless it exists.

    An existing course (matched by code) is returned untouched: editors own it
    once it is published.
    """
    course = CoursePage.objects.filter(code=code, locale=index.locale).first()
    if course is None:
        course = CoursePage(
            slug=slugify(code),
            title=text.title_lv,
            code=code,
            summary=text.summary_lv,
            body=text.body_lv,
            duration_hours=duration_hours,
            locale=index.locale,
        )
        _set_taxonomy(course, taxonomy)
        index.add_child(instance=course)
        _publish(course)
    _ensure_translation(
        course, title=text.title_en, summary=text.summary_en, body=text.body_en
    )
    return course


@transaction.atomic
def material_page_ensure(
    *,
    index: MaterialIndexPage,
    slug: str,
    kind: str,
    text: Translated,
    taxonomy: Taxonomy,
    services=(),
    version: str = "1",
    effective_date=None,
    audience: str = MaterialAudience.EVERYONE,
    requires_acknowledgement: bool = False,
) -> MaterialPage:
    """Publish a material in Latvian with its English translation, unless it exists.

    `version`, `effective_date`, `audience` and `requires_acknowledgement` are
    the first version's; later ones come from `material_version_publish`.
    """
    material = MaterialPage.objects.child_of(index).filter(slug=slug).first()
    if material is None:
        material = MaterialPage(
            slug=slug,
            title=text.title_lv,
            kind=kind,
            summary=text.summary_lv,
            body=text.body_lv,
            locale=index.locale,
            version=version,
            effective_date=effective_date,
            audience=audience,
            requires_acknowledgement=requires_acknowledgement,
        )
        _set_taxonomy(material, taxonomy)
        material.services = list(services)
        index.add_child(instance=material)
        _publish(material)
    _ensure_translation(
        material, title=text.title_en, summary=text.summary_en, body=text.body_en
    )
    return material


@transaction.atomic
def material_version_publish(
    *,
    material: MaterialPage,
    version: str,
    change_note: Translated,
    effective_date=None,
    body: Translated | None = None,
) -> MaterialPage:
    """Publish `version` of a material and of its English translation, unless
    the material already has it (so the demo loader can run again).

    The change note (and, if given, the new body) in each language; the
    earlier version is kept and superseded by `material_version_record`.
    """
    english = _locale("en")
    pages = [(material, change_note.title_lv, body.body_lv if body else None)]
    translation = material.get_translation_or_none(english)
    if translation is not None:
        pages.append(
            (translation.specific, change_note.title_en, body.body_en if body else None)
        )
    for page, note, text in pages:
        if page.versions.filter(version=version).exists():
            continue
        page = MaterialPage.objects.get(pk=page.pk)
        page.version = version
        page.change_note = note
        page.effective_date = effective_date
        if text is not None:
            page.body = text
        _publish(page)
    return MaterialPage.objects.get(pk=material.pk)


@transaction.atomic
def info_page_ensure(
    *,
    home: HomePage,
    model: type[ContentPage] | type[AccessibilityStatementPage],
    slug: str,
    title: Translated,
    fields_lv: dict,
    fields_en: dict,
) -> Page:
    """Publish a page below the home page in Latvian and English, unless it exists.

    For the privacy notice (a ContentPage) and the accessibility statement:
    `fields_lv`/`fields_en` hold the model's own fields in each language.
    """
    page = _ensure_child(home, model, slug=slug, title=title.title_lv, **fields_lv)
    _ensure_translation(page, title=title.title_en, **fields_en)
    return page


@transaction.atomic
def footer_settings_update(
    *,
    site: Site,
    institution_name_lv: str,
    institution_name_en: str = "",
    address_lv: str = "",
    address_en: str = "",
    phone: str = "",
    email: str = "",
    privacy_page: Page | None = None,
    accessibility_page: Page | None = None,
) -> FooterSettings:
    """Set the footer of `site`: the institution's contacts and legal pages."""
    footer, _created = FooterSettings.objects.update_or_create(
        site=site,
        defaults={
            "institution_name_lv": institution_name_lv,
            "institution_name_en": institution_name_en,
            "address_lv": address_lv,
            "address_en": address_en,
            "phone": phone,
            "email": email,
            "privacy_page": privacy_page,
            "accessibility_page": accessibility_page,
        },
    )
    return footer


@transaction.atomic
def material_version_record(*, page: MaterialPage) -> tuple[MaterialVersion, bool]:
    """Record the just-published `page` as its version; True if the version is new.

    A new version number supersedes the current version (kept readable with
    its dates) and, after commit, sends `material_version_published`; the
    same number updates the current version in place (a correction, which
    asks nobody again). Called on Wagtail's `page_published`.
    """
    # Two editors publishing at once must not both create a "current" version.
    MaterialPage.objects.select_for_update().filter(pk=page.pk).first()
    now = timezone.now()
    snapshot = {
        "title": page.title,
        "summary": page.summary,
        "body": page.body,
        "change_note": page.change_note,
        "documents": [
            {"id": item.document_id, "title": item.document.title}
            for item in page.documents.select_related("document")
        ],
        "effective_date": page.effective_date or timezone.localdate(),
        "requires_acknowledgement": page.requires_acknowledgement,
    }
    # Wagtail indexes the page before its child relations are saved, so the
    # attached documents' titles reach the search index only from here.
    insert_or_update_object(page)
    version = MaterialVersion.objects.filter(page=page, version=page.version).first()
    if version is not None:
        for name, value in snapshot.items():
            setattr(version, name, value)
        if version.superseded_at is not None:
            # A revert to an old revision brings its number back: it is current
            # again, and whatever was current is superseded.
            MaterialVersion.objects.filter(
                page=page, superseded_at__isnull=True
            ).update(superseded_at=now)
            version.superseded_at = None
        version.save()
        return version, False
    MaterialVersion.objects.filter(page=page, superseded_at__isnull=True).update(
        superseded_at=now
    )
    version = MaterialVersion.objects.create(
        page=page, version=page.version, published_at=now, **snapshot
    )
    transaction.on_commit(
        lambda: material_version_published.send(sender=MaterialVersion, version=version)
    )
    return version, True
