"""Fetch the official public releases (O*NET, the ESCO-O*NET crosswalk, ESCO) into a data folder
laid out as ``rolegraph import`` expects: ``onet/29.2/``, ``crosswalk/esco_onet_crosswalk_MCC.csv``,
``esco/1.1.1/``.

A download is checked before anything is put in place: the byte count against the server's
Content-Length and, where the release is known, against its published size and SHA-256; an
archive must pass its CRC checks and hold the release's files. Everything is written in a
temporary folder beside the target and moved in only when whole, so a failed, interrupted or
partial download leaves the previous copy (or nothing) and no half-written file. Every URL can be
overridden (``url=``, or an environment variable per source), for mirrors and for tests.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rolegraph.errors import DownloadError, InputError

#: Where downloads go when no folder is given and ROLEGRAPH_DATA_DIR is not set.
DEFAULT_DATA_DIR = "rolegraph-data"

_CROSSWALK_COMMIT = "cb8c57a2c4a0ab40a2bba4eca6664601bcc24cad"


@dataclass(frozen=True)
class Source:
    """One public release family: where its releases are published and how to check them."""

    kind: str
    title: str
    default_release: str
    #: URL template ({release} is "29.2", {release_} is "29_2"); None: no direct download
    url: str | None
    #: environment variable that overrides the URL template
    env: str
    #: the folder or file, under the data folder, the release is put in ({release} filled in)
    target: str
    #: a file an archive must contain (None: the download is a single file, not an archive)
    marker: str | None
    #: published (size in bytes, SHA-256) per release, where known
    checks: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: where a person gets the release when there is no direct download
    manual: str = ""


SOURCES: dict[str, Source] = {
    "onet": Source(
        kind="onet",
        title="O*NET database (text files)",
        default_release="29.2",
        url="https://www.onetcenter.org/dl_files/database/db_{release_}_text.zip",
        env="ROLEGRAPH_ONET_URL",
        target="onet/{release}",
        marker="Occupation Data.txt",
    ),
    "crosswalk": Source(
        kind="crosswalk",
        title="ESCO-O*NET crosswalk (Nesta, Mapping Career Causeways)",
        default_release="MCC",
        url=(
            "https://raw.githubusercontent.com/nestauk/mapping-career-causeways/"
            f"{_CROSSWALK_COMMIT}/supplementary_online_data/ONET_ESCO_crosswalk/"
            "esco_onet_crosswalk_{release}.csv"
        ),
        env="ROLEGRAPH_CROSSWALK_URL",
        target="crosswalk/esco_onet_crosswalk_{release}.csv",
        marker=None,
        checks={
            "MCC": (350_581, "6ed33adc6b22d20f954dc384db3eb4c0a627c6588ec08abf0fd7aa8084cb3613"),
            "Nov2020": (
                350_505,
                "b9a1ec484c99f282a3124f99678b8b39e847b3b7689410bb6d6b51807bd9d534",
            ),
        },
    ),
    "esco": Source(
        kind="esco",
        title="ESCO classification (CSV, English)",
        default_release="1.1.1",
        url=None,
        env="ROLEGRAPH_ESCO_URL",
        target="esco/{release}",
        marker="occupations_en.csv",
        manual=(
            "ESCO has no fixed download address: at https://esco.ec.europa.eu/en/use-esco/download "
            "choose the version, 'Classification', language English and CSV, then give the link "
            "or the zip it sends you with --url (file:// works)"
        ),
    ),
}

#: Called as bytes arrive: (bytes so far, total bytes or None).
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class Downloaded:
    """What a download put in place."""

    kind: str
    release: str
    url: str
    path: Path
    bytes: int
    sha256: str
    verified: bool
    files: int

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "release": self.release,
            "url": self.url,
            "path": str(self.path),
            "bytes": self.bytes,
            "sha256": self.sha256,
            "checksum_verified": self.verified,
            "files": self.files,
        }


def data_dir(given: str | Path | None = None) -> Path:
    """The data folder: ``given``, else ROLEGRAPH_DATA_DIR, else ./rolegraph-data."""
    return Path(given or os.environ.get("ROLEGRAPH_DATA_DIR") or DEFAULT_DATA_DIR)


def target_path(kind: str, release: str | None = None, root: str | Path | None = None) -> Path:
    """Where release ``release`` of ``kind`` lives under the data folder."""
    source = _source(kind)
    return data_dir(root) / source.target.format(release=release or source.default_release)


def url_for(kind: str, release: str | None = None) -> str | None:
    """The URL a release is fetched from: the source's environment variable, else its
    publisher's address; None when the publisher has no direct download."""
    source = _source(kind)
    release = release or source.default_release
    template = os.environ.get(source.env) or source.url
    if template is None:
        return None
    return template.format(release=release, release_=release.replace(".", "_"))


