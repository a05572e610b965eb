"""Consistency of the demo files (courses/demo/), checked without a database.

Each check takes the parsed files, so the negative tests below can hand it a
broken copy and prove that it notices.
"""

import copy
import datetime
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from catalogue.models import Relation, ResponsibleRole
from competences import reference_data
from courses import demo
from courses.models import MaterialKind, TaggedPage
from people.models import OrganisationKind
from people.permissions import COORDINATOR, GROUP_NAMES, LEARNER, MANAGER

README = Path(settings.BASE_DIR) / "README.md"
COMPETENCES = {row[0] for row in reference_data.COMPETENCES}
TASKS = {row[0] for row in reference_data.SERVICE_MANAGEMENT_TASKS}
# Pages are tagged with the sub-items ("N1-1"), not the groups ("N1").
CONDITIONS = {code for code, parent, *_ in reference_data.CONDITIONS if parent}
SUMMARY_MAX = TaggedPage._meta.get_field("summary").max_length


@dataclass
class Demo:
    tables: dict[str, list[dict]]
    courses: list[dict]
    materials: list[dict]
    texts: dict[tuple[str, str], demo.PageText] = field(default_factory=dict)

    def rows(self, name):
        return self.tables[name]

    @property
    def organisations(self):
        return {o["code"]: o for o in self.rows("organisations")}

    @property
    def people(self):
        return {p["email"]: p for p in self.rows("people")}

    def ministry(self):
        return [
            code
            for code, o in self.organisations.items()
            if o["kind"] == "state_institution" and not o["parent_code"]
        ]

    def institutions(self):
        ministries = self.ministry()
        return [
            o["code"]
            for o in self.rows("organisations")
            if o["parent_code"] in ministries
        ]

    def institution_of(self, code):
        """The service-owning institution at or above an organisation, or None."""
        organisations, ministries = self.organisations, self.ministry()
        while code and code not in ministries:
            parent = organisations[code]["parent_code"]
            if parent in ministries:
                return code
            code = parent
        return None

    def subtree(self, root):
        codes = {root}
        while True:
            below = {
                code
                for code, o in self.organisations.items()
                if o["parent_code"] in codes
            }
            if below <= codes:
                return codes
            codes |= below


def load_demo_files() -> Demo:
    metadata = demo.page_metadata()
    data = Demo(
        tables={name: demo.table_rows(name) for name in (*demo.TABLES, "accounts")},
        courses=metadata["course"],
        materials=metadata["material"],
    )
    for slug in _slugs(data):
        for language in demo.LANGUAGES:
            data.texts[slug, language] = demo.page_text(slug, language)
    return data


def _slugs(data: Demo) -> list[str]:
    return [
        demo.HOME_SLUG,
        demo.COURSE_INDEX_SLUG,
        demo.MATERIAL_INDEX_SLUG,
        *(demo.course_slug(c["code"]) for c in data.courses),
        *(m["slug"] for m in data.materials),
    ]


def _unique(values, what):
    values = list(values)
    assert len(set(values)) == len(values), f"duplicate {what}"


# --- Checks -------------------------------------------------------------------


def check_organisations(data: Demo):
    rows = data.rows("organisations")
    _unique((o["code"] for o in rows), "organisation codes")
    for o in rows:
        assert len(o["code"]) == 11 and o["code"].isdigit(), o["code"]
        assert o["kind"] in OrganisationKind.values, o
        assert o["name_lv"] and o["name_en"], o["code"]
        assert not o["parent_code"] or o["parent_code"] in data.organisations, o
        if o["kind"] == "unit":
            assert data.institution_of(o["code"]) == o["parent_code"], o["code"]
    # A ministry, two institutions under it, and three kinds of partner.
    assert len(data.ministry()) == 1
    assert len(data.institutions()) == 2
    partners = [
        o["kind"]
        for o in rows
        if not o["parent_code"] and o["code"] not in data.ministry()
    ]
    assert sorted(partners) == ["competence_centre", "enterprise", "ngo"]


