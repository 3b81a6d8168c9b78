"""Files written so that a failed write loses nothing: a temporary file in the same folder,
renamed over the target once complete.

A target that is not a regular file (a device such as ``/dev/null``, a named pipe) is written in
place, never replaced; a symbolic link is followed, so the file it points to is replaced and the
link kept; a read-only target is refused, even for a user the system would let write it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from rolegraph.errors import InputError


def write_atomically(path: str | Path, data: bytes | Callable[[IO[bytes]], object]) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    ``data`` is the content, or a function that writes it to the file it is given (so a large
    output streams instead of being held in memory).

    Raises:
        InputError: the folder does not exist or cannot be written, the target is read-only,
            or the device is full; the old file is untouched.
    """
    target = Path(path)
    try:
        status = target.stat()  # of what a symbolic link points to
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror}", file=target) from error
    if status is not None and not stat.S_ISREG(status.st_mode):
        if stat.S_ISDIR(status.st_mode):
            raise InputError("is a folder, not a file", file=target)
        _write_in_place(target, data)  # /dev/null, /dev/stdout, a named pipe
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if status is not None and not (status.st_mode & 0o222 and os.access(target, os.W_OK)):
        raise InputError("the file is read-only; not overwritten", file=target)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise InputError(f"cannot write here: {error.strerror}", file=target) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if status is not None:
            os.chmod(temporary, status.st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write: {_reason(error)}", file=target) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_in_place(target: Path, data: bytes | Callable[[IO[bytes]], object]) -> None:
    """Write to a device or pipe as it is: there is no old content a rename could keep."""
    try:
        with target.open("wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
    except OSError as error:
        raise InputError(f"cannot write: {_reason(error)}", file=target) from error


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