def download(
    kind: str,
    release: str | None = None,
    *,
    root: str | Path | None = None,
    url: str | None = None,
    sha256: str | None = None,
    progress: Progress | None = None,
    timeout: float = 60.0,
) -> Downloaded:
    """Fetch release ``release`` of ``kind`` into the data folder ``root`` and check it.

    Raises:
        DownloadError: the server failed, the transfer was cut short, or the bytes or the
            archive are not what the release should be; nothing is left behind.
        InputError: the source has no direct download and no ``url`` was given.
    """
    source = _source(kind)
    release = release or source.default_release
    address = url or url_for(kind, release)
    if address is None:
        raise InputError(source.manual)
    target = target_path(kind, release, root)
    expected = source.checks.get(release)
    wanted = sha256.lower() if sha256 else (expected[1] if expected else None)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.download-", dir=target.parent))
    try:
        part = work / "download.part"
        size, digest = _fetch(address, part, progress, timeout)
        if expected is not None and url is None and size != expected[0]:
            raise DownloadError(
                address, f"got {size:,} bytes; release {release} has {expected[0]:,}"
            )
        if wanted is not None and digest != wanted:
            raise DownloadError(address, f"SHA-256 is {digest}, expected {wanted}")
        if source.marker is None:
            _sniff_text(address, part)
            _put_in_place(part, target, work)
            files = 1
        else:
            folder = work / "release"
            files = _extract(address, part, folder, source.marker)
            _put_in_place(folder, target, work)
        return Downloaded(kind, release, address, target, size, digest, wanted is not None, files)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _source(kind: str) -> Source:
    try:
        return SOURCES[kind]
    except KeyError:
        raise InputError(f"unknown source {kind!r}; choose one of: {', '.join(SOURCES)}") from None


def _fetch(url: str, part: Path, progress: Progress | None, timeout: float) -> tuple[int, str]:
    """Stream ``url`` into ``part``; the byte count and SHA-256 of what arrived."""
    digest = hashlib.sha256()
    size = 0
    total: int | None = None
    if url.startswith("file://"):
        source = Path(url[len("file://") :])
        if not source.is_file():
            raise DownloadError(url, "no such file")
        total = source.stat().st_size
        with source.open("rb") as src, part.open("wb") as out:
            while chunk := src.read(1 << 20):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                if progress is not None:
                    progress(size, total)
        return size, digest.hexdigest()
    import httpx

    try:
        with (
            httpx.stream("GET", url, follow_redirects=True, timeout=timeout) as response,
            part.open("wb") as out,
        ):
            if response.status_code != 200:
                raise DownloadError(url, f"the server answered {response.status_code}")
            length = response.headers.get("content-length", "")
            total = int(length) if length.isdigit() else -1
            if response.headers.get("content-encoding", "identity") != "identity":
                total = -1  # the length counts compressed bytes
            for chunk in response.iter_bytes(1 << 16):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                if progress is not None:
                    progress(size, total if total >= 0 else None)
    except httpx.HTTPError as error:
        if total is not None:
            of = f" of {total:,}" if total >= 0 else ""
            raise DownloadError(
                url, f"the transfer stopped after {size:,}{of} bytes ({error})"
            ) from None
        raise DownloadError(url, f"the transfer failed ({type(error).__name__}: {error})") from None
    if total is not None and total >= 0 and size != total:
        raise DownloadError(url, f"the transfer stopped after {size:,} of {total:,} bytes")
    if size == 0:
        raise DownloadError(url, "the server sent nothing")
    return size, digest.hexdigest()


def _sniff_text(url: str, part: Path) -> None:
    """A single-file release is a CSV: refuse an HTML error page served with status 200."""
    head = part.read_bytes()[:512].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html")):
        raise DownloadError(url, "the server sent a web page, not the data file")


def _extract(url: str, archive: Path, folder: Path, marker: str) -> int:
    """Unpack the release's files (the folder holding ``marker``) flat into ``folder``."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            broken = zipped.testzip()
            if broken is not None:
                raise DownloadError(url, f"the archive is damaged at {broken!r}")
            names = [i for i in zipped.infolist() if not i.is_dir()]
            markers = [i for i in names if PurePosixPath(i.filename).name == marker]
            if not markers:
                raise DownloadError(url, f"the archive holds no {marker!r}; is it the release?")
            home = PurePosixPath(markers[0].filename).parent
            folder.mkdir()
            count = 0
            for info in names:
                path = PurePosixPath(info.filename)
                if path.parent != home or path.name.startswith("."):
                    continue
                with zipped.open(info) as src, (folder / path.name).open("wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
                count += 1
            return count
    except zipfile.BadZipFile as error:
        raise DownloadError(url, f"not a zip archive ({error})") from None


def _put_in_place(new: Path, target: Path, work: Path) -> None:
    """Move ``new`` to ``target``, replacing an earlier copy only once the new one is whole."""
    if new.is_file() or not target.exists():
        os.replace(new, target)
        return
    old = work / "previous"
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)
        raise


def find_downloaded(kind: str, root: str | Path | None = None) -> Path | None:
    """The release of ``kind`` a download put in the data folder (the newest, or the default
    release when there are several), or None."""
    source = SOURCES.get(kind)
    if source is None:
        return None
    default = target_path(kind, None, root)
    if default.exists():
        return default
    pattern = source.target.format(release="*")
    found = [
        path
        for path in data_dir(root).glob(pattern)
        if not path.name.startswith(".")
        and (source.marker is None or (path / source.marker).is_file())
    ]
    return max(found, key=lambda path: _version_key(path.name), default=None)


def _version_key(name: str) -> tuple[tuple[int, object], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in name.replace("_", ".").split("."))