def check_people(data: Demo):
    rows = data.rows("people")
    _unique((p["email"] for p in rows), "e-mail addresses")
    assert len(rows) >= 40
    languages = {code for code, _name in settings.LANGUAGES}
    for p in rows:
        email = p["email"]
        assert email == email.lower() and email.isascii(), email
        assert email.split("@")[1].endswith((".example.lv", ".example.com")), email
        assert p["first_name"] and p["last_name"] and p["job_title"], email
        assert p["organisation_code"] in data.organisations, email
        assert p["language"] in languages, email
    for code, o in data.organisations.items():
        if not o["parent_code"] and code not in data.ministry():
            members = [p for p in rows if p["organisation_code"] == code]
            assert len(members) >= 4, f"partner {code} has {len(members)} people"


def check_register(data: Demo):
    services, resources = data.rows("services"), data.rows("resources")
    _unique((s["code"] for s in services + resources), "service/resource codes")
    for entry in services + resources:
        code = entry["code"]
        assert entry["name_lv"] and entry["name_en"], code
        assert entry["owner_code"] in data.institutions(), code
        # Managers are role assignments (roles.csv), never a column here.
        assert "manager_email" not in entry, code


def check_involvements(data: Demo):
    owners = {e["code"]: e["owner_code"] for e in data.rows("services")}
    owners |= {e["code"]: e["owner_code"] for e in data.rows("resources")}
    service_codes = {s["code"] for s in data.rows("services")}
    resource_codes = {r["code"] for r in data.rows("resources")}
    keys = []
    for i in data.rows("involvements"):
        email, service, resource = (
            i["person_email"],
            i["service_code"],
            i["resource_code"],
        )
        assert email in data.people, email
        assert bool(service) != bool(resource), i
        assert not service or service in service_codes, service
        assert not resource or resource in resource_codes, resource
        start = datetime.date.fromisoformat(i["start_date"])
        if i["end_date"]:
            assert datetime.date.fromisoformat(i["end_date"]) >= start, i
        keys.append((email, service or resource, i["start_date"]))
        # Internal means the person's organisation is the owner or below it; the
        # importer refuses a relation that says otherwise.
        organisation = data.people[email]["organisation_code"]
        internal = organisation in data.subtree(owners[service or resource])
        expected = Relation.INTERNAL if internal else Relation.EXTERNAL
        assert i["relation"] in ("", expected), (email, service or resource)
    _unique(keys, "involvements")
    # Every service is delivered by some of its owner's own staff.
    for s in data.rows("services"):
        involved = [
            i["person_email"]
            for i in data.rows("involvements")
            if i["service_code"] == s["code"]
        ]
        assert any(
            data.institution_of(data.people[e]["organisation_code"]) == s["owner_code"]
            for e in involved
        ), s["code"]


def check_roles(data: Demo):
    rows = data.rows("roles")
    scopes = {
        ResponsibleRole.SERVICE_PORTFOLIO_MANAGER: set(data.institutions()),
        ResponsibleRole.RESOURCE_PORTFOLIO_MANAGER: set(data.institutions()),
        ResponsibleRole.SERVICE_MANAGER: {s["code"] for s in data.rows("services")},
        ResponsibleRole.RESOURCE_MANAGER: {r["code"] for r in data.rows("resources")},
    }
    _unique(((r["person_email"], r["role"], r["scope_code"]) for r in rows), "roles")
    for r in rows:
        assert r["person_email"] in data.people, r
        assert r["role"] in scopes, r
        assert r["scope_code"] in scopes[r["role"]], r
    held = {(r["role"], r["scope_code"]) for r in rows}
    assert {r["role"] for r in rows} == set(ResponsibleRole.values)
    for institution in data.institutions():
        assert (ResponsibleRole.SERVICE_PORTFOLIO_MANAGER, institution) in held
        assert (ResponsibleRole.RESOURCE_PORTFOLIO_MANAGER, institution) in held
    # Each service and resource has a manager role, held in its owner institution.
    managers = {
        r["scope_code"]: r["person_email"]
        for r in rows
        if r["role"] in {"service_manager", "resource_manager"}
    }
    for entry in data.rows("services") + data.rows("resources"):
        manager = managers.get(entry["code"])
        assert manager in data.people, entry["code"]
        manager_org = data.people[manager]["organisation_code"]
        assert data.institution_of(manager_org) == entry["owner_code"], entry["code"]


