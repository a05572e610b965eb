"""The admin our four groups use reads in Latvian, and the portal's name, not Wagtail's.

Each screen is rendered in Latvian as each group and searched for English
strings that Wagtail's and Django's own Latvian catalogues leave untranslated
or get wrong (issue 7 lists them). A Wagtail upgrade that adds a new English
string to these screens should be added to ENGLISH and translated in
lms/admin_strings.
"""

import json
import re
from pathlib import Path

import pytest
import wagtail
from django.urls import reverse
from django.utils import translation

from people.permissions import CONTENT_EDITOR, COORDINATOR, MANAGER
from tests.factories import PersonFactory
from tests.lms.test_translations import _entries

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "locale"

ENGLISH = [
    # dashboard and the whole admin frame
    "Search all pages",
    "Help",
    "Reports",
    "Skip to main content",
    "Editor Guide",
    "Keyboard shortcuts",
    "Toggle sidebar",
    "Profile",
    # listings
    "Download XLSX",
    "Download CSV",
    "There is 1 match",
    "There are no",
    "match your query",
    "Name",
    "Scope",
    "Inspect",
    "Collapse all",
    "None",
    "Filter by",
    "Select all",
    "Bulk actions",
    "Sort by",
    # page explorer
    "ago",
    "minūte",
    "Exploring",
    "History",
    "Page type",
    "Date updated",
    # page editor, rich-text toolbar and messages
    "Bold",
    "Italic",
    "Heading 2",
    "Bulleted list",
    "Numbered list",
    "Insert or edit a link",
    "validation errors",
    "Submit to",
    "Iesniegt uz",
    "Moderators approval",
    "Checks",
    "Toggle preview",
    "Preview mode",
    "Comments",
    "More actions",
    # login
    "Password",
    "Remember me",
    "Forgotten password",
    "Sign in",
    # the product's name where the portal's belongs
    "Wagtail",
]
# Wagtail's name may stay where it names the software itself: its static
# files, the editor guide's address and the "What's new" version banner.
ALLOWED = re.compile(r"wagtail[a-z_/.-]*|docs\.wagtail\.org[^\"' ]*", re.IGNORECASE)


# Attributes that hold machine names, never text a person reads.
MACHINE_ATTRIBUTES = re.compile(
    r"\s(class|id|name|href|src|for|action|method|type|value|data-[\w-]*(target|"
    r'action|controller|url|id|value))="[^"]*"'
)


def _english_on(html: str) -> list[str]:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    # Hidden placeholders Wagtail's scripts fill in (a side panel's counter).
    html = re.sub(r"<(\w+)\b[^>]*\shidden>[^<]*</\1>", "", html)
    html = MACHINE_ATTRIBUTES.sub("", html)
    html = ALLOWED.sub("", html)
    found = []
    for phrase in ENGLISH:
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", html):
            found.append(phrase)
    return found


def _get(client, url, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="lv", follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def groups(two_institutions, make_member):
    t = two_institutions
    return {
        COORDINATOR: t["coordinator_a"],
        MANAGER: t["manager_a"],
        CONTENT_EDITOR: make_member(t["ministry"], [CONTENT_EDITOR]),
    }


@pytest.mark.parametrize("group", [COORDINATOR, MANAGER, CONTENT_EDITOR])
def test_dashboard_is_latvian(client, groups, group):
    assert _english_on(_get(client, reverse("wagtailadmin_home"), groups[group])) == []


@pytest.mark.parametrize("group", [COORDINATOR, MANAGER])
def test_people_listing_with_one_and_no_match_is_latvian(
    client, two_institutions, groups, group
):
    PersonFactory(
        organisation=two_institutions["unit_a"],
        first_name="Oskars",
        last_name="Žagariņš",
        job_title="",
    )
    url = reverse("wagtailsnippets_people_person:list")
    one = _get(client, f"{url}?q=Žagariņš", groups[group])
    assert "Atrasta 1 atbilstība" in one
    assert _english_on(one) == []
    none = _get(client, f"{url}?q=Nekāds", groups[group])
    assert _english_on(none) == []
    assert _english_on(_get(client, url)) == []


@pytest.mark.parametrize("group", [COORDINATOR, MANAGER])
def test_other_listings_are_latvian(client, groups, group):
    client.force_login(groups[group])
    for url_name in [
        "wagtailsnippets_people_organisation:list",
        "wagtailsnippets_catalogue_involvement:list",
        "wagtailsnippets_catalogue_roleassignment:list",
    ]:
        assert _english_on(_get(client, reverse(url_name))) == [], url_name


def test_page_explorer_and_editor_are_latvian(client, groups, site_pages):
    editor = groups[CONTENT_EDITOR]
    index = site_pages["pages"].courses
    explorer = _get(client, reverse("wagtailadmin_explore", args=[index.pk]), editor)
    assert _english_on(explorer) == []
    create = _get(
        client,
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", index.pk]),
        editor,
    )
    assert _english_on(create) == []
    # The rich-text toolbar's labels travel in the editor's JSON options, which
    # _english_on skips with the scripts: check them where they are.
    assert '"description": "Treknraksts"' in create
    for label in ("Bold", "Italic", "Heading 2", "Bulleted list", "Link"):
        assert f'"description": "{label}"' not in create, label
    # An invalid submission: the message and the form stay Latvian.
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", index.pk]),
        {"title": ""},
        HTTP_ACCEPT_LANGUAGE="lv",
    )
    assert _english_on(response.content.decode()) == []
    assert "Lapu nevarēja izveidot, jo ir kļūdas." in response.content.decode()


