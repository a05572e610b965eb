"""What the public pages show that does not change per request, cached.

The site's structure (section links, footer, a page's translations) and the
content of a page (a course's text and taxonomy, a catalogue listing) change
only when an editor publishes, unpublishes, moves or deletes a page, or saves
a setting or a taxonomy entry. Every such change calls `page_cache_clear()`,
which moves one *generation* stamp in the shared cache (`default`: files or
Redis, seen by every worker). Cached values live in each process's memory
(the `pages` cache, LocMem) under a key that includes the stamp, so one shared
read per request decides whether they are still good, and a change in one
worker reaches every other at once.

Nothing per user is cached here: the header's personal links and the CSRF
token are rendered on every request.
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db import transaction

GENERATION_KEY = "lms:page-cache:generation"
LOCAL_CACHE = "pages"
# Per person (the dashboard): a cache of its own, so that many learners never
# push the public pages' entries out.
PEOPLE_CACHE = "people"
# Old generations are never read again; they age out of the local cache.
TIMEOUT = 60 * 60 * 24
_MISSING = object()


def page_cache_generation(request=None) -> str:
    """The current generation stamp, read once per request."""
    if request is not None:
        memo = getattr(request, "_page_cache_generation", None)
        if memo is not None:
            return memo
    shared = caches["default"]
    value = shared.get(GENERATION_KEY)
    if value is None:
        # A cleared or evicted stamp starts a new generation.
        shared.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = shared.get(GENERATION_KEY)
    if request is not None:
        request._page_cache_generation = value
    return value


def page_cache_get_or_set(request, key: str, compute: Callable[[], Any]) -> Any:
    """`compute()`'s value for `key` in the current generation, computed once."""
    return _local_get_or_set(
        f"{page_cache_generation(request)}:{key}", compute, TIMEOUT
    )


def _local_get_or_set(
    full_key: str, compute: Callable[[], Any], timeout: int, cache: str = LOCAL_CACHE
) -> Any:
    local = caches[cache]
    value = local.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        local.set(full_key, value, timeout)
    return value


def page_cache_get_many(
    request, keys: list[str], compute_missing: Callable[[list[str]], dict]
) -> dict:
    """The values of `keys` in the current generation; `compute_missing(keys)`
    computes those not cached yet, all at once (one query for many)."""
    generation = page_cache_generation(request)
    local = caches[LOCAL_CACHE]
    found = local.get_many([f"{generation}:{key}" for key in keys])
    values = {
        key: found[f"{generation}:{key}"]
        for key in keys
        if f"{generation}:{key}" in found
    }
    missing = [key for key in keys if key not in values]
    if missing:
        computed = compute_missing(missing)
        local.set_many(
            {f"{generation}:{key}": computed[key] for key in missing}, TIMEOUT
        )
        values.update(computed)
    return values


def _new_generation() -> None:
    caches["default"].set(GENERATION_KEY, uuid.uuid4().hex, None)


def page_cache_clear() -> None:
    """Start a new generation: every process recomputes what it cached.

    Called at once, so that the same transaction reads its own change, and
    again on commit, so that a value another request cached from the data
    before the commit is never served afterwards.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def _changed(sender, **kwargs) -> None:
    page_cache_clear()


def page_cache_clear_on_change(*models) -> None:
    """Clear the page cache whenever a record of one of `models` is saved or deleted.

    Apps call it from `AppConfig.ready()` for what their pages show (courses:
    footer settings, competences), as lms/ does for Wagtail's pages.
    """
    from django.db.models.signals import post_delete, post_save

    for model in models:
        uid = f"lms.page_cache.{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")


def _page_changed(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    # Page subclasses send the signal with their own class as sender.
    if isinstance(instance, Page):
        page_cache_clear()


def page_cache_connect() -> None:
    """Watch Wagtail's pages, view restrictions, sites and locales."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_unpublished, post_page_move

    post_save.connect(_page_changed, dispatch_uid="lms.page_cache.page.save")
    post_delete.connect(_page_changed, dispatch_uid="lms.page_cache.page.delete")
    post_page_move.connect(_changed, dispatch_uid="lms.page_cache.page.move")
    page_unpublished.connect(_changed, dispatch_uid="lms.page_cache.page.unpublish")
    page_cache_clear_on_change(PageViewRestriction, Site, Locale)
    # Imports write in bulk, without post_save, and announce it on commit.
    from lms.imports.signals import import_applied

    page_cache_signal_clears(import_applied)
    # Who may open the admin (lms.permissions.can_open_admin): group
    # memberships and permissions. A user's own flags are read per request.
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed

    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            _changed,
            sender=through,
            dispatch_uid=f"lms.page_cache.{through._meta.label_lower}",
        )
    page_cache_clear_on_change(Group, Permission)


