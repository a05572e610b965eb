"""Wagtail admin viewsets whose every view is limited to what the user may see.

A viewset names a permissions function (`scope`) from the owning app; this
module only applies it, so the scoping rules themselves stay in the apps'
permissions.py. Listings, exports, object pages, bulk actions and form choices
all go through it.
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


class ScopedViewMixin:
    scope = None
    selector = None
    choice_scopes: dict = {}
    save_with = None
    # True when `save_with` writes its own audit-log entry (with the channel).
    save_logs = False


class ScopedObjectMixin(ScopedViewMixin):
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        # 404 rather than 403: another institution's records are not even
        # acknowledged to exist.
        if self.scope and not in_scope(
            self.scope, self.request.user, type(obj), obj.pk
        ):
            raise Http404
        return obj


class ScopedFormMixin(ScopedViewMixin):
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        for name, scope in self.choice_scopes.items():
            if name in form.fields:
                field = form.fields[name]
                field.queryset = scope(self.request.user, field.queryset)
        return form


class ServiceSaveMixin(ScopedViewMixin):
    """Save through the app's service (`save_with(instance, user)`), then log.

    Forms only validate input; the service applies the domain rules (derived
    fields, who recorded what) exactly as imports and commands do.
    """

    log_action_name = None

    def save_instance(self):
        if self.save_with is None:
            return super().save_instance()
        instance = self.save_with(self.form.save(commit=False), self.request.user)
        self.form.save_m2m()
        if not self.save_logs:
            log(instance, self.log_action_name, user=self.request.user)
        return instance

    def form_valid(self, form):
        # A rule the service checks beyond the form (an evidence file's
        # content, say) comes back as a form error, with nothing saved.
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for name, messages in error.update_error_dict({}).items():
                known = name in form.fields and name != NON_FIELD_ERRORS
                form.add_error(name if known else None, messages)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ScopedIndexView(ScopedViewMixin, SafeSpreadsheetExportMixin, snippets.IndexView):
    def get_base_queryset(self):
        qs = super().get_base_queryset()
        if self.scope:
            qs = self.scope(self.request.user, qs)
        if self.selector:
            qs = self.selector(queryset=qs)
        return qs


class ScopedCreateView(ServiceSaveMixin, ScopedFormMixin, snippets.CreateView):
    log_action_name = "wagtail.create"


class ScopedEditView(
    ServiceSaveMixin, ScopedObjectMixin, ScopedFormMixin, snippets.EditView
):
    log_action_name = "wagtail.edit"


class ScopedCopyView(ScopedObjectMixin, ScopedFormMixin, snippets.CopyView):
    pass


class ScopedDeleteView(ScopedObjectMixin, snippets.DeleteView):
    pass


class ScopedInspectView(ScopedObjectMixin, snippets.InspectView):
    pass


class ScopedHistoryView(ScopedObjectMixin, snippets.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, snippets.UsageView):
    pass


class ScopedChooserMixin:
    """Every chooser view reads its objects through the listing's scope."""

    scope = None

    def scoped(self, objects):
        return self.scope(self.request.user, objects) if self.scope else objects


class ScopedChooseView(ScopedChooserMixin, chooser.ChooseView):
    def get_object_list(self):
        return self.scoped(super().get_object_list())


class ScopedChooseResultsView(ScopedChooserMixin, chooser.ChooseResultsView):
    def get_object_list(self):
        return self.scoped(super().get_object_list())


class ScopedChosenView(ScopedChooserMixin, chooser.SnippetChosenView):
    def get_object(self, pk):
        # Out of scope raises DoesNotExist, which the view turns into a 404.
        return self.scoped(self.model_class.objects.all()).get(pk=pk)


class ScopedChosenMultipleView(ScopedChooserMixin, chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        # Out-of-scope ids are skipped, as if they did not exist.
        return self.scoped(super().get_objects(pks))


class ScopedChooserViewSet(chooser.SnippetChooserViewSet):
    """The chooser modal behind foreign-key fields lists only what the user sees."""

    scope = None
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(scope=self.scope, **kwargs)

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
    that adds select_related, and `choice_scopes` to limit foreign-key choices.
    """

    scope = None
    selector = None
    choice_scopes: dict = {}
    save_with = None
    save_logs = False
    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    copy_view_class = ScopedCopyView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    # Copying a person or a coded record only produces a duplicate-key error.
    copy_view_enabled = False

    chooser_viewset_class = ScopedChooserViewSet

    @property
    def chooser_viewset(self):
        viewset = super().chooser_viewset
        viewset.scope = self.scope
        return viewset

    def register_permissions(self):
        # Registered before Wagtail creates its fallback policy, so that bulk
        # actions (which consult the registry) check the scope too.
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
        return super().get_common_view_kwargs(
            scope=self.scope,
            selector=self.selector,
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

    def get_queryset(self, model, object_ids):
        # An instance method on purpose: Wagtail's classmethod has no request.
        objects = model._default_manager.filter(pk__in=object_ids)
        return get_list_or_404(scoped_for(self.request.user, objects))


class ScopedDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's snippet bulk delete, registered in its place (same action type)."""


__all__ = [
    "ScopedBulkActionMixin",
    "ScopedDeleteBulkAction",
    "ScopedSnippetViewSet",
    "SnippetViewSetGroup",
]
