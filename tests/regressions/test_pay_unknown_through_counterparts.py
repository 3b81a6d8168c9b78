"""Steps showed "Change in pay: not known" on roles that have wages through a counterpart."""

from __future__ import annotations

from rolegraph.analysis.routes import routes
from tests.fixtures.analysis import ESCO_CLERK, SUPERVISOR, feasibility_network


def test_pay_reaches_a_role_through_its_counterpart() -> None:
    net = feasibility_network()
    step = routes(net, ESCO_CLERK, SUPERVISOR, measure="weighted-jaccard").routes[0].steps[0]
    assert step.pay_change is not None
    assert step.pay_change.from_figure == "US figure for Clerks"
