"""``export -o /dev/null`` (as root) replaced the device with a regular file, a read-only output
file was overwritten, and ``export > /dev/full`` ended in a traceback."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

from rolegraph.files import write_atomically
from tests.conftest import REPO


def test_a_device_is_written_in_place_not_replaced(cli) -> None:
    result = cli("export", "--format", "nt", "-o", os.devnull)
    assert result.code == 0, result.err
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_named_pipe_receives_the_export_and_stays_a_pipe(cli, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    result = cli("export", "--format", "nt", "-o", pipe)
    reader.join(timeout=30)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert b"<https://w3id.org/rolegraph/id/role/account-manager>" in received[0]


def test_a_read_only_file_is_refused_and_kept(cli, tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old\n")
    target.chmod(0o444)
    result = cli("export", "-o", target)
    assert result.code == 2
    assert "read-only" in result.err and "Traceback" not in result.err
    assert target.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [target]


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_text("old\n")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_atomically(link, b"new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_a_full_standard_output_is_a_one_line_error() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "rolegraph", "export", "--format", "nt"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "rolegraph: error: cannot write: No space left on device"
    ]


def test_a_link_to_a_device_is_written_through(tmp_path: Path) -> None:
    link = tmp_path / "out"
    link.symlink_to(os.devnull)
    write_atomically(link, b"data\n")
    assert link.is_symlink() and stat.S_ISCHR(os.stat(os.devnull).st_mode)
