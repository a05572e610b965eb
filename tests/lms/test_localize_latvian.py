"""wagtail-localize's screens read in Latvian for a Content editor.

wagtail-localize's own Latvian catalogue has four strings, so its screens
(the Translate action, the Translate page form, the translation editor and
the sync form) would show English on Latvian admin pages. The project's
catalogues fill them (lms/admin_strings/localize.py, djangojs.po). The
translation editor is a React app: its labels come from the JavaScript
catalogue and from the JSON props the server renders, so both are checked.
"""

import html as html_lib
import json
import re
from pathlib import Path

import pytest
import wagtail_localize
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from courses.models import CoursePage
from people.permissions import CONTENT_EDITOR
from tests.factories import OrganisationFactory
from tests.lms.test_admin_latvian import LOCALE, _english_on, _get
from tests.lms.test_translations import _entries

pytestmark = pytest.mark.django_db

# wagtail-localize's English as it appears on its server-rendered screens.
LOCALIZE_ENGLISH = [
    "Translate this page",
    "Translate page",
    "Translate",
    "Locales",
    "Submit",
    "Go back",
    "Include subtree",
    "All child pages will be created",
    "Select all",
    "English",
    "Latvian",
    "Translation of",
    "Translations",
    "Sync translated pages",
    "Why would I sync my page",
    "Publish immediately",
    "Update existing translations",
    "successfully submitted",
    "Content",
    "Settings",
    "Promote",
    # Wagtail's status panel on the translated page: "04:52 by Jānis Kalniņš".
    "by",
]

BUNDLE = (
    Path(wagtail_localize.__file__).parent
    / "static/wagtail_localize/js/wagtail-localize.js"
)


def _localize_english(html: str) -> list[str]:
    found = _english_on(html)
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    # The translation editor's props are read below, as data, not as text.
    html = re.sub(r'data-props="[^"]*"', "", html)
    html = re.sub(r"\s(class|id|name|href|src|for|action|value)=\"[^\"]*\"", "", html)
    return found + [
        phrase
        for phrase in LOCALIZE_ENGLISH
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", html)
    ]


@pytest.fixture
def editor(make_member):
    return make_member(
        OrganisationFactory(name_lv="Valsts kanceleja"), [CONTENT_EDITOR]
    )


@pytest.fixture
def latvian_course(site_pages):
    index = site_pages["pages"].courses
    course = CoursePage(
        title="Pakalpojumu līmeņa vadība",
        slug="pakalpojumu-limena-vadiba",
        code="PLV-1",
        summary="Kā vienoties par pakalpojuma līmeni.",
        locale=index.locale,
    )
    index.add_child(instance=course)
    course.save_revision().publish()
    return course


def test_page_action_menu_offers_translation_in_latvian(client, editor, latvian_course):
    html = _get(
        client, reverse("wagtailadmin_pages:edit", args=[latvian_course.pk]), editor
    )
    assert "Tulkot šo lapu" in html
    assert _localize_english(html) == []


def test_translate_form_and_its_message_are_latvian(client, editor, site_pages):
    # The course index has a child, so the form offers the subtree too.
    index = site_pages["pages"].courses
    url = reverse("wagtail_localize:submit_page_translation", args=[index.pk])
    Translation.objects.all().delete()
    html = _get(client, url, editor)
    assert _localize_english(html) == []
    assert "Tulkot lapu" in html
    assert "Valodas" in html
    assert "Iekļaut arī apakšlapas (1 lapa)" in html


def _submit_for_english(client, editor, course):
    """Translate page → English, as the form does; lands in the translation editor."""
    english = Locale.objects.get(language_code="en")
    client.force_login(editor)
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[course.pk]),
        {"locales": [english.pk]},
        HTTP_ACCEPT_LANGUAGE="lv",
        follow=True,
    )


def test_translation_editor_is_latvian(client, editor, latvian_course):
    response = _submit_for_english(client, editor, latvian_course)
    assert response.status_code == 200
    html = response.content.decode()
    assert "nodota tulkošanai" in html
    assert _localize_english(html) == []

    props = json.loads(
        html_lib.unescape(re.search(r'data-props="([^"]*)"', html).group(1))
    )
    assert props["locale"]["displayName"] == "angļu"
    assert props["sourceLocale"]["displayName"] == "latviešu"
    tabs = {tab["label"] for tab in props["tabs"]}
    assert tabs and not tabs & {"Content", "Promote", "Settings"}, tabs
    fields = {segment["location"]["field"] for segment in props["segments"]}
    assert "Virsraksts" in fields or "Nosaukums" in fields, fields
    assert not fields & {"Title", "Slug", "Summary"}, fields


def test_sync_translated_pages_form_is_latvian(client, editor, latvian_course):
    _submit_for_english(client, editor, latvian_course)
    source = TranslationSource.objects.get(object_id=latvian_course.translation_key)
    html = _get(
        client,
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        editor,
    )
    assert _localize_english(html) == []
    assert "Atjaunināt esošos tulkojumus" in html
    # The source page's action menu now offers the sync.
    html = _get(client, reverse("wagtailadmin_pages:edit", args=[latvian_course.pk]))
    assert "Sinhronizēt tulkotās lapas" in html
    assert _localize_english(html) == []


def test_locales_admin_is_not_for_editors(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtaillocales:index"), HTTP_ACCEPT_LANGUAGE="lv")
    assert response.status_code in (302, 403)


def _bundle_msgids() -> set[str]:
    """Every string the translation editor's bundle passes to gettext."""
    bundle = BUNDLE.read_text(encoding="utf-8")
    alias = re.search(r"(\w+)=gettext;var (\w+)=\w+\.n\(\1\)", bundle).group(2)
    return {
        json.loads(f'"{text}"')
        for text in re.findall(rf'\b{alias}\(\)\("((?:[^"\\]|\\.)*)"', bundle)
    }


def test_translation_editor_javascript_strings_are_latvian(client, editor):
    msgids = _bundle_msgids()
    assert {"Download PO file", "Upload PO file", "Publish in "} <= msgids
    text = (LOCALE / "lv/LC_MESSAGES/djangojs.po").read_text(encoding="utf-8")
    ours = {
        fields["msgid"]
        for block, fields in _entries(text)
        if "#, fuzzy" not in block and fields.get("msgstr")
    }
    assert sorted(msgids - ours) == []

    # The editor loads wagtail-localize's catalogue after Wagtail's: ours wins in it.
    client.force_login(editor)
    catalogue = client.get(
        reverse("wagtail_localize:javascript_catalog"), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    for latvian in (
        "Lejupielādēt PO failu",
        "Augšupielādēt PO failu",
        "Publicēt valodā: ",
        "segmenti iztulkoti",
    ):
        assert json.dumps(latvian) in catalogue, latvian