def check_accounts(data: Demo):
    rows = data.rows("accounts")
    accounts = {a["group"]: a["email"] for a in rows}
    assert sorted(accounts) == sorted(GROUP_NAMES) and len(rows) == len(GROUP_NAMES)
    _unique((a["email"] for a in rows), "account e-mails")
    assert all(a["email"] in data.people for a in rows)
    first_institution = data.institutions()[0]

    def institution(group):
        return data.institution_of(data.people[accounts[group]]["organisation_code"])

    assert institution(MANAGER) == first_institution
    assert institution(COORDINATOR) == first_institution
    assert institution(LEARNER) is None, "the learner must be a partner's person"
    owners = {s["code"]: s["owner_code"] for s in data.rows("services")}
    assert any(
        i["person_email"] == accounts[LEARNER]
        and owners.get(i["service_code"]) == first_institution
        and not i["end_date"]
        for i in data.rows("involvements")
    ), "the learner must deliver a service of the first institution"


def _shape(text: demo.PageText):
    return [(block.tag, len(block.items)) for block in text.blocks]


def check_pages(data: Demo):
    codes = [c["code"] for c in data.courses]
    slugs = [m["slug"] for m in data.materials]
    assert len(set(codes)) == len(codes) == 4, codes
    assert len(set(slugs)) == len(slugs) == 4, slugs
    for (slug, language), text in data.texts.items():
        assert text.title.strip() and text.blocks, (slug, language)
        assert len(text.summary) <= SUMMARY_MAX, (slug, language)
        assert all(all(item.strip() for item in b.items) for b in text.blocks), slug
    for slug in _slugs(data):
        lv, en = data.texts[slug, "lv"], data.texts[slug, "en"]
        # The English text mirrors the Latvian one block for block.
        assert _shape(lv) == _shape(en), f"{slug}: LV and EN differ in shape"
    tagged = [(demo.course_slug(c["code"]), c) for c in data.courses] + [
        (m["slug"], m) for m in data.materials
    ]
    for slug, entry in tagged:
        for language in demo.LANGUAGES:
            text = data.texts[slug, language]
            assert text.summary.strip(), (slug, language)
            assert 4 <= len(text.blocks) <= 7, (slug, language, len(text.blocks))
        assert set(entry["competences"]) <= COMPETENCES, slug
        assert set(entry["tasks"]) <= TASKS, slug
        assert set(entry["conditions"]) <= CONDITIONS, slug
    for course in data.courses:
        code = course["code"]
        assert code == code.upper() and code.isascii(), code
        assert course["duration_hours"] > 0, code
        assert course["audience"], code
        assert set(course["audience"]) <= set(ResponsibleRole.values), code
    services = {s["code"] for s in data.rows("services")}
    for material in data.materials:
        slug = material["slug"]
        assert slug.isascii() and slug == slug.lower(), slug
        assert material["kind"] in MaterialKind.values, slug
        assert set(material.get("services", [])) <= services, slug


CHECKS = [
    check_organisations,
    check_people,
    check_register,
    check_involvements,
    check_roles,
    check_accounts,
    check_pages,
]


@pytest.fixture(scope="module")
def demo_files():
    return load_demo_files()


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_demo_files_are_consistent(demo_files, check):
    check(copy.deepcopy(demo_files))


def test_every_page_file_belongs_to_a_page(demo_files):
    files = {path.name for path in demo.PAGES_DIR.iterdir()}
    expected = {
        f"{slug}.{language}.html"
        for slug in _slugs(demo_files)
        for language in demo.LANGUAGES
    }
    assert files == expected


def test_every_table_has_its_importers_columns():
    from lms.imports import registry

    for name in demo.TABLES:
        headers = next(iter(demo.table_rows(name)), {}).keys()
        assert list(headers) == [c.name for c in registry.get(name).columns], name


