# ruff: noqa: E501
"""Wagtail's workflow, validation and success messages, and Django's form and\ntimesince strings whose Latvian needs correcting (see the package docstring)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MSGIDS = (
    ngettext_lazy(
        'Only pages of type "%(type)s" may be chosen for this field. Search results will exclude pages of other types.',
        "Only the following page types may be chosen for this field: %(type)s. Search results will exclude pages of other types.",
        "n",
    ),
    _(
        'No collections have been created. Why not <a href="%(add_collection_url)s">add one</a>?'
    ),
    _('Sorry, there are no matches for "<em>%(search_query)s</em>"'),
    _("Publish %(model_name)s"),
    _(
        "This %(model_name)s was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    _(
        "This %(model_name)s is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    _("Publishing this %(model_name)s will cancel the current workflow."),
    _("Cancel"),
    _(
        "Preview cannot display due to validation errors. <br /> Click save to highlight the relevant fields."
    ),
    _("Changes"),
    _("Language"),
    _("Task submitted by"),
    _('The page "%(title)s" has been approved in moderation stage "%(task)s".'),
    _(
        'The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".'
    ),
    _('The page "%(title)s" has been approved in "%(task)s".'),
    _('The %(model_name)s "%(title)s" has been approved in "%(task)s".'),
    _(
        'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
    ),
    _(
        'The page "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    ),
    _(
        'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    _('The page "%(title)s" has been approved in workflow "%(workflow)s".'),
    _('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    _('The page "%(title)s" has been approved in "%(workflow)s".'),
    _('The %(model_name)s "%(title)s" has been approved in "%(workflow)s".'),
    _(
        'The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
    ),
    _(
        'The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    _(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
    ),
    _(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    _('The page "%(title)s" has been rejected during "%(workflow)s".'),
    _('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
    _(
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    _(
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    _('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
    _('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
    _("Publish this version"),
    _("Sorry, you cannot create a page at this location."),
    ngettext_lazy("Publish 1 page", "Publish %(counter)s pages", "n"),
    ngettext_lazy("Unpublish 1 page", "Unpublish %(counter)s pages", "n"),
    _("Publish page"),
    _(
        "This page was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    _(
        "This page is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    _("Publishing this page will cancel the current workflow."),
    _("No results across entire site."),
    _("Search in '<span class=\"w-title-ellipsis\">%(title)s</span>'"),
    _("No results in '<span class=\"w-title-ellipsis\">%(title)s</span>'."),
    _("Search the whole site"),
    _("One or more references to this %(model_name)s prevent it from being deleted."),
    _("Workflow started"),
    _("Workflow completed"),
    _("This page hasn't been submitted for moderation yet"),
    _("This %(model_name)s hasn't been submitted for moderation yet"),
    _("Are you sure you want to disable this workflow?"),
    _("Assign your workflow to pages"),
    _("This workflow is disabled so it cannot be assigned to any pages."),
    _("Used on the following active workflows"),
    _('No workflows have been created. Why not <a href="%(add_url)s">add one</a>?'),
    _('There are no enabled workflows. Why not <a href="%(add_url)s">add one</a>?'),
    _("Choose which type of task you'd like to create."),
    _("Choose a task"),
    _("Choose a different task type"),
    _('Sorry, no tasks match "<em>%(query_string)s</em>"'),
    _('No tasks have been created. Why not <a href="%(add_url)s">add one</a>?'),
    _("Submitted"),
    _("Changes requested by %(requested_by)s"),
    _("Changes requested"),
    _("Cancelled by %(cancelled_by)s"),
    _("Approved by %(approved_by)s"),
    _("Changes requested %(finished_at)s"),
    _("Your account settings have been changed successfully!"),
    _("Cancel scheduled publish"),
    _("Workflow history"),
    _("Workflow progress"),
    _("%(model_name)s '%(object)s' updated."),
    _("%(model_name)s '%(object)s' has been submitted for moderation."),
    _("%(model_name)s '%(object)s' created and submitted for moderation."),
    _("Workflow on %(model_name)s '%(object)s' has been restarted."),
    _("Workflow on %(model_name)s '%(object)s' has been cancelled."),
    _("The %(model_name)s could not be saved as it is locked"),
    _("The %(model_name)s could not be created due to errors."),
    _("There are validation errors, click save to highlight them."),
    _("The %(model_name)s could not be saved due to errors."),
    _("%(model_name)s '%(object)s' deleted."),
    _("Choose parent"),
    _("The page could not be created due to validation errors."),
    _("Workflow on page '%(page_title)s' has been cancelled."),
    _("Workflow on page '%(page_title)s' has been restarted."),
    _("The page could not be saved as it is locked."),
    _("The page could not be saved due to validation errors."),
    _("By workflow"),
    _("Add a workflow"),
    _("New workflow"),
    _("Workflow '%(object)s' created."),
    _("Editing workflow"),
    _("Workflow '%(object)s' updated."),
    _("Disable workflow"),
    _("Workflow '%(object)s' disabled."),
    _("Workflow '%(workflow_name)s' enabled."),
    _("Workflow removed from Page '%(page_title)s'."),
    _("New workflow task"),
    _("Task '%(object)s' created."),
    _("Task '%(object)s' updated."),
    _("Choose another"),
    _('Sorry, no documents match "<em>%(search_query)s</em>"'),
    _('Sorry, no documents match "<em>%(query_string)s</em>"'),
    _("You need a password to access this document."),
    _("The document could not be created due to errors."),
    _("The file could not be found. Please change the source or delete the document."),
    ngettext_lazy(
        "%(count)d %(model_name)s deleted.", "%(count)d %(model_name)s deleted.", "n"
    ),
    _('Sorry, no snippets match "<em>%(search_query)s</em>"'),
    _("The two password fields didn't match."),
    _("Enter the same password as above, for verification."),
    ngettext_lazy(
        "Change active state for 1 user",
        "Change active state for %(counter)s users",
        "n",
    ),
    _('Sorry, no groups match "%(query)s"'),
    _("Sorry, no users match your query"),
    _("Change the active state for selected users"),
    _("User '%(object)s' deleted."),
    _("Add %(model_name)s"),
    _("%(model_name)s '%(object)s' created."),
    _("Edit this %(object)s"),
    _("Editing %(page_type)s"),
    _("Pages using %(page_type)s"),
    _("Delete %(snippet_type_name)s"),
    _("Choose %(object)s"),
    _("Choose another %(object)s"),
    _("Submit to %(workflow_name)s"),
    _("%(objects)s snippets selected"),
    _("All %(objects)s snippets on this screen selected"),
    _("%(objects)s pages selected"),
    _("User '%(object)s' created."),
    _("Group '%(object)s' created."),
    _("The password is too similar to the %(verbose_name)s."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "n",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "n",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "n",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "n",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "n",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "n",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        "n",
    ),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
        "n",
    ),
    ngettext_lazy(
        "Please submit at most %(num)d form.",
        "Please submit at most %(num)d forms.",
        "n",
    ),
    ngettext_lazy(
        "Please submit at least %(num)d form.",
        "Please submit at least %(num)d forms.",
        "n",
    ),
    ngettext_lazy("%(size)d byte", "%(size)d bytes", "n"),
    ngettext_lazy("%(num)d year", "%(num)d years", "n"),
    ngettext_lazy("%(num)d month", "%(num)d months", "n"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "n"),
    ngettext_lazy("%(num)d day", "%(num)d days", "n"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "n"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "n"),
    _("There are no results."),
    _(
        'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'
    ),
    _("There are no differences between these two versions"),
    _("There is no valid destination page for these pages"),
    _(
        "There is no site set up for this location. Pages created here will not be accessible at any URL until a site is associated with this location."
    ),
    _(
        "There is no site record for this location. Pages created here will not be accessible at any URL."
    ),
    _("No pages found."),
    _("No locked pages found."),
    _("No page types found."),
    _("No log entries found."),
    _(
        'Why not <a class="create-one-now" href="#tab-new" data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" data-w-tabs-focus-param="true">create one now</a>?'
    ),
    _('There are no enabled tasks. Why not <a href="%(add_url)s">add one</a>?'),
    _(
        'You haven\'t created any %(snippet_type_name)s snippets. Why not <a href="%(wagtailsnippets_create_snippet_url)s" target="_blank" rel="noreferrer">create one now</a>?'
    ),
    _("%(related_model_name)s %(field_label)s"),
    _("No one can make changes while the %(model_name)s is locked"),
    _("Only you can make changes while the %(model_name)s is locked"),
    _("Only %(user)s can make changes while the %(model_name)s is locked"),
    _("This %(model_name)s is currently awaiting moderation."),
    _("Only reviewers for this task can edit the %(model_name)s."),
    _(
        "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"
    ),
    _("Only reviewers can edit and approve the %(model_name)s"),
    _("Cannot overwrite a revision that is not the latest for this %(model_name)s."),
    _("the %(model_name)s will also be deleted"),
    _("will be set to the default %(model_name)s"),
    _("will be set to a %(model_name)s specified by the system"),
    _("Workflow '%(workflow_name)s' on %(model_name)s '%(title)s': %(status)s"),
    _("%(model_name)s scheduled for publishing at %(go_live_at)s"),
    _("%(model_name)s scheduled for publishing"),
    _("%(model_name)s unscheduled for publishing at %(go_live_at)s"),
    _("%(model_name)s unscheduled from publishing"),
    _("Are you sure you want to unpublish this %(model_name)s?"),
    _("Would you still like to publish this %(model_name)s?"),
    _("You can edit the %(model_name)s here:"),
    _(
        'The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".'
    ),
    _('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    _("You can preview the %(model_name)s here:"),
    _(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
    _(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    _("%(model_name)s '%(title)s' is now unlocked."),
    _("%(model_name)s '%(object)s' has been scheduled for publishing."),
    _("%(model_name)s '%(object)s' created and scheduled for publishing."),
    _(
        "%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."
    ),
    _("%(model_name)s '%(object)s' updated and published."),
    _("%(model_name)s '%(object)s' created and published."),
    _(
        "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> by %(user)s"
    ),
    _("%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."),
    _("Version from %(timestamp)s of %(model_name)s '%(object)s' has been published."),
    _(
        "Version from %(timestamp)s of %(model_name)s '%(object)s' has been scheduled for publishing."
    ),
    _("Are you sure you want to delete this %(model_name)s?"),
    _("'%(object)s' unpublished."),
    _("Create a new %(model_name)s"),
    _("Task '%(object)s' disabled."),
    _("Are you sure you want to delete this %(snippet_type_name)s?"),
    _("Are you sure you want to delete %(count)s %(snippet_type_name)s?"),
    _("You don't have permission to delete this %(snippet_type_name)s"),
    _("The %(model_name)s '%(title)s' is not currently awaiting moderation."),
    _("Go to Wagtail admin"),
    _("Wagtail admin"),
    _("Can access Wagtail admin"),
    _("Sign in to Wagtail"),
    _("View Wagtail quick actions"),
    _("Error 404"),
    _("The requested page could not be found."),
    _("Hello %(username)s,"),
)
