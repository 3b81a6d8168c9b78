"""rolegraph: a knowledge graph of job roles, their skills and the routes between them."""

from __future__ import annotations

__version__ = "0.1.0"

from rolegraph.api import RoleGraph

__all__ = ["RoleGraph", "__version__"]
