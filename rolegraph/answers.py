"""Answers to slow queries, kept beside an on-disk store for as long as the store does not change.

A whole-graph check or listing scans hundreds of thousands of triples: Oxigraph takes from a tenth
of a second to seconds over the full taxonomies. An on-disk store changes only through imports and
updates, each of which starts a new *generation* (:meth:`rolegraph.store.Store.generation`); so an
answer that took long to compute is written to disk under the generation it was computed for, and
later commands and processes read it back instead of scanning again. Answers of an earlier
generation are never returned, and are removed when the first answer of a new one is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import time
from pathlib import Path
from typing import Any

from rdflib.term import Node

from rolegraph import __version__
from rolegraph.errors import InputError
from rolegraph.files import write_atomically
from rolegraph.results import QueryResult

#: Answers that took at least this long to compute are kept.
SLOW_SECONDS = 0.05
#: Changes whenever what an answer file holds changes shape. Files written by another release of
#: rolegraph are never read back in any case (:func:`load_kept`).
_FORMAT = 1
#: Queries whose answer may differ from one run to the next, over the same data: never kept.
_VOLATILE = re.compile(r"\b(?:RAND|NOW|UUID|STRUUID|BNODE)\s*\(|\bSERVICE\b", re.IGNORECASE)

#: At most this many answers are kept per generation; the least recently used go first.
MAX_ANSWERS = 256
#: Answers with more values than this are kept only if computing them took far longer than
#: reading them back (about a microsecond per value): the list of every salary of every role is
#: kept, the bulk reads of the projection for the graph algorithms (which have a cache of their
#: own) are not.
MAX_ANSWER_VALUES = 100_000
#: The seconds per value a large answer must have taken to compute to be kept.
SLOW_PER_VALUE = 5e-6


class AnswerCache:
    """A folder of query answers, each filed under the store generation it belongs to.

    Only SELECT and ASK answers are kept. Every failure to read or write (a read-only folder, a
    file being replaced, a damaged file) makes the cache miss; it never makes a query fail.
    """

    def __init__(
        self,
        folder: Path,
        *,
        slow_seconds: float = SLOW_SECONDS,
        max_answers: int = MAX_ANSWERS,
        max_values: int = MAX_ANSWER_VALUES,
    ) -> None:
        self.folder = folder
        self.slow_seconds = slow_seconds
        self.max_answers = max_answers
        self.max_values = max_values

    def get(self, sparql: str, generation: str) -> QueryResult | None:
        """The answer kept for this exact query text and generation, if any."""
        path = self._path(sparql, generation)
        result = load_kept(path, (_FORMAT, sparql))
        if not isinstance(result, QueryResult):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return result

    def put(self, sparql: str, generation: str, result: QueryResult, seconds: float) -> bool:
        """Keep ``result`` if it took ``seconds`` >= the threshold; True when it was written."""
        if seconds < self.slow_seconds or result.type not in ("SELECT", "ASK"):
            return False
        values = len(result.rows) * max(len(result.variables), 1)
        if values > self.max_values and seconds < values * SLOW_PER_VALUE:
            return False
        if _VOLATILE.search(sparql):
            return False
        path = self._path(sparql, generation)
        with contextlib.suppress(OSError):
            if not path.exists():
                self._prune(generation)
        return save_kept(path, (_FORMAT, sparql), _shared_terms(result))

    def _path(self, sparql: str, generation: str) -> Path:
        digest = hashlib.sha256(f"{_FORMAT}\n{sparql}".encode()).hexdigest()[:32]
        return self.folder / f"{generation}-{digest}.pickle"

    def _files(self) -> list[Path]:
        try:
            return list(self.folder.glob("*.pickle"))
        except OSError:
            return []

    def _prune(self, generation: str) -> None:
        """Remove the answers of other generations, and the least recently used of this one
        beyond the limit (making room for one more)."""
        current: list[tuple[float, Path]] = []
        for leftover in self.folder.glob(".*.tmp"):  # of a write that was interrupted
            with contextlib.suppress(OSError):
                if time.time() - leftover.stat().st_mtime > 600:
                    leftover.unlink()
        for path in self._files():
            try:
                if not path.name.startswith(f"{generation}-"):
                    path.unlink()
                    continue
                current.append((path.stat().st_mtime, path))
            except OSError:
                continue
        current.sort()
        for _, path in current[: max(0, len(current) - self.max_answers + 1)]:
            path.unlink(missing_ok=True)


def load_kept(path: Path, key: object) -> Any:
    """The value :func:`save_kept` pickled at ``path`` under ``key``; None when there is none, it
    was kept under another key or by another release of rolegraph, or it cannot be read."""
    try:
        with path.open("rb") as handle:
            kept_key, value = pickle.load(handle)
    except Exception:  # damaged, foreign or outdated: the caller computes the value again
        return None
    return value if kept_key == (__version__, key) else None


def save_kept(path: Path, key: object, value: object) -> bool:
    """Pickle ``value`` at ``path`` under ``key`` and this release, through a temporary file;
    False when it cannot be written (a read-only location: work without it)."""
    data = pickle.dumps(((__version__, key), value), pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except (OSError, InputError):
        return False
    return True


def _shared_terms(result: QueryResult) -> QueryResult:
    """The result with equal terms made one object, so pickle writes (and reads back) each once:
    a column of counts or a repeated source costs one term, not one per row."""
    if not result.rows:
        return result
    seen: dict[Node, Node] = {}
    rows = [
        tuple(None if term is None else seen.setdefault(term, term) for term in row)
        for row in result.rows
    ]
    return QueryResult(result.type, variables=list(result.variables), rows=rows)


__all__ = ["MAX_ANSWERS", "SLOW_SECONDS", "AnswerCache", "load_kept", "save_kept"]
