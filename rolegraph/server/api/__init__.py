"""The JSON API: the operations of the command line over HTTP, under ``/api``.

Every answer is the JSON the command gives with ``--format json``. Names of roles and skills are
resolved as on the command line (label, alternative label, code or IRI); an unknown name answers
404 with the closest names in ``suggestions``. Answers are cached until the store changes.
"""

# The modules add their routes to the router in this order (that of the API's description).
# isort: off
from rolegraph.server.api import roles  # noqa: F401
from rolegraph.server.api import queries  # noqa: F401
from rolegraph.server.api import analysis  # noqa: F401

# isort: on
from rolegraph.server.api.common import JSON, place_code, router
from rolegraph.server.api.queries import RDF_UPLOADS

__all__ = ["JSON", "RDF_UPLOADS", "place_code", "router"]
