from hypothesis import given, strategies as st

from tahqiq.components import Components


def test_groups_and_membership():
    c = Components()
    c.union("a", "b")
    c.union("c", "b")
    c.find("d")
    assert sorted(map(sorted, c.groups())) == [["a", "b", "c"], ["d"]]
    assert "a" in c and "z" not in c


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=40))
def test_same_components_as_reachability(edges):
    c = Components(range(21))
    for a, b in edges:
        c.union(a, b)
    adj = {i: {i} for i in range(21)}
    changed = True
    for a, b in edges:
        adj[a].add(b)
        adj[b].add(a)
    while changed:
        changed = False
        for i in adj:
            new = set().union(*(adj[j] for j in adj[i]))
            if new != adj[i]:
                adj[i], changed = new, True
    assert {frozenset(g) for g in c.groups()} == {frozenset(v) for v in adj.values()}
