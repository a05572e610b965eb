"""Competence frameworks: a whole framework saved at once (Moodle's format)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from competences.models import Competence, CompetenceFramework
from competences.moodle import MoodleRow, depth_first
from competences.selectors import (
    framework_competences_by_code,
    framework_cross_reference_links,
)

BATCH_SIZE = 500


@dataclass
class FrameworkImportCounts:
    """Rows of the file that were new, changed or unchanged (the framework's own
    row included), and the framework's competences the file left out."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    left_out: int = 0
    # Competences created or changed: bulk writes skip the search index.
    written_ids: list[int] = field(default_factory=list)


@transaction.atomic
def framework_import(
    *, framework: MoodleRow, competences: list[MoodleRow]
) -> FrameworkImportCounts:
    """Create or update a framework and its competences, matched by code.

    The rows must be checked (moodle.parse): unique codes, known parents and
    related competences, no loop. Only the fields in `values` are written, so
    columns the file left out keep their stored values; competences not in the
    file are kept as they are. When every row has a `related` list, the
    related competences of the file's competences become exactly those listed.
    """
    counts = FrameworkImportCounts()
    stored = CompetenceFramework.objects.filter(code=framework.code).first()
    if stored is None:
        stored = CompetenceFramework.objects.create(
            code=framework.code, **framework.values
        )
        counts.new += 1
        existing = {}
    else:
        changed = _assign(stored, framework.values)
        if changed:
            stored.save(update_fields=changed)
            counts.updated += 1
        else:
            counts.unchanged += 1
        existing = framework_competences_by_code(framework=stored)

    in_file = {row.code for row in competences}
    counts.left_out = len(existing.keys() - in_file)

    order = _sort_orders(competences, existing)
    instances: dict[str, Competence] = {}
    created: list[Competence] = []
    changed_codes: set[str] = set()
    update_fields = {"sort_order", "parent"}
    for row in competences:
        values = {**row.values, "sort_order": order[row.code]}
        update_fields.update(values)
        instance = existing.get(row.code)
        if instance is None:
            instance = Competence(framework=stored, code=row.code, **values)
            created.append(instance)
        elif _assign(instance, values):
            changed_codes.add(row.code)
        instances[row.code] = instance
    Competence.objects.bulk_create(created, batch_size=BATCH_SIZE)
    ids = dict(stored.competences.values_list("code", "pk"))

    # Parents only now, when every competence of the file has an id.
    for row in competences:
        instance = instances[row.code]
        instance.pk = ids[row.code]
        parent_id = ids[row.parent] if row.parent else None
        if instance.parent_id != parent_id:
            instance.parent_id = parent_id
            if row.code in existing:
                changed_codes.add(row.code)
    to_update = [
        instance
        for code, instance in instances.items()
        if code in changed_codes or (code not in existing and instance.parent_id)
    ]
    Competence.objects.bulk_update(
        to_update, sorted(update_fields), batch_size=BATCH_SIZE
    )

    if all(row.related is not None for row in competences):
        changed_codes |= _set_cross_references(stored, competences, ids)

    # Only rows of the file count; new ones are counted as new.
    changed_codes &= existing.keys() & in_file
    written = changed_codes | {instance.code for instance in created}
    counts.new += len(created)
    counts.updated += len(changed_codes)
    counts.unchanged += len(competences) - len(created) - len(changed_codes)
    counts.written_ids = [ids[row.code] for row in competences if row.code in written]
    return counts


def _assign(instance, values: dict) -> list[str]:
    """Set the values that differ; return the names of those fields."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _sort_orders(rows: list[MoodleRow], existing: dict) -> dict[str, int]:
    """The sort order of each competence of the file.

    If the stored orders already put every competence's children in the file's
    order (as after importing our own export), they are kept. Otherwise the
    competences are numbered 1, 2, … depth-first, which is the file's order for
    a file in tree order as Moodle writes it.
    """
    if all(row.code in existing for row in rows):
        siblings = defaultdict(list)
        for row in rows:
            competence = existing[row.code]
            siblings[row.parent].append((competence.sort_order, competence.code))
        if all(keys == sorted(keys) for keys in siblings.values()):
            return {row.code: existing[row.code].sort_order for row in rows}
    return {row.code: index for index, row in enumerate(depth_first(rows), start=1)}


def _set_cross_references(framework, rows: list[MoodleRow], ids: dict) -> set[str]:
    """Make the related competences of the file's rows exactly those listed.

    The relation is symmetrical: a competence listed on another's row is related
    to it both ways. Returns the codes whose related competences changed.
    """
    through = Competence.cross_references.through
    in_file = {ids[row.code] for row in rows}
    wanted = set()
    for row in rows:
        for code in row.related:
            a, b = ids[row.code], ids[code]
            wanted.update({(a, b), (b, a)})
    current = framework_cross_reference_links(framework=framework)
    stale = {
        pair: pk
        for pair, pk in current.items()
        if (pair[0] in in_file or pair[1] in in_file) and pair not in wanted
    }
    missing = wanted - current.keys()
    stale_pks = list(stale.values())
    for start in range(0, len(stale_pks), BATCH_SIZE):
        through.objects.filter(pk__in=stale_pks[start : start + BATCH_SIZE]).delete()
    through.objects.bulk_create(
        [through(from_competence_id=a, to_competence_id=b) for a, b in missing],
        batch_size=BATCH_SIZE,
    )
    codes = {pk: code for code, pk in ids.items()}
    return {codes.get(a) for a, _b in [*stale, *missing]} - {None}
