"""Where the graph lives: in memory (rdflib or Oxigraph), in an on-disk Oxigraph store, or on a
remote SPARQL 1.1 server. Every store answers the same SPARQL over the union of its named graphs.

Each source (the ontology, the article, one release of a taxonomy, the user's files) is kept in its
own named graph, so a re-import replaces exactly what it imported and a query still sees everything.
"""

from rolegraph.results import QueryResult
from rolegraph.store.base import Store
from rolegraph.store.binding import bind_in_text, values_clause
from rolegraph.store.ondisk import StoreLock
from rolegraph.store.opening import load_builtin, load_user_files, open_store
from rolegraph.store.oxigraph import OxigraphStore
from rolegraph.store.rdflib import RdflibStore
from rolegraph.store.remote import RemoteSettings, RemoteStore
from rolegraph.vocab import sparql_prologue

__all__ = [
    "OxigraphStore",
    "QueryResult",
    "RdflibStore",
    "RemoteSettings",
    "RemoteStore",
    "Store",
    "StoreLock",
    "bind_in_text",
    "load_builtin",
    "load_user_files",
    "open_store",
    "sparql_prologue",
    "values_clause",
]