class CachedRouteMixin:
    """Routing through a Page subclass with the page tree's answer cached.

    Wagtail's `Page.route` asks the database twice at every level of the URL
    (the child by slug, then its specific row). This asks once, in total, for
    the page the path leads to: which page a path reaches changes only with
    the pages themselves, which clear the cache. Intermediate pages whose
    class routes as Wagtail's `Page` does are skipped, as Wagtail would pass
    through them; a page with routing of its own (RoutablePageMixin) gets the
    rest of the path. Liveness is checked on the page reached, as Wagtail does.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        key = f"route:{self.pk}:{'/'.join(path_components)}"
        walked = []  # the page found on a cache miss: no need to fetch it again
        target = page_cache_get_or_set(
            request, key, lambda: self._route_target(path_components, walked)
        )
        if target is None:
            # Nothing there: Wagtail's own way raises the 404.
            return super().route(request, path_components)
        page_id, content_type_id, consumed = target
        if walked:
            page = walked[0]
        else:
            from django.contrib.contenttypes.models import ContentType

            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model._default_manager.get(pk=page_id)
        return page.route(request, path_components[consumed:])

    def _route_target(self, path_components, walked) -> tuple[int, int, int] | None:
        from wagtail.models import Page

        plain_routes = (Page.route, CachedRouteMixin.route)
        page, consumed = self, 0
        for slug in path_components:
            child = page.get_children().filter(slug=slug).first()
            if child is None:
                return None
            child._cached_parent_obj = page
            page, consumed = child.specific, consumed + 1
            if type(page).route not in plain_routes:
                break
        walked.append(page)
        return page.pk, page.content_type_id, consumed


def active_locale_id() -> int:
    """The id of the request language's Locale, without a query per request.

    Locales change only with the site's configuration, which moves the
    generation stamp; every page and panel that filters by locale asks here.
    """
    from django.utils.translation import get_language
    from wagtail.models import Locale

    return page_cache_get_or_set(
        None, f"locale:active:{get_language()}", lambda: Locale.get_active().pk
    )


def default_locale_id() -> int:
    """The id of the default (Latvian) Locale, cached as active_locale_id is."""
    from wagtail.models import Locale

    return page_cache_get_or_set(
        None, "locale:default", lambda: Locale.get_default().pk
    )


# --- Per person --------------------------------------------------------------
# A learner's own pages (the dashboard) show records that only they and the
# people who act on them change. Each person has a stamp of their own in the
# shared cache, moved whenever one of their records is written; what is cached
# for them is keyed by the page generation, their stamp and the day, and lives
# at most PERSON_TIMEOUT, so that what only time changes (a session that has
# begun) and anything a bulk write forgot to announce is recomputed soon.
PERSON_KEY = "lms:page-cache:person:{}"
PERSON_TIMEOUT = 60 * 10
# Above this many people at once, a new generation is cheaper than their stamps.
PEOPLE_TOUCH_MAX = 200


def person_stamp(request, person_id: int) -> str:
    """The person's current stamp, read once per request."""
    memo = getattr(request, "_person_stamps", None) if request is not None else None
    if memo is not None and person_id in memo:
        return memo[person_id]
    shared = caches["default"]
    key = PERSON_KEY.format(person_id)
    value = shared.get(key)
    if value is None:
        shared.add(key, uuid.uuid4().hex, None)
        value = shared.get(key)
    if request is not None:
        if memo is None:
            memo = request._person_stamps = {}
        memo[person_id] = value
    return value


def person_cache_get_or_set(
    request, person_id: int, key: str, compute: Callable[[], Any]
) -> Any:
    """`compute()`'s value for one person's `key`, until their records change."""
    from django.utils import timezone

    full_key = (
        f"{page_cache_generation(request)}:{person_stamp(request, person_id)}:"
        f"{timezone.localdate().isoformat()}:person:{person_id}:{key}"
    )
    return _local_get_or_set(full_key, compute, PERSON_TIMEOUT, PEOPLE_CACHE)


def _new_person_stamps(person_ids: frozenset) -> None:
    caches["default"].set_many(
        {PERSON_KEY.format(pk): uuid.uuid4().hex for pk in person_ids}, None
    )


def people_touch(person_ids) -> None:
    """Move the stamps of `person_ids`: what is cached for them is recomputed.

    At once and again on commit, as `page_cache_clear` does. Services that
    write people's records in bulk (no post_save) call it with the ids.
    """
    ids = frozenset(pk for pk in person_ids if pk is not None)
    if not ids:
        return
    if len(ids) > PEOPLE_TOUCH_MAX:
        # One shared write instead of thousands (a large assignment, a bulk
        # enrolment): everyone's cached pages are recomputed instead.
        page_cache_clear()
        return
    _new_person_stamps(ids)
    transaction.on_commit(lambda: _new_person_stamps(ids))


def people_touch_on_change(model, person_of: Callable[[Any], Any]) -> None:
    """Touch the person a record of `model` belongs to whenever one is saved
    or deleted; `person_of(instance)` gives the person's id (or ids)."""
    from django.db.models.signals import post_delete, post_save

    def changed(sender, instance, **kwargs):
        owner = person_of(instance)
        people_touch(owner if isinstance(owner, list | tuple | set) else [owner])

    uid = f"lms.page_cache.person.{model._meta.label_lower}"
    post_save.connect(changed, sender=model, dispatch_uid=uid + ".save", weak=False)
    post_delete.connect(changed, sender=model, dispatch_uid=uid + ".delete", weak=False)


def page_cache_signal_clears(*signals) -> None:
    """Clear the page cache whenever one of `signals` is sent: the bulk writes
    (imports, moves) that announce themselves instead of sending post_save."""
    for signal in signals:
        signal.connect(_changed, dispatch_uid=f"lms.page_cache.signal.{id(signal)}")
