"""Results derived from a store (name indexes, projections, role descriptions), pickled beside
an on-disk store so that the next process opening the same store generation reads them back
instead of computing them again.

A kept result is keyed by the store's generation and by a digest of the code that made it, so a
result made from other data or by other code is never read back.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rolegraph.answers import load_kept, save_kept
from rolegraph.store import Store

T = TypeVar("T")


@functools.cache
def code_version() -> str:
    """A digest of the code whose output is kept beside a store (the projection and its
    queries, the name indexes, the similarity model, the role descriptions)."""
    from rolegraph import describe, description, lookup, network
    from rolegraph.analysis import facets, similarity
    from rolegraph.resources import internal_query_paths

    package = Path(network.__file__ or "").parent
    files = [
        *sorted(package.glob("*.py")),
        Path(lookup.__file__ or ""),
        Path(similarity.__file__ or ""),
        Path(facets.__file__ or ""),
        Path(describe.__file__ or ""),
        Path(description.__file__ or ""),
    ]
    digest = hashlib.sha256()
    for path in [*files, *internal_query_paths()]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def kept(store: Store, name: str, build: Callable[[], T]) -> T:
    """``build()``, or its result pickled beside an on-disk ``store`` under ``name`` by an
    earlier process for the same store generation and code (saved there when built)."""
    folder = store.cache_dir()
    generation = store.generation()
    if folder is None or generation is None:
        return build()
    path = folder / f"{name}.pickle"
    key = f"{generation} {code_version()}"
    found = load_kept(path, key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = build()
    save_kept(path, key, value)
    return value