def test_login_page_is_latvian_and_branded(client):
    html = _get(client, reverse("wagtailadmin_login"))
    assert _english_on(html) == []
    with translation.override("lv"):
        assert "Metodiskais atbalsts" in html


def test_learner_sees_no_admin(client, two_institutions):
    client.force_login(two_institutions["learner"])
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="lv")
    assert response.status_code == 302


def test_model_names_are_not_declined_in_sentences():
    """ "Pievienot persona" is wrong Latvian; "Pievienot: persona" is right."""
    with translation.override("lv"):
        assert translation.gettext("Add %(model_name)s") == "Pievienot: %(model_name)s"
        assert translation.gettext("Choose %(object)s") == "Izvēlēties: %(object)s"
        created = translation.gettext("%(model_name)s '%(object)s' created.")
        assert created.startswith("Ieraksts '%(object)s'")
        # A name cannot be put into the vocative by a template: no "Labdien, Oskars!"
        greeting = translation.gettext("Hello %(name)s,") % {"name": "Oskars"}
        assert greeting == "Labdien! Ielūgums adresēts: Oskars."
        submit = translation.gettext("Submit to %(workflow_name)s")
        assert submit == "Iesniegt apstiprināšanai: %(workflow_name)s"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 rakstzīmei"),
        (8, "8 rakstzīmēm"),
        (11, "11 rakstzīmēm"),
        (21, "21 rakstzīmei"),
    ],
)
def test_password_length_message_agrees_with_the_number(count, expected):
    from django.contrib.auth.password_validation import MinimumLengthValidator

    with translation.override("lv"):
        assert expected in MinimumLengthValidator(count).get_help_text()


def test_timesince_reads_after_pirms():
    import datetime

    from django.utils.timesince import timesince

    now = datetime.datetime(2026, 1, 1, 12, 0)
    with translation.override("lv"):
        text = translation.gettext("%(time_period)s ago") % {
            "time_period": timesince(now - datetime.timedelta(minutes=16), now)
        }
    assert text == "pirms 16\xa0minūtēm"


def test_javascript_catalogue_covers_wagtail_admin_and_is_served(client, groups):
    def msgids(path, translated_only):
        text = Path(path).read_text(encoding="utf-8")
        return {
            fields["msgid"]
            for block, fields in _entries(text)
            if not translated_only
            or (
                "#, fuzzy" not in block
                and all(v for k, v in fields.items() if k.startswith("msgstr"))
            )
        }

    wagtail_en = msgids(
        Path(wagtail.__file__).parent / "admin/locale/en/LC_MESSAGES/djangojs.po",
        translated_only=False,
    )
    ours = msgids(LOCALE / "lv/LC_MESSAGES/djangojs.po", translated_only=True)
    assert sorted(wagtail_en - ours) == []
    client.force_login(groups[MANAGER])
    response = client.get(
        reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="lv"
    )
    assert json.dumps("Sakļaut visu") in response.content.decode()


def test_cms_release_notes_are_not_in_the_help_menu(client, groups):
    html = _get(client, reverse("wagtailadmin_home"), groups[MANAGER])
    assert "whats-new-in-wagtail" not in html
    assert "Īsinājumtaustiņi" in html


def test_admin_404_is_the_portals(client, two_institutions):
    t = two_institutions
    client.force_login(t["manager_b"])
    response = client.get(
        reverse("wagtailsnippets_people_person:inspect", args=[t["staff_a"].pk]),
        HTTP_ACCEPT_LANGUAGE="lv",
    )
    assert response.status_code == 404
    html = response.content.decode()
    assert "portal-mark" in html
    assert "Uz administrēšanas vidi" in html
    assert _english_on(html) == []


def test_default_workflow_has_a_latvian_name():
    from wagtail.models import Workflow

    names = set(Workflow.objects.values_list("name", flat=True))
    assert "Moderators approval" not in names
    assert "Moderatoru apstiprināšana" in names


def test_certificate_template_editor_and_its_preview_modes_are_latvian(client, groups):
    from certificates.models import CertificateTemplate

    template = CertificateTemplate.objects.create(
        name="Veidne",
        issuer=groups[MANAGER].person.organisation,
        title_lv="Apliecība",
        title_en="Certificate",
        body_lv="{person}",
        body_en="{person}",
        signatory_name="Ilze Kalniņa",
        signatory_title_lv="Koordinatore",
        signatory_title_en="Coordinator",
    )
    html = _get(
        client,
        reverse(
            "wagtailsnippets_certificates_certificatetemplate:edit",
            args=[template.pk],
        ),
        groups[CONTENT_EDITOR],
    )
    assert "Priekšskatījuma režīms" in html
    assert _english_on(html) == []
