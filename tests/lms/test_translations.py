"""The LV and EN catalogues are complete, reviewed (no fuzzy) and compiled."""

import ast
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def _entries(po_text: str):
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fields, current = {}, None
        for line in lines:
            match = re.match(
                r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line
            )
            if match:
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            yield block, fields


@pytest.mark.parametrize("language", ["lv", "en"])
def test_catalogue_is_complete_and_compiled(language):
    po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
    po_text = po_path.read_text(encoding="utf-8")
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    untranslated, fuzzy, stale = [], [], []
    for block, fields in _entries(po_text):
        if "#, fuzzy" in block:
            fuzzy.append(fields["msgid"])
        translations = [v for k, v in fields.items() if k.startswith("msgstr")]
        if not translations or not all(translations):
            untranslated.append(fields["msgid"])
        key = fields["msgid"]
        if "msgctxt" in fields:
            key = f"{fields['msgctxt']}\x04{key}"
        if "msgid_plural" in fields:
            key = (key, 0)
        if compiled.get(key) != (fields.get("msgstr") or fields.get("msgstr[0]")):
            stale.append(fields["msgid"])
    assert not untranslated, untranslated[:5]
    assert not fuzzy, fuzzy[:5]
    assert not stale, f"run compilemessages: {stale[:5]}"


# "Jūs" takes the plural: "Jūs esat pabeiguši", never "Jūs esat pabeidzis",
# which speaks to men only. The singular masculine participle ends in -is, -ies
# (active; not the plural -ušies nor an infinitive -ties) or -ts (passive)
# within two words of "esat".
SINGULAR_AFTER_ESAT = re.compile(
    r"\b(?:esat|neesat)\s+(?:\S+\s+){0,2}?\S+(?:is|(?<!uš)(?<!t)ies|ts)\b"
    r"|\bEsmu\s+\S+is\b"
)


def test_latvian_addresses_the_reader_in_the_polite_plural():
    po_text = (LOCALE / "lv" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    singular = [
        text
        for _block, fields in _entries(po_text)
        for key, text in fields.items()
        if key.startswith("msgstr") and SINGULAR_AFTER_ESAT.search(text)
    ]
    assert singular == []
