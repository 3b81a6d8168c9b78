"""The names of the choices the analyses offer (similarity facets and measures, rankings of
transferable skills, classifications) and the defaults of the feasibility rules.

Plain constants, kept apart from the numerical modules that use them, so that the options, the
command line and commands that never project the graph (``import``, ``export``) can name them
without loading NumPy, SciPy and networkx (about half a second at every start).
"""

from __future__ import annotations

#: The facets of similar roles, in the order they are shown.
FACETS = ("skills", "knowledge", "activities", "titles", "technology", "structure", "job_zone")
#: Skill overlap measures, computed from the requirements alone.
OVERLAP_MEASURES = ("weighted-jaccard", "jaccard", "cosine")
#: Every measure similar roles can be ranked by.
MEASURES = ("blend", *FACETS, *OVERLAP_MEASURES)
#: How transferable skills can be ranked.
RANKINGS = ("bridging", "roles", "participation")
#: The classifications a role can belong to, told by its IRI.
SCHEMES = ("esco", "onet", "rolegraph")

#: Least similarity of a viable move, and of a highly viable one (Mapping Career Causeways).
VIABLE = 0.25
HIGHLY_VIABLE = 0.35
#: Most levels (Job Zones) a move may rise.
DEFAULT_MAX_RISE = 1
#: Least share of the pay a desirable move keeps.
DEFAULT_MIN_PAY_RATIO = 0.75
