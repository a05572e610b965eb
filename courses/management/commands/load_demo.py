import datetime
from html import escape

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue import services as catalogue_services
from catalogue.models import Resource, Service
from courses import demo_data as demo
from courses import services as course_services
from courses.services import Taxonomy, Translated
from people import services as people_services
from people.models import Organisation, Person
from people.permissions import GROUP_LABELS

ADMIN_EMAIL = "admin@example.lv"


def blocks_to_html(blocks) -> str:
    """Demo text blocks ("h2"/"p"/"ul") as Wagtail rich-text HTML."""
    parts = []
    for kind, content in blocks:
        if kind == "ul":
            items = "".join(f"<li>{escape(item)}</li>" for item in content)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<{kind}>{escape(content)}</{kind}>")
    return "".join(parts)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


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
        organisations = {}
        for code, name_lv, name_en, kind, parent_code in demo.ORGANISATIONS:
            organisations[code] = people_services.organisation_upsert(
                code=code,
                name_lv=name_lv,
                name_en=name_en,
                kind=kind,
                parent=organisations.get(parent_code)
                or Organisation.objects.filter(code=parent_code).first(),
            )
        people = {}
        for email, first, last, org_code, job_title, language in demo.PEOPLE:
            people[email] = people_services.person_upsert(
                email=email,
                first_name=first,
                last_name=last,
                organisation=organisations[org_code],
                job_title=job_title,
                language=language,
            )
        services = {}
        for code, name_lv, name_en, owner_code, manager_email in demo.SERVICES:
            services[code] = catalogue_services.register_entry_upsert(
                model=Service,
                code=code,
                name_lv=name_lv,
                name_en=name_en,
                owner=organisations[owner_code],
                manager=people.get(manager_email),
            )
        resources = {}
        for code, name_lv, name_en, owner_code, manager_email in demo.RESOURCES:
            resources[code] = catalogue_services.register_entry_upsert(
                model=Resource,
                code=code,
                name_lv=name_lv,
                name_en=name_en,
                owner=organisations[owner_code],
                manager=people.get(manager_email),
            )
        for email, service_code, resource_code, start, end in demo.INVOLVEMENTS:
            catalogue_services.involvement_upsert(
                person=people[email],
                service=services.get(service_code),
                resource=resources.get(resource_code),
                start_date=_date(start),
                end_date=_date(end),
            )
        for email, role, scope_code in demo.ROLE_ASSIGNMENTS:
            scope = (
                organisations.get(scope_code)
                or Service.objects.filter(code=scope_code).first()
                or Resource.objects.filter(code=scope_code).first()
            )
            catalogue_services.role_assignment_create(
                person=people[email], role=role, scope=scope
            )
        for _email, password, group, person_email in demo.DEMO_ACCOUNTS:
            self._account(people[person_email], password, group)
        self._admin()
        self._pages(services)

    def _account(self, person: Person, password: str, group: str):
        # The password is set only when the account is first made, so that a
        # second run changes nothing.
        people_services.account_create(person=person, password=password, groups=[group])

    def _admin(self):
        user_model = get_user_model()
        if not user_model.objects.filter(email=ADMIN_EMAIL).exists():
            user_model.objects.create_superuser(
                email=ADMIN_EMAIL,
                password=demo.DEMO_PASSWORD,
                first_name="Admin",
                last_name="Demo",
            )

    def _pages(self, services):
        site = course_services.site_setup(
            home=Translated(
                title_lv="Metodiskais atbalsts pakalpojumu sniedzējiem",
                title_en="Methodological support for service providers",
                body_lv=(
                    "<p>Vienuviet metodiskie materiāli, kursi un konsultācijas "
                    "ikvienam, kas iesaistīts valsts pakalpojumu sniegšanā un "
                    "pārvaldībā – gan iestāžu darbiniekiem, gan partneriem, kas "
                    "pakalpojumus sniedz iestāžu vārdā.</p>"
                ),
                body_en=(
                    "<p>Methodological materials, courses and consultations in one "
                    "place for everyone involved in delivering and managing public "
                    "services – institutions' staff and the partners who deliver "
                    "services on their behalf.</p>"
                ),
            ),
            courses=Translated(
                title_lv="Kursi",
                title_en="Courses",
                body_lv=(
                    "<p>Kursi par pakalpojumu pārvaldību. Katrs kurss norāda, "
                    "kuras kompetences tas attīsta.</p>"
                ),
                body_en=(
                    "<p>Courses on service management. Each course shows the "
                    "competences it develops.</p>"
                ),
            ),
            materials=Translated(
                title_lv="Metodiskie materiāli",
                title_en="Methodological materials",
                body_lv=(
                    "<p>Vadlīnijas, procesu apraksti un instrukcijas "
                    "pakalpojumu sniegšanā un pārvaldībā iesaistītajiem.</p>"
                ),
                body_en=(
                    "<p>Guidelines, process descriptions and instructions for "
                    "those involved in delivering and managing services.</p>"
                ),
            ),
        )
        for course in demo.COURSES:
            course_services.course_page_ensure(
                index=site.courses,
                code=course["code"],
                duration_hours=course["duration_hours"],
                text=self._text(course),
                taxonomy=self._taxonomy(course),
            )
        for material in demo.MATERIALS:
            course_services.material_page_ensure(
                index=site.materials,
                slug=material["slug"],
                kind=material["kind"],
                text=self._text(material),
                taxonomy=self._taxonomy(material),
                services=[services[code] for code in material.get("services", [])],
            )

    @staticmethod
    def _text(item) -> Translated:
        return Translated(
            title_lv=item["title_lv"],
            title_en=item["title_en"],
            summary_lv=item["summary_lv"],
            summary_en=item["summary_en"],
            body_lv=blocks_to_html(item["body_lv"]),
            body_en=blocks_to_html(item["body_en"]),
        )

    @staticmethod
    def _taxonomy(item) -> Taxonomy:
        return Taxonomy(
            competences=item.get("competences", []),
            tasks=item.get("tasks", []),
            conditions=item.get("conditions", []),
            audience=item.get("audience", []),
        )

    def print_logins(self):
        self.stdout.write(
            _("  Demo logins (local demo only), password: %s") % demo.DEMO_PASSWORD
        )
        for email, _password, group, _person in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"    {GROUP_LABELS[group]!s:<22} {email}")
        self.stdout.write(f"    {_('Administrator')!s:<22} {ADMIN_EMAIL}")
