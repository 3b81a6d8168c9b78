"""`next "Registered Nurses"` offered Obstetricians and Physical Therapists: jobs that need a
medical or doctoral degree, as if skill overlap were enough."""

from __future__ import annotations

from rolegraph.analysis.routes import next_moves
from tests.fixtures.analysis import DOCTOR, SPECIALIST, feasibility_network


def test_no_move_into_a_job_behind_a_doctoral_degree() -> None:
    net = feasibility_network()
    offered = next_moves(net, SPECIALIST, depth=2, measure="weighted-jaccard")
    assert offered, "the specialist has feasible moves"
    assert DOCTOR not in {move.role.iri for move in offered}
