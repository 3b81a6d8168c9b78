"""Opening the store a command names (memory, a folder, or a SPARQL endpoint) and loading the
built-in data and a user's files into it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from rolegraph.errors import InputError
from rolegraph.load import builtin_sources, iter_triples
from rolegraph.store.base import Store
from rolegraph.store.oxigraph import OxigraphStore
from rolegraph.store.rdflib import RdflibStore
from rolegraph.store.remote import RemoteSettings, RemoteStore


def open_store(
    location: str | None = None, *, engine: str = "oxigraph", read_only: bool = False
) -> Store:
    """Open the store named by ``location``: None or ``memory`` for a new in-memory store, an
    ``http(s)://`` URL for a remote SPARQL endpoint, else a directory for an on-disk Oxigraph store.

    ``engine`` picks the in-memory engine: ``oxigraph`` (default) or ``rdflib``. An on-disk
    store opened ``read_only`` may be read by many processes while one writes; a writer waits
    ROLEGRAPH_LOCK_TIMEOUT seconds (default 0) for another writer to finish.
    """
    if location in (None, "", "memory"):
        if engine == "rdflib":
            return RdflibStore()
        if engine == "oxigraph":
            return OxigraphStore()
        raise InputError(f"unknown engine {engine!r}; choose oxigraph or rdflib")
    assert location is not None
    if location.startswith(("http://", "https://")):
        return RemoteStore(RemoteSettings.from_env(location))
    try:
        timeout = float(os.environ.get("ROLEGRAPH_LOCK_TIMEOUT") or 0)
    except ValueError:
        raise InputError("ROLEGRAPH_LOCK_TIMEOUT must be a number of seconds") from None
    return OxigraphStore(location, read_only=read_only, lock_timeout=timeout)


def load_builtin(store: Store) -> None:
    """Fill ``store`` with the ontology and the article's roles, each in its own named graph."""
    for graph_iri, paths in builtin_sources():
        if isinstance(store, OxigraphStore):
            store.load_file(graph_iri, paths, ox.RdfFormat.TURTLE)
            continue
        store.replace_graph(graph_iri, (t for path in paths for t in iter_triples(path)))


def load_user_files(store: Store, paths: Iterable[str | Path], graph_iri: URIRef) -> int:
    """Add the user's own data files to ``store`` in one named graph; returns the triple count."""
    files = list(paths)
    return store.replace_graph(graph_iri, (t for path in files for t in iter_triples(path)))