def test_readme_logins_are_the_demo_accounts(demo_files):
    readme = README.read_text(encoding="utf-8")
    assert demo.DEMO_PASSWORD in readme
    assert demo.ADMIN_EMAIL in readme
    for account in demo_files.rows("accounts"):
        assert account["email"] in readme, account["email"]


# --- The checks notice broken data --------------------------------------------


def _set(table, index, **values):
    return lambda data: data.rows(table)[index].update(values)


def _drop_last_english_block(data):
    text = data.texts["itil-pam", "en"]
    data.texts["itil-pam", "en"] = demo.PageText(
        title=text.title, summary=text.summary, blocks=text.blocks[:-1]
    )


BROKEN = [
    (
        "duplicate organisation",
        lambda d: d.rows("organisations").append(dict(d.rows("organisations")[-1])),
        check_organisations,
    ),
    ("unknown parent", _set("organisations", 1, parent_code="1"), check_organisations),
    ("unknown organisation", _set("people", 0, organisation_code="1"), check_people),
    (
        "upper-case e-mail",
        _set("people", 0, email="Marta@pam.example.lv"),
        check_people,
    ),
    (
        "manager from the other institution",
        _set("roles", 4, person_email="laura.vanaga@sapc.example.lv"),
        check_roles,
    ),
    (
        "end before start",
        _set("involvements", 0, end_date="2000-01-01"),
        check_involvements,
    ),
    (
        "service and resource",
        _set("involvements", 0, resource_code="RES-2001"),
        check_involvements,
    ),
    (
        "relation against the rule",
        _set("involvements", 0, relation="external"),
        check_involvements,
    ),
    (
        "portfolio role at a service",
        _set("roles", 0, scope_code="PAK-1001"),
        check_roles,
    ),
    ("unknown role", _set("roles", 0, role="owner"), check_roles),
    (
        "internal learner",
        _set("accounts", 0, email="agnese.zarina@rpa.example.lv"),
        check_accounts,
    ),
    ("missing group", lambda d: d.rows("accounts").pop(), check_accounts),
    ("LV and EN differ", _drop_last_english_block, check_pages),
    (
        "unknown competence",
        lambda d: d.courses[0]["competences"].append("K99"),
        check_pages,
    ),
    ("unknown task", lambda d: d.materials[0]["tasks"].append("PU9-1"), check_pages),
    (
        "unknown material kind",
        lambda d: d.materials[0].update(kind="video"),
        check_pages,
    ),
    (
        "unknown service",
        lambda d: d.materials[0]["services"].append("PAK-0"),
        check_pages,
    ),
]


@pytest.mark.parametrize(
    ("mutate", "check"),
    [pytest.param(mutate, check, id=name) for name, mutate, check in BROKEN],
)
def test_checks_fail_on_inconsistent_data(demo_files, mutate, check):
    data = copy.deepcopy(demo_files)
    mutate(data)
    with pytest.raises(AssertionError):
        check(data)


# --- Page files parse strictly ------------------------------------------------


def test_a_page_file_parses_into_title_summary_and_body():
    text = demo.parse_page(
        "x.lv.html",
        '<h1>Kurss &amp; prakse</h1>\n<p class="summary">\n  Īss\n  apraksts.\n</p>\n'
        "<h2>Ievads</h2>\n<ul>\n  <li>Pirmais</li>\n"
        "  <li>Otrais\n  punkts</li>\n</ul>\n",
    )
    assert text.title == "Kurss & prakse"
    assert text.summary == "Īss apraksts."
    assert text.body == "<h2>Ievads</h2><ul><li>Pirmais</li><li>Otrais punkts</li></ul>"


@pytest.mark.parametrize(
    "source",
    [
        "<h2>No title</h2>",
        "<h1>T</h1>stray text<p>x</p>",
        "<h1>T</h1><p>x</p><h1>Again</h1>",
        '<h1>T</h1><p>x</p><p class="summary">late</p>',
        "<h1>T</h1><ul>text<li>x</li></ul>",
        "<h1>T</h1><ul></ul>",
        "<h1>T</h1><div>x</div>",
    ],
)
def test_a_malformed_page_file_is_refused(source):
    with pytest.raises(demo.DemoDataError):
        demo.parse_page("x.lv.html", source)
