"""The web page's files as served: the shell at every view URL, assets with the right media
types, nothing fetched from other hosts, and a palette whose colour pairs meet WCAG AA."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi import FastAPI
from fastapi.testclient import TestClient

from rolegraph.resources import web_dir
from rolegraph.server.web import CONTENT_SECURITY_POLICY, mount_web, page_for

STATIC = web_dir()
TEXT_SUFFIXES = {".html", ".css", ".js", ".svg"}
MEDIA_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
}
#: URLs that appear in the assets as identifiers (XML namespaces, IRI bases), never fetched.
IDENTIFIERS = (
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/2004/02/skos/core#",
    "https://w3id.org/rolegraph/",
    "http://data.europa.eu/esco/occupation/",
)


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    mount_web(app)
    return TestClient(app)


def _assets() -> list[Path]:
    files = sorted(path for path in STATIC.rglob("*") if path.is_file())
    assert files, "the page has assets"
    return files


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?q=projct+manger&where=US-CA",
        "/role/account-manager",
        "/role/account-manager?where=US-CA",
        "/role/onet/occupation/11-2022.00",
        "/role/http%3A%2F%2Fdata.europa.eu%2Fesco%2Foccupation%2Fabc",
        "/compare?a=account-manager&b=project-manager",
        "/route?from=account-manager&to=sales-manager",
        "/fit?skill=communication&skill=negotiation",
    ],
)
def test_every_view_url_serves_the_shell(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert '<script type="module" src="/static/js/app.js"></script>' in response.text
    assert 'href="#main"' in response.text and 'id="main"' in response.text


def test_head_answers_like_get(client: TestClient) -> None:
    response = client.head("/compare")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) == len(client.get("/compare").content)


def test_unknown_paths_are_not_the_page(client: TestClient) -> None:
    assert client.get("/nowhere").status_code == 404
    assert client.get("/static/nothing.js").status_code == 404


@pytest.mark.parametrize("path", _assets(), ids=lambda p: str(p.relative_to(STATIC)))
def test_assets_are_served_with_their_media_type(client: TestClient, path: Path) -> None:
    response = client.get(f"/static/{path.relative_to(STATIC).as_posix()}")
    assert response.status_code == 200
    assert response.content == path.read_bytes()
    media = response.headers["content-type"].split(";")[0].strip()
    assert media == MEDIA_TYPES[path.suffix]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_every_referenced_asset_exists_and_modules_are_preloaded() -> None:
    shell = (STATIC / "index.html").read_text(encoding="utf-8")
    referenced = set(re.findall(r'(?:href|src)="/static/([^"]+)"', shell))
    for name in referenced:
        assert (STATIC / name).is_file(), name
    modules = {p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*.js")}
    for module in STATIC.rglob("*.js"):
        for specifier in re.findall(r'^import [^;]*?from "([^"]+)";', module.read_text(), re.M):
            assert specifier.startswith("."), f"{module.name} imports {specifier} from elsewhere"
            target = (module.parent / specifier).resolve()
            assert target.is_file(), f"{module.name} imports missing {specifier}"
    preloaded = set(re.findall(r'<link rel="modulepreload" href="/static/([^"]+)">', shell))
    assert preloaded | {"js/app.js"} == modules, "every module is preloaded, so none waits"


def test_no_asset_refers_to_another_host() -> None:
    for path in _assets():
        if path.suffix not in TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8")
        for url in re.findall(r"https?://[^\s\"'`<>)]*", text):
            assert url.startswith(IDENTIFIERS), f"{path.name} refers to {url}"
        # Protocol-relative references and CSS imports would also leave the server.
        assert not re.search(r"""(?:src|href|action)=["']//""", text), path.name
        assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", text), path.name
        assert "@import" not in text, path.name
        assert not re.search(r"""fetch\(\s*["'`]https?:""", text), path.name


def test_total_size_is_small() -> None:
    total = sum(path.stat().st_size for path in _assets())
    assert total < 150_000, f"the page's assets weigh {total} bytes"


# -- contrast ---------------------------------------------------------------------------------


def _palettes() -> dict[str, dict[str, str]]:
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    light = re.search(r"^:root\s*\{(.*?)^\}", css, re.S | re.M)
    dark = re.search(r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(.*?)\}", css, re.S)
    assert light and dark
    palettes = {}
    for name, block in (("light", light.group(1)), ("dark", dark.group(1))):
        palettes[name] = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))
    return palettes


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


#: (foreground, background, least ratio): 4.5 for text, 3 for focus rings, borders and marks.
PAIRS = [
    *[(fg, bg, 4.5) for fg in ("text", "muted", "accent") for bg in ("bg", "surface")],
    ("accent-strong", "bg", 4.5),
    ("accent-strong", "surface", 4.5),
    ("accent-strong", "accent-soft", 4.5),
    ("accent", "accent-soft", 4.5),
    ("on-accent", "accent", 4.5),
    ("on-accent", "accent-strong", 4.5),
    ("text", "accent-soft", 4.5),
    ("text", "shared-soft", 4.5),
    ("text", "gain-soft", 4.5),
    ("gain-text", "gain-soft", 4.5),
    ("gain-text", "surface", 4.5),
    ("on-essential", "essential", 4.5),
    ("error", "bg", 4.5),
    ("text", "error-soft", 4.5),
    ("focus", "bg", 3.0),
    ("focus", "surface", 3.0),
    ("control-border", "bg", 3.0),
    ("control-border", "surface", 3.0),
    ("chart-line", "surface", 3.0),
    ("chart-line", "bg", 3.0),
    ("chart-median", "chart-box", 3.0),
    ("chart-median", "surface", 3.0),
    ("chart-range", "surface", 3.0),
    ("accent", "bg", 3.0),
]


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_pairs_meet_wcag_aa(scheme: str) -> None:
    palette = _palettes()[scheme]
    failures = []
    for fg, bg, least in PAIRS:
        ratio = contrast(palette[fg], palette[bg])
        if ratio < least:
            failures.append(f"--{fg} on --{bg}: {ratio:.2f} < {least}")
    assert not failures, failures


# -- links from IRIs to pages -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("iri", "page"),
    [
        ("https://w3id.org/rolegraph/id/role/account-manager", "/role/account-manager"),
        (
            "https://w3id.org/rolegraph/id/onet/occupation/11-2022.00",
            "/role/onet/11-2022.00",
        ),
        ("https://w3id.org/rolegraph/id/skill/communication", None),
        ("https://w3id.org/rolegraph/id/role/", None),
        ("http://data.europa.eu/esco/occupation/abc", "/role/esco/abc"),
        ("http://data.europa.eu/esco/skill/abc", None),
    ],
)
def test_page_for(iri: str, page: str | None) -> None:
    assert page_for(iri) == page


def test_the_server_serves_the_page() -> None:
    from rolegraph.server.app import create_app
    from rolegraph.store import load_builtin, open_store

    store = open_store(None)
    load_builtin(store)
    with TestClient(create_app(store)) as server:
        shell = server.get("/role/account-manager")
        assert shell.status_code == 200
        assert "/static/js/app.js" in shell.text
        role = server.get(
            "/id/role/account-manager", headers={"accept": "text/html"}, follow_redirects=False
        )
        assert role.status_code == 303
        assert role.headers["location"] == "/role/account-manager"
    store.close()
