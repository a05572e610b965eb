"""python manage.py load_demo [--logins]

Loads courses/demo/: the register tables through the importers (so every
`make run` exercises them), then accounts and pages through services. Running
it again changes nothing.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue.models import Service
from courses import demo, demo_public_pages
from courses import services as course_services
from courses.services import Taxonomy, Translated
from courses.signals import demo_loaded
from lms.imports.readers import read_table
from lms.imports.runs import import_run
from people import services as people_services
from people.models import Person
from people.permissions import GROUP_LABELS


def import_demo_table(name: str):
    """Import one demo CSV with the importer of the same name, as the system.

    The one place the demo calls the import machinery. No user: the demo is
    loaded by the operator, not on behalf of any institution.
    """
    path = demo.table_path(name)
    return import_run(
        importer_name=name,
        table=read_table(path.read_bytes(), path.name),
        dry_run=False,
        user=None,
    )


def _text(slug: str) -> Translated:
    lv, en = demo.page_text(slug, "lv"), demo.page_text(slug, "en")
    return Translated(
        title_lv=lv.title,
        title_en=en.title,
        summary_lv=lv.summary,
        summary_en=en.summary,
        body_lv=lv.body,
        body_en=en.body,
    )


def _taxonomy(entry: dict) -> Taxonomy:
    return Taxonomy(
        competences=entry.get("competences", []),
        tasks=entry.get("tasks", []),
        conditions=entry.get("conditions", []),
        audience=entry.get("audience", []),
    )


class Command(BaseCommand):
    help = _("Load the demo organisations, people, services, pages and accounts.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins",
            action="store_true",
            help=_("Only print the demo logins."),
        )

    def handle(self, *args, logins=False, **options):
        if logins:
            self.print_logins()
            return
        self.load()
        self.stdout.write(self.style.SUCCESS(_("Demo data is loaded.")))
        self.stdout.write(_("Run it with --logins to list the demo accounts."))

    @transaction.atomic
    def load(self):
        for name in demo.TABLES:
            report = import_demo_table(name)
            if not report.ok:
                # Raised inside the transaction: nothing of the demo is kept.
                raise CommandError(
                    "\n".join(
                        [
                            _("The demo file %(file)s has errors:")
                            % {"file": demo.table_path(name).name}
                        ]
                        + [str(error) for error in report.errors]
                    )
                )
        self._accounts()
        self._admin()
        self._pages()
        # Apps above courses/ (curricula) add their demo records.
        demo_loaded.send(sender=None)

    def _accounts(self):
        rows = demo.table_rows("accounts")
        people = {
            person.email: person
            for person in Person.objects.filter(
                email__in=[row["email"] for row in rows]
            ).select_related("user")
        }
        for row in rows:
            # The password is set only when the account is first made, so that
            # a second run changes nothing.
            people_services.account_create(
                person=people[row["email"]],
                password=demo.DEMO_PASSWORD,
                groups=[row["group"]],
            )

    def _admin(self):
        user_model = get_user_model()
        if not user_model.objects.filter(email=demo.ADMIN_EMAIL).exists():
            user_model.objects.create_superuser(
                email=demo.ADMIN_EMAIL,
                password=demo.DEMO_PASSWORD,
                first_name="Admin",
                last_name="Demo",
            )

    def _pages(self):
        site = course_services.site_setup(
            home=_text(demo.HOME_SLUG),
            courses=_text(demo.COURSE_INDEX_SLUG),
            materials=_text(demo.MATERIAL_INDEX_SLUG),
        )
        metadata = demo.page_metadata()
        for course in metadata["course"]:
            course_services.course_page_ensure(
                index=site.courses,
                code=course["code"],
                duration_hours=course["duration_hours"],
                text=_text(demo.course_slug(course["code"])),
                taxonomy=_taxonomy(course),
            )
        services = Service.objects.in_bulk(field_name="code")
        for material in metadata["material"]:
            course_services.material_page_ensure(
                index=site.materials,
                slug=material["slug"],
                kind=material["kind"],
                text=_text(material["slug"]),
                taxonomy=_taxonomy(material),
                services=[services[code] for code in material.get("services", [])],
            )
        demo_public_pages.load(home=site.home)

    def print_logins(self):
        self.stdout.write(
            _("  Demo logins (local demo only), password: %s") % demo.DEMO_PASSWORD
        )
        for row in demo.table_rows("accounts"):
            self.stdout.write(f"    {GROUP_LABELS[row['group']]!s:<22} {row['email']}")
        self.stdout.write(f"    {_('Administrator')!s:<22} {demo.ADMIN_EMAIL}")
