"""`rolegraph download` end to end against a local HTTP server that serves a small zipped O*NET
release in the official layout (a `db_29_2_text/` folder), then `rolegraph import onet` reading
what it fetched; and every way a download can fail leaves nothing half-written."""

from __future__ import annotations

import hashlib
import io
import json
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rolegraph.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "onet" / "29.2"


def _release_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("db_29_2_text/", "")
        for path in sorted(FIXTURE.iterdir()):
            zipped.write(path, f"db_29_2_text/{path.name}")
    return buffer.getvalue()


RELEASE = _release_zip()


class _Handler(BaseHTTPRequestHandler):
    """Serves the release, and misbehaves on request: a cut-off body, a 404, a damaged zip."""

    def do_GET(self) -> None:
        body = RELEASE
        if self.path.startswith("/missing"):
            self.send_error(404)
            return
        if self.path.startswith("/damaged"):
            body = RELEASE[: len(RELEASE) // 2] + bytes(len(RELEASE) - len(RELEASE) // 2)
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path.startswith("/truncated"):
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.connection.shutdown(2)  # the connection drops mid-transfer
            return
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _left_over(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if "download" in p.name)


def test_download_then_import_reads_it(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("ROLEGRAPH_DATA_DIR", str(data))
    monkeypatch.setenv("ROLEGRAPH_ONET_URL", server + "/dl/db_{release_}_text.zip")
    assert main(["download", "onet", "--release", "29.2", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["url"] == server + "/dl/db_29_2_text.zip"
    assert report["bytes"] == len(RELEASE)
    assert report["sha256"] == hashlib.sha256(RELEASE).hexdigest()
    release = data / "onet" / "29.2"
    assert sorted(p.name for p in release.iterdir()) == sorted(p.name for p in FIXTURE.iterdir())
    assert (release / "Occupation Data.txt").read_bytes() == (
        FIXTURE / "Occupation Data.txt"
    ).read_bytes()
    assert _left_over(data) == []

    store = tmp_path / "store"
    assert main(["import", "onet", "--store", str(store), "--quiet", "--format", "json"]) == 0
    imported = json.loads(capsys.readouterr().out)
    assert imported["triples"] > 100
    assert main(["show", "11-2021.00", "--store", str(store), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["label"] == "Marketing Managers"


def test_a_checksum_given_must_match_and_keeps_the_old_copy(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server + "/db_29_2_text.zip"
    assert main(["download", "onet", "--to", str(tmp_path), "--url", url, "--quiet"]) == 0
    good = hashlib.sha256(RELEASE).hexdigest()
    assert good in capsys.readouterr().out
    marker = tmp_path / "onet" / "29.2" / "Occupation Data.txt"
    before = marker.read_bytes()
    code = main(["download", "onet", "--to", str(tmp_path), "--url", url, "--sha256", "ab" * 32])
    assert code == 2
    err = capsys.readouterr().err
    assert "SHA-256" in err and "nothing was changed" in err and len(err.strip().splitlines()) == 1
    assert marker.read_bytes() == before
    assert _left_over(tmp_path) == []
    assert main(["download", "onet", "--to", str(tmp_path), "--url", url, "--sha256", good]) == 0
    assert "checksum verified" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/truncated.zip", "stopped after"),
        ("/missing.zip", "answered 404"),
        ("/damaged.zip", "zip"),
    ],
)
def test_a_failed_download_leaves_nothing(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str, reason: str
) -> None:
    code = main(["download", "onet", "--to", str(tmp_path), "--url", server + path, "--quiet"])
    assert code == 2
    err = capsys.readouterr().err
    assert reason in err and "Traceback" not in err
    assert not (tmp_path / "onet" / "29.2").exists()
    assert _left_over(tmp_path) == []


def test_an_archive_without_the_release_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zipped:
        zipped.writestr("readme.txt", "not O*NET")
    code = main(["download", "onet", "--to", str(tmp_path), "--url", f"file://{other}"])
    assert code == 2
    assert "Occupation Data.txt" in capsys.readouterr().err
    assert not (tmp_path / "onet").exists() or not any((tmp_path / "onet").iterdir())


def test_the_crosswalk_is_checked_against_its_published_checksum(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "fake.csv"
    fake.write_text("id,esco_occupation\n1,not the crosswalk\n")
    monkeypatch.setenv("ROLEGRAPH_CROSSWALK_URL", f"file://{fake}")
    assert main(["download", "crosswalk", "--to", str(tmp_path / "data")]) == 2
    assert "release MCC has 350,581" in capsys.readouterr().err
    assert not (tmp_path / "data" / "crosswalk" / "esco_onet_crosswalk_MCC.csv").exists()


def test_esco_without_an_address_says_where_to_get_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["download", "esco", "--to", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "https://esco.ec.europa.eu/en/use-esco/download" in err


def test_import_without_a_path_or_a_download_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ROLEGRAPH_DATA_DIR", str(tmp_path / "empty"))
    assert main(["import", "onet", "--store", str(tmp_path / "store")]) == 2
    assert "rolegraph download onet" in capsys.readouterr().err
