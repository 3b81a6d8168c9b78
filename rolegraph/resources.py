"""The only module that knows where the ontology, shapes, queries and built-in data live.

In a source checkout they sit at the repository root (``ontology/``, ``shapes/``, ``queries/``); an
installed wheel carries them as package data under ``rolegraph/_resources/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _resource_dir(name: str) -> Path:
    packaged = _PACKAGE / "_resources" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def ontology_paths() -> list[Path]:
    """The Turtle files of the rolegraph ontology."""
    return sorted(_resource_dir("ontology").glob("*.ttl"))


def shapes_paths() -> list[Path]:
    """The Turtle files of the SHACL shapes, one per focus class."""
    return sorted(_resource_dir("shapes").glob("*.ttl"))


def query_paths() -> list[Path]:
    """The named SPARQL queries."""
    return sorted(_resource_dir("queries").glob("*.rq"))


def internal_query_paths() -> list[Path]:
    """The SPARQL queries rolegraph runs for itself (``queries/internal/``), named after the
    module that runs them: the projection, the name index, skill alignment."""
    return sorted((_resource_dir("queries") / "internal").glob("*.rq"))


def builtin_data_paths() -> list[Path]:
    """The built-in data: the roles of the seed article."""
    return sorted((_PACKAGE / "data").glob("*.ttl"))


def web_dir() -> Path:
    """The static files of the web page."""
    return _PACKAGE / "server" / "static"
