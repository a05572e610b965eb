from lms.trees import ancestors, parent_cycle


def test_parent_cycle_names_the_loop_in_parent_order():
    assert parent_cycle({1: 2, 2: 3, 3: 1, 4: None}) == [1, 2, 3, 1]


def test_parent_cycle_is_empty_for_a_tree_and_catches_a_self_parent():
    assert parent_cycle({"a": "b", "b": None, "c": "b"}) == []
    assert parent_cycle({"a": "a"}) == ["a", "a"]


def test_ancestors_walks_up_and_stops_on_a_stored_loop():
    assert ancestors(1, {1: 2, 2: 3, 3: None}.get) == [2, 3]
    assert ancestors(1, {1: 2, 2: 1}.get) == [2]
    assert ancestors(0, {n: n + 1 for n in range(1000)}.get, max_depth=5) == [
        1,
        2,
        3,
        4,
        5,
    ]
