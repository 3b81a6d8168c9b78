"""A 5,000-level JSON-LD document (85 KB) posted to /api/validate, or given to ``rolegraph
validate``, killed the process; one nested 30,000 deep (480 KB) took it to 6 GB. RDF in every
format is now scanned for its depth before a parser sees it, and refused with the limit named."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from rolegraph.limits import MAX_DEPTH
from tests.regressions.serving import rolegraph, serving

pytest.importorskip("uvicorn")


def nested_jsonld(depth: int) -> str:
    return '{"@id": "http://example.org/a", "http://example.org/p": ' * depth + '"v"' + "}" * depth


DEEP = {
    "json-ld": nested_jsonld(5000),
    "turtle": "<http://e/s> <http://e/p> " + "[ <http://e/p> " * 5000 + "1" + " ]" * 5000 + " .",
    "xml": (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">'
        '<rdf:Description rdf:about="http://e/s">'
        + "<e:p><rdf:Description>" * 5000
        + "</rdf:Description></e:p>" * 5000
        + "</rdf:Description></rdf:RDF>"
    ),
}
SUFFIX = {"json-ld": ".jsonld", "turtle": ".ttl", "xml": ".rdf"}
MEDIA = {"json-ld": "application/ld+json", "turtle": "text/turtle", "xml": "application/rdf+xml"}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_validate_refuses_a_deep_file_with_the_limit(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"deep{SUFFIX[name]}"
    path.write_text(DEEP[name])
    result = rolegraph("validate", str(path))
    assert result.returncode == 2, result.stderr
    assert str(path) in result.stderr
    assert f"more than {MAX_DEPTH} levels deep" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonld"
    path.write_text(nested_jsonld(20))
    result = rolegraph("validate", str(path))
    assert result.returncode in (0, 1), result.stderr
    assert "levels deep" not in result.stderr


def test_the_server_refuses_deep_uploads_quickly_and_keeps_running() -> None:
    with serving() as server:
        for name, text in [*DEEP.items(), ("json-ld", "[" * 30000 + "]" * 30000)]:
            answer = httpx.post(
                f"{server.base}/api/validate",
                content=text,
                headers={"Content-Type": MEDIA[name]},
                timeout=30,
            )
            assert answer.status_code == 400, (name, answer.text)
            assert f"more than {MAX_DEPTH} levels deep" in answer.json()["error"]
        assert server.alive()
        fine = httpx.post(
            f"{server.base}/api/validate",
            content=nested_jsonld(3),
            headers={"Content-Type": "application/ld+json"},
            timeout=60,
        )
        assert fine.status_code == 200 and "conforms" in fine.json()
