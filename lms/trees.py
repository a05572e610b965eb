"""Parent-link trees: loop detection and bounded walks, with no domain rules.

Organisations and competence frameworks are stored as plain parent links. Both
need the same two things: refuse a set of links that would form a loop, and
walk up a chain without ever spinning forever on bad data already stored.
"""

from collections.abc import Callable, Hashable, Mapping
from graphlib import CycleError, TopologicalSorter

# Far deeper than any real hierarchy (ministry, sector, institution, units);
# a walk that goes further is on a loop stored before the rule existed.
MAX_DEPTH = 64


def parent_cycle(parents: Mapping[Hashable, Hashable | None]) -> list:
    """One loop among {node: parent} links, as [a, b, …, a], or [] if there is none.

    Uses the standard library's `graphlib`, which names the nodes of a cycle.
    """
    sorter = TopologicalSorter(
        {node: () if parent is None else (parent,) for node, parent in parents.items()}
    )
    try:
        sorter.prepare()
    except CycleError as error:
        return list(reversed(error.args[1]))
    return []


def ancestors(
    start: Hashable,
    parent_of: Callable[[Hashable], Hashable | None],
    *,
    max_depth: int = MAX_DEPTH,
) -> list:
    """The chain of parents above `start`, nearest first, stopping on a loop.

    `parent_of(node)` returns the parent or None. A node met twice ends the walk
    (a stored loop), and so does `max_depth`.
    """
    chain: list = []
    seen = {start}
    node = parent_of(start)
    while node is not None and node not in seen and len(chain) < max_depth:
        chain.append(node)
        seen.add(node)
        node = parent_of(node)
    return chain
