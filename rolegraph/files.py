"""Files written so that a failed write loses nothing: a temporary file in the same folder,
renamed over the target once complete."""

from __future__ import annotations

import os
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
        InputError: the folder does not exist or cannot be written; the old file is untouched.
    """
    target = Path(path)
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
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write: {error.strerror}", file=target) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
