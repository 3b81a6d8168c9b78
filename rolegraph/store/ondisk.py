"""The life of a store folder on disk: the writer's lock, generations, interrupted imports and
swaps recovered, and errors that say what went wrong with the folder."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from rdflib import URIRef

from rolegraph.errors import StoreError


class StoreLock:
    """The exclusive right to change an on-disk store, held by one process at a time.

    An advisory ``fcntl`` lock on a file beside the store (``.NAME.lock``), which the system
    releases when the holder exits, however it exits: a crashed writer never blocks the next.
    The file names the holder's process, so the next writer can say who it waits for.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.with_name(f".{path.name}.lock")
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if no other process holds it; True when taken."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        with contextlib.suppress(OSError):  # who holds it is a courtesy (a full disk refuses)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return True

    def acquire(self, timeout: float = 0.0) -> StoreLock:
        """Take the lock, waiting up to ``timeout`` seconds for the writer that holds it.

        Raises:
            StoreError: another process still holds it (the message names it).
        """
        deadline = time.monotonic() + max(timeout, 0.0)
        try:
            while not self.try_acquire():
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"the store at {self.path} is being changed by another process "
                        f"({self.holder()}); try again when it has finished"
                    )
                time.sleep(0.1)
        except OSError as error:
            raise StoreError(f"cannot lock the store at {self.path}: {error.strerror}") from error
        return self

    def holder(self) -> str:
        """Who holds the lock, as well as the lock file says."""
        try:
            pid = self.file.read_text(encoding="ascii").strip()
        except OSError:
            pid = ""
        return f"process {pid}" if pid.isdigit() else "process unknown"

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing releases the lock
            self._fd = None

    def __enter__(self) -> StoreLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextlib.contextmanager
def swap_guard(path: Path, mode: int) -> Iterator[None]:
    """Shared while a reader opens the store, exclusive while a writer swaps its directory."""
    guard = path.with_name(f".{path.name}.swap")
    try:
        fd = os.open(guard, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a folder readers may not write: nothing to coordinate with
        yield
        return
    try:
        fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)


def needs_recovery(path: Path) -> bool:
    """Whether an interrupted writer left something behind (a swap, a build, a partial graph)."""
    leftovers = (f".{path.name}.building-*", f".{path.name}.retired-*")
    return import_marker(path).exists() or any(
        next(path.parent.glob(pattern), None) is not None for pattern in leftovers
    )


def incomplete_graphs(path: Path) -> frozenset[str]:
    """The graph an interrupted import left partly loaded, while no writer could remove it."""
    try:
        graph = import_marker(path).read_text(encoding="utf-8").strip()
    except OSError:
        return frozenset()
    return frozenset([graph]) if graph else frozenset()


def write_failure(path: Path, graph: URIRef, error: OSError, *, removed: bool = True) -> str:
    """One line saying why writing ``graph`` into the store at ``path`` failed, and that the
    store kept its previous content."""
    text = str(error)
    full = error.errno == errno.ENOSPC or "No space left" in text
    reason = "no space left on the device" if full else (error.strerror or text)
    kept = f"the store at {path} keeps its previous content"
    if not removed:
        kept += " (the part loaded is hidden and removed by the next import once space is freed)"
    return f"cannot import <{graph}>: {reason}; {kept}"


def open_failure(path: Path | None, error: OSError, doing: str = "open") -> str:
    """One line saying why the store at ``path`` cannot be opened (or written)."""
    text = str(error)
    if error.errno == errno.ENOSPC or "No space left" in text:
        return f"cannot {doing} the store at {path}: no space left on the device"
    if "lock" in text.lower():
        return (
            f"the store at {path} is open for writing in a process that is not rolegraph "
            f"(Oxigraph's lock: {text})"
        )
    return f"cannot open the store at {path}: {text}"


def generation_file(path: Path) -> Path:
    return path.with_name(f".{path.name}.generation")


def import_marker(path: Path) -> Path:
    return path.with_name(f".{path.name}.importing")


def compaction_marker(path: Path) -> Path:
    """The file saying that a bulk load left the compaction of the store to a later write."""
    return path.with_name(f".{path.name}.uncompacted")


def recover_interrupted_swap(path: Path) -> None:
    """Finish or undo a swap of store directories that a crash interrupted, and remove the
    leftovers of an interrupted build."""
    for leftover in path.parent.glob(f".{path.name}.building-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    retired = sorted(path.parent.glob(f".{path.name}.retired-*"))
    if retired and not path.exists():
        os.replace(retired[-1], path)
        retired = retired[:-1]
    for leftover in retired:
        shutil.rmtree(leftover, ignore_errors=True)
