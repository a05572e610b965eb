# ruff: noqa: E501
"""wagtail-localize strings a Content editor sees (see the package docstring).

wagtail-localize ships four Latvian strings; these are the rest of its page
translation screens: the Translate action, the Translate page form, the
translation editor's server-rendered parts and messages, the sync form. The
editor's React strings are in locale/lv/LC_MESSAGES/djangojs.po. Snippet-only
and dummy-translator strings are left out: no snippet here is translatable.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MSGIDS = (
    _("Disable"),
    _("Translate"),
    _("Start Synced translation"),
    _("Up to date"),
    _("Waiting for translations"),
    _("Manual"),
    _("Machine"),
    _("Translated with {tool_name} on {date}"),
    _("Translated manually on {date}"),
    _("Machine translated on {date}"),
    _("This locale cannot be synced into itself."),
    _("Synchronise content from another locale"),
    _(
        "Choose a locale to synchronise content from. Any existing and future content authored in the selected locale will be automatically copied to this one."
    ),
    _(
        "<{}> tag is not allowed. Strings can only contain standard HTML inline tags (such as <b>, <a>)"
    ),
    _(
        "Strings cannot have any HTML tags with attributes (except for 'id' in <a> tags)"
    ),
    _("Unrecognised id found in an <a> tag: {}"),
    _("Enable"),
    _("Convert to alias %(title)s"),
    _("Convert to alias"),
    _(
        "Are you sure you want to convert this page into an alias? This will overwrite the content of the page with the content of '%(source_page_title)s' (%(source_page_locale)s)"
    ),
    _("Yes, convert it"),
    _("No, leave it as a page"),
    _(
        'This page hasn\'t been translated yet. It is mirroring the <a href="%(edit_original_page_url)s" target="_blank">%(original_locale)s page</a>.'
    ),
    _("Translate this page"),
    _("Translation of %(instance)s into %(locale)s"),
    _("Translations"),
    _("Editing %(object_type)s %(title)s"),
    _("Submit"),
    _("Go back"),
    _("Content type"),
    _("Source"),
    _("Target"),
    _("Status"),
    _("No translations found."),
    _("Why would I sync my page?"),
    _(
        "Changes are not automatically applied between translated pages. Syncing will add new content for translation and remove deleted content."
    ),
    _(
        "The last sync date was %(last_sync_date)s. You are about to sync the following:"
    ),
    _("Page '{}' has been converted into an alias."),
    _("Content"),
    _(
        "New validation errors were found when publishing '{object}' in {locale}. Please fix them or click publish again to ignore these translations for now."
    ),
    _("Published '{object}' in {locale} with missing translations - see below."),
    _("Published '{object}' in {locale}."),
    _(
        "The data model for '{model_name}' has been changed since the last translation sync. If any new fields have been added recently, these may not be visible until the next translation sync."
    ),
    _("Translation has been stopped."),
    _("Translation has been restarted."),
    _("Please upload a valid PO file."),
    _("Cannot import PO file that was created for a different translation."),
    _("Successfully imported translations from PO File."),
    _("Successfully translated with {}."),
    _("There isn't anything left to translate."),
    _("Source title"),
    _("All"),
    _("Select all"),
    _("Locales"),
    _("All child pages will be created."),
    ngettext_lazy("Include subtree ({} page)", "Include subtree ({} pages)", "n"),
    _("{} locales"),
    _("Translate page"),
    _(
        "The page '{page_title}' was successfully submitted for translation into {locales}"
    ),
    _("Publish immediately"),
    _(
        'Apply the updates and publish immediately. The changes will use the original language until translated unless you also select "Use machine translation".'
    ),
    _("Use machine translation"),
    _("Apply machine translations to the incoming changes."),
    _(
        "Apply the updates and publish immediately. The changes will use the original language until translated."
    ),
    _("Update existing translations"),
    _("Successfully updated translations for '{object}'"),
    _("Sync translated pages"),
    _("Translate '%(title)s'"),
    _("Convert to alias page"),
    _("Convert page to alias"),
    _(
        "Converted page '%(title)s' to an alias of the translation source page '%(source_title)s'"
    ),
    _("Converted page to an alias of the translation source page"),
)
