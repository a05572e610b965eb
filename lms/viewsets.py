"""Wagtail admin viewsets whose every view is limited to what the user may see.

A viewset names a permissions function (`scope`) from the owning app; this
module only applies it, so the scoping rules themselves stay in the apps'
permissions.py. Listings, exports, object pages, choosers, bulk actions and
form choices all go through it.

The scope is registered as the model's Wagtail permission policy, and
Wagtail's hooks apply it where Wagtail 8 has one: `get_queryset(request)` for
the listing, the chooser queryset hook for the chooser, the bulk-action
registry for the bulk delete. The view subclasses below are the places with no
hook; each says why.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import get_list_or_404
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser, snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lms.spreadsheets import SafeSpreadsheetExportMixin


def in_scope(scope, user, model, pk) -> bool:
    # Scope functions always get a queryset: some (reference data) serve
    # several models and have no default of their own.
    return scope(user, model._default_manager.filter(pk=pk)).exists()


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, further limited to the instances in the user's scope."""

    def __init__(self, model, scope):
        super().__init__(model)
        self.scope = scope

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and in_scope(
            self.scope, user, self.model, instance.pk
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and in_scope(
            self.scope, user, self.model, instance.pk
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user, self.model._default_manager.all())


def scoped_for(user, queryset):
    """`queryset` limited by the scope registered for its model, if any."""
    policy = policy_registry.get_by_type(queryset.model)
    if isinstance(policy, ScopedPermissionPolicy):
        return policy.scope(user, queryset)
    return queryset


class ScopedObjectMixin:
    # No hook: Wagtail's object views load by pk (get_object_or_404 or the
    # model's default manager), never through the viewset's get_queryset.
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        # 404 rather than 403: another institution's records are not even
        # acknowledged to exist.
        same = type(obj)._default_manager.filter(pk=obj.pk)
        if not scoped_for(self.request.user, same).exists():
            raise Http404
        return obj


class ScopedFormMixin:
    choice_scopes: dict = {}

    # No hook: formfield_for_dbfield and get_form_class have no request.
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        for name, scope in self.choice_scopes.items():
            if name in form.fields:
                field = form.fields[name]
                field.queryset = scope(self.request.user, field.queryset)
        return form


class ServiceSaveMixin:
    """Save through the app's service (`save_with(instance, user)`), then log.

    Forms only validate input; the service applies the domain rules (derived
    fields, who recorded what) exactly as imports and commands do.
    """

    save_with = None
    # True when `save_with` writes its own audit-log entry (with the channel).
    save_logs = False
    log_action_name = None

    def form_valid(self, form):
        # The service refuses what the user may not write (another
        # institution's record, their own scope) or what it checks beyond the
        # form (an evidence file's content): shown on the form, nothing saved.
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for name, messages in error.update_error_dict({}).items():
                known = name in form.fields and name != NON_FIELD_ERRORS
                form.add_error(name if known else None, messages)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        if self.save_with is None:
            return super().save_instance()
        instance = self.save_with(self.form.save(commit=False), self.request.user)
        self.form.save_m2m()
        if not self.save_logs:
            log(instance, self.log_action_name, user=self.request.user)
        return instance


class ScopedIndexView(SafeSpreadsheetExportMixin, snippets.IndexView):
    """The listing itself is scoped by ScopedSnippetViewSet.get_queryset."""

    # No hook for export cells: Wagtail writes them unescaped (formulae).


class ScopedCreateView(ServiceSaveMixin, ScopedFormMixin, snippets.CreateView):
    # No hook: save_instance and get_form are Wagtail's customisation points.
    log_action_name = "wagtail.create"


class ScopedEditView(
    ServiceSaveMixin, ScopedObjectMixin, ScopedFormMixin, snippets.EditView
):
    # No hook: as ScopedCreateView, plus the object lookup.
    log_action_name = "wagtail.edit"


class ScopedDeleteView(ScopedObjectMixin, snippets.DeleteView):
    # No hook for the object lookup (ScopedObjectMixin).
    pass


class ScopedInspectView(ScopedObjectMixin, snippets.InspectView):
    # No hook for the object lookup (ScopedObjectMixin).
    pass


class ScopedHistoryView(ScopedObjectMixin, snippets.HistoryView):
    # No hook for the object lookup (ScopedObjectMixin).
    pass


class ScopedUsageView(ScopedObjectMixin, snippets.UsageView):
    # No hook for the object lookup (ScopedObjectMixin).
    pass


CHOOSER_QUERYSET_HOOK = "construct_snippet_chooser_queryset"


class ScopedChosenView(chooser.SnippetChosenView):
    # No hook: the chosen views look the ids up with no queryset hook.
    def get_object(self, pk):
        # Out of scope raises DoesNotExist, which the view turns into a 404.
        return scoped_for(self.request.user, self.model_class.objects.all()).get(pk=pk)


class ScopedChosenMultipleView(chooser.SnippetChosenMultipleView):
    # No hook: as ScopedChosenView.
    def get_objects(self, pks):
        # Out-of-scope ids are skipped, as if they did not exist.
        return scoped_for(self.request.user, super().get_objects(pks))


class ScopedChooserViewSet(chooser.SnippetChooserViewSet):
    """The chooser modal behind foreign-key fields lists only what the user sees.

    The listing and its results go through Wagtail's chooser queryset hook
    (as the image and document choosers do), registered in lms/wagtail_hooks.py.
    """

    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView

    def get_common_view_kwargs(self, **kwargs):
        # Only the choose and results views have this attribute; construct_view
        # drops it for the others.
        return super().get_common_view_kwargs(
            construct_queryset_hook_name=CHOOSER_QUERYSET_HOOK, **kwargs
        )

    def get_urlpatterns(self):
        # Without a creation form the modal has no "create" tab, and Wagtail's
        # create URL would fail with a 500 on the missing form: leave it out.
        patterns = super().get_urlpatterns()
        if self.creation_form_class or self.form_fields or self.exclude_form_fields:
            return patterns
        return [pattern for pattern in patterns if pattern.name != "create"]


class ScopedSnippetViewSet(SnippetViewSet):
    """A SnippetViewSet whose listings, exports and object pages are scoped.

    Set `scope` to `staticmethod(<things>_visible_to)` (signature
    `(user, queryset=None)`), optionally `selector` to a `<thing>_list` selector
    that adds select_related, `choice_scopes` to limit foreign-key choices and
    `save_with` to the app's save service.
    """

    scope = None
    selector = None
    choice_scopes: dict = {}
    save_with = None
    save_logs = False
    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    # Copying a person or a coded record only produces a duplicate-key error.
    # (Were it enabled, Wagtail's copy view asks the scoped policy: 403.)
    copy_view_enabled = False

    chooser_viewset_class = ScopedChooserViewSet

    def get_queryset(self, request):
        # Wagtail's hook for the listing (and so its exports).
        if self.scope is None and self.selector is None:
            return None
        qs = self.model._default_manager.all()
        if self.scope is not None:
            qs = self.scope(request.user, qs)
        if self.selector is not None:
            qs = self.selector(queryset=qs)
        return qs

    def register_permissions(self):
        # Wagtail 8 asks for register_permission_policy() (the viewset's
        # `permission_policy` property is deprecated). It must happen before
        # Wagtail registers its fallback policy, so here rather than in a hook
        # module. Every view, bulk action, chooser and menu item then finds the
        # scope in the registry (scoped_for).
        if self.scope is not None and not policy_registry.get_by_type(
            self.model, fallback=False
        ):
            register_permission_policy(
                self.model,
                ScopedPermissionPolicy(self.model, self.scope),
                exact_class=True,
            )
        super().register_permissions()

    def get_common_view_kwargs(self, **kwargs):
        # construct_view passes each view only the attributes it declares.
        return super().get_common_view_kwargs(
            choice_scopes=self.choice_scopes,
            save_with=self.save_with,
            save_logs=self.save_logs,
            **kwargs,
        )


class ScopedBulkActionMixin:
    """Bulk actions read the selected ids through the listing's scope.

    Out-of-scope ids are skipped as if they did not exist (404 when none is
    left), so a confirmation page never names another institution's records.
    """

    # No hook: Wagtail's get_queryset is a classmethod without the request,
    # and its check_perm would list out-of-scope records by name as "no access".
    def get_queryset(self, model, object_ids):
        objects = model._default_manager.filter(pk__in=object_ids)
        return get_list_or_404(scoped_for(self.request.user, objects))


class ScopedDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's snippet bulk delete, registered in its place (same action type).

    The bulk action registry keys actions by type, so registering this one
    after Wagtail's (lms/wagtail_hooks.py, order=1) replaces it for snippets.
    """


__all__ = [
    "ScopedBulkActionMixin",
    "ScopedDeleteBulkAction",
    "CHOOSER_QUERYSET_HOOK",
    "ScopedSnippetViewSet",
    "SnippetViewSetGroup",
]
