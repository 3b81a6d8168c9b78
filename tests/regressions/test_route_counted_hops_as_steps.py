"""Routes counted hops to the same occupation in another classification as steps ("Route 1 · 2
steps" above "1 step: ..."), and ranked routes by a bare "cost"."""

from __future__ import annotations

from rolegraph.analysis.routes import routes
from rolegraph.render import to_json
from tests.fixtures.analysis import ANALYST, ESCO_X, ONET_LEAD, small_network


def test_hops_are_also_called_not_steps() -> None:
    result = routes(small_network(), ANALYST, ONET_LEAD, threshold=0.5)
    route = result.routes[0]
    data = to_json(route)
    assert route.moves == 1 == len(data["steps"]) == data["moves"]
    assert data["explanation"].startswith("1 step:")
    assert [a["iri"] for a in data["start_also_called"]] == [ESCO_X]
    assert data["steps"][0]["also_called"][0]["iri"] == ONET_LEAD
    assert data["ranking"] == "best" and "cost" not in data["explanation"]
