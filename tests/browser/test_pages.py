"""The dream-job page in a real headless browser: search, role, compare, route and fit, on a
desktop and a phone screen, with the keyboard alone, with readable contrast and no other hosts.

Each flow saves a full-page screenshot under ``artifacts/screenshots/``.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

#: The ``open_page`` fixture: open_page(viewport, color_scheme=..., size=...) -> Opened.
OpenPage = Callable[..., Any]

#: Every part of a role view, by section id.
ROLE_SECTIONS = (
    "overview",
    "responsibilities",
    "skills",
    "qualifications",
    "tools",
    "industries",
    "works-with",
    "similar",
    "salary",
    "moves",
    "sources",
)


def _texts(opened: Any, selector: str) -> list[str]:
    return [text.strip() for text in opened.page.locator(selector).all_inner_texts()]


def _check_data_links(opened: Any, *expected: str) -> None:
    """The view links to its data as JSON and as Turtle, and both answer."""
    page = opened.page
    links = {
        "JSON": ("application/json", page.get_by_role("link", name="JSON", exact=True)),
        "Turtle": ("text/turtle", page.get_by_role("link", name="Turtle", exact=True)),
    }
    for name, (media, link) in links.items():
        href = link.get_attribute("href") or ""
        assert href.startswith("/"), f"{name} link {href!r} stays on this server"
        answer = page.request.get(opened.base_url + href)
        assert answer.ok, f"{name} link {href} answered {answer.status}"
        assert answer.headers["content-type"].startswith(media)
        for text in expected:
            assert text in answer.text(), f"{name} data lacks {text!r}"


def test_search_suggests_through_typos(open_page: OpenPage, viewport: str) -> None:
    opened = open_page(viewport)
    opened.goto("/")
    page = opened.page
    box = page.get_by_role("combobox", name="Enter your dream job")
    box.press_sequentially("projct manger", delay=20)
    option = page.get_by_role("option", name="Project Manager", exact=True)
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    opened.shot("search-suggestions")
    option.click()
    page.wait_for_url(re.compile(r"/role/project-manager$"))
    opened.wait_ready()
    assert page.locator("h1").inner_text() == "Project Manager"


def test_search_with_place_and_results_list(open_page: OpenPage, viewport: str) -> None:
    opened = open_page(viewport)
    opened.goto("/")
    page = opened.page
    page.get_by_label("Where").select_option("US-CA")
    page.get_by_role("combobox", name="Enter your dream job").fill("acount manger")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/\?q=acount\+manger&where=US-CA$"))
    opened.wait_ready()
    results = page.locator("#results ol.results a")
    results.first.wait_for()
    assert results.first.inner_text() == "Account Manager"
    assert results.first.get_attribute("href") == "/role/account-manager?where=US-CA"
    _check_data_links(opened, "account-manager")
    results.first.click()
    page.wait_for_url(re.compile(r"/role/account-manager\?where=US-CA$"))
    opened.wait_ready()
    assert page.get_by_label("Salary for").input_value() == "US-CA"


def test_keyboard_only_search(open_page: OpenPage) -> None:
    opened = open_page("desktop")
    opened.goto("/")
    page = opened.page
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    skip_top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert skip_top >= 0, "the skip link is visible when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next stop is the search box: the form comes first in the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    # Then the place, then the button, then back.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "where"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Search"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    page.keyboard.type("projct manger", delay=20)
    page.get_by_role("option").first.wait_for()
    option_names = _texts(opened, "[role=option] .option-label")
    index = option_names.index("Project Manager")
    for _ in range(index + 1):
        page.keyboard.press("ArrowDown")
    active = page.evaluate("document.activeElement.getAttribute('aria-activedescendant')")
    assert page.locator(f"#{active} .option-label").inner_text() == "Project Manager"
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    opened.shot("search-keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/role/project-manager$"))
    opened.wait_ready()
    assert page.evaluate("document.activeElement.tagName") == "H1"
    # Escape closes the list, a second Escape clears the box.
    page.go_back()
    opened.wait_ready()
    box = page.get_by_role("combobox", name="Enter your dream job")
    box.focus()
    box.fill("")
    page.keyboard.type("acount", delay=20)
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Escape")
    assert box.input_value() == ""


def test_role_page(open_page: OpenPage, viewport: str) -> None:
    opened = open_page(viewport)
    opened.goto("/role/account-manager")
    page = opened.page
    assert page.locator("h1").inner_text() == "Account Manager"
    assert page.title() == "Account Manager · rolegraph"
    for section in ROLE_SECTIONS:
        assert page.locator(f"section#{section} h2").count() == 1, section
    assert page.locator("#responsibilities li").count() >= 3
    # Skills: grouped by category, essential ones first within each group.
    groups = page.locator("#skills .skill-group")
    assert groups.count() >= 1
    for index in range(groups.count()):
        classes = (
            groups.nth(index).locator("li.skill").evaluate_all("els => els.map(e => e.className)")
        )
        essential = [("essential" in name) for name in classes]
        assert essential == sorted(essential, reverse=True), "essential skills come first"
    # Salary: the article gives a range, drawn as a bar, with its source.
    chart = page.locator("#salary svg.salary-chart")
    assert chart.count() == 1
    assert chart.locator("rect.range").count() == 1
    assert "$60,000" in page.locator("#salary table.figures").inner_text()
    assert "$80,000" in page.locator("#salary table.figures").inner_text()
    assert page.locator("#salary .source").inner_text().startswith("Source: ")
    assert "60,000" in (chart.locator("desc").text_content() or "")
    _check_data_links(opened, "account-manager", "Account Manager")
    # Similar roles: each with the line of facets that says why it is close.
    similar = page.locator("#similar .similar-roles li")
    similar.first.wait_for()
    assert similar.count() >= 3
    # The article's role has no knowledge ratings, so that facet is not shown for it.
    assert re.fullmatch(
        r"skills \d+% · work \d+% · titles \d+% · technology \d+%",
        similar.first.locator(".facets").inner_text(),
    )
    opened.shot("role-account-manager")


def test_role_salary_distribution_chart(open_page: OpenPage, viewport: str) -> None:
    """A role with percentiles for a state gets a box chart; a state without figures falls back."""
    opened = open_page(viewport)
    page = opened.page
    role: dict[str, Any] = {
        "iri": "https://w3id.org/rolegraph/id/role/example-analyst",
        "label": "Example Analyst",
        "alt_labels": ["Data Analyst"],
        "definition": "Turns data into answers.",
        "codes": {"onet": "15-2051.00"},
        "skills": [
            {
                "iri": "x:s1",
                "label": "statistics",
                "category": "Analytical skills",
                "strength": "essential",
            },
            {
                "iri": "x:s2",
                "label": "charts",
                "category": "Analytical skills",
                "strength": "optional",
            },
        ],
        "salary": [
            {
                "currency": "USD",
                "percentile10": 52000,
                "percentile25": 64000,
                "median": 83000,
                "percentile75": 104000,
                "percentile90": 131000,
                "mean": 88000,
                "period": "Annual",
                "region": "US-CA",
                "region_label": "California",
                "year": 2024,
                "source_label": "Occupational Employment and Wage Statistics",
            },
            {"currency": "USD", "median": 76000, "period": "Annual", "region": "US", "year": 2024},
        ],
    }

    def answer(route: Any) -> None:
        route.fulfill(status=200, content_type="application/json", body=json.dumps(role))

    page.route(re.compile(r".*/api/role\?.*"), answer)
    # The made-up role has no neighbours in the graph: the similar roles answer none.
    page.route(
        re.compile(r".*/api/similar\?.*"),
        lambda route: route.fulfill(status=200, content_type="application/json", body="[]"),
    )
    opened.goto("/role/account-manager?where=US-CA")
    chart = page.locator("#salary svg.salary-chart")
    assert chart.locator("rect.box").count() == 1
    assert chart.locator("line.median").count() == 1
    assert chart.locator("line.whisker").count() == 3
    assert "California" in (chart.locator("title").text_content() or "")
    table = page.locator("#salary table.figures").inner_text()
    for figure in ("$52,000", "$64,000", "$83,000", "$104,000", "$131,000"):
        assert figure in table
    assert (
        "Occupational Employment and Wage Statistics, 2024"
        in page.locator("#salary .source").inner_text()
    )
    opened.shot("role-salary-distribution")
    opened.goto("/role/account-manager?where=US-TX")
    assert "No figures for Texas" in page.locator("#salary .note").inner_text()
    assert page.locator("#salary rect.box").count() == 0


def test_compare(open_page: OpenPage, viewport: str) -> None:
    opened = open_page(viewport)
    opened.goto("/compare?a=account-manager&b=project-manager")
    page = opened.page
    assert page.locator("h1").inner_text() == "Account Manager vs. Project Manager"
    shared = [text.lower() for text in _texts(opened, "tr.both .chip-shared")]
    assert any("communication" in skill for skill in shared), shared
    tables = page.locator("table.versus")
    skills_table = tables.filter(has_text="Shared skills")
    only_a = skills_table.locator("tbody tr:not(.both) td").nth(0).locator("li").all_inner_texts()
    only_b = skills_table.locator("tbody tr:not(.both) td").nth(1).locator("li").all_inner_texts()
    assert only_a and only_b and not set(only_a) & set(only_b)
    facets = page.locator("table.versus th[scope=row]").all_inner_texts()
    for facet in ("Focus", "Scope", "Communication", "Works with"):
        assert facet in facets
    assert page.locator("table.versus thead th").first.inner_text() == "Account Manager"
    _check_data_links(opened, "account-manager", "project-manager", "communication")
    opened.shot("compare-am-pm")


def test_compare_form(open_page: OpenPage, viewport: str) -> None:
    opened = open_page(viewport)
    opened.goto("/compare")
    page = opened.page
    first = page.get_by_role("combobox", name="First role")
    first.press_sequentially("acount manager", delay=15)
    page.get_by_role("option", name="Account Manager", exact=True).click()
    second = page.get_by_role("combobox", name="Second role")
    second.press_sequentially("project manger", delay=15)
    page.get_by_role("option", name="Project Manager", exact=True).click()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"/compare\?a=account-manager&b=project-manager$"))
    opened.wait_ready()
    assert page.locator("h1").inner_text() == "Account Manager vs. Project Manager"


@pytest.mark.parametrize(
    ("start", "goal", "first", "last"),
    [
        ("account-manager", "sales-manager", "Account Manager", "Sales Manager"),
        ("project-manager", "portfolio-manager", "Project Manager", "Portfolio Manager"),
    ],
)
def test_route(
    open_page: OpenPage, viewport: str, start: str, goal: str, first: str, last: str
) -> None:
    opened = open_page(viewport)
    opened.goto(f"/route?from={start}&to={goal}")
    page = opened.page
    assert page.locator("h1").inner_text() == f"From {first} to {last}"
    routes = page.locator("article.route")
    assert routes.count() >= 1
    best = routes.first
    stops = best.locator(".stop-name").all_inner_texts()
    assert stops[0] == first and stops[-1] == last and len(stops) >= 2
    moves = best.locator("li.move")
    assert moves.count() == len(stops) - 1
    assert "Change in pay:" in moves.first.inner_text()
    assert re.search(r"Route 1 · best · \d+ steps?", best.locator("h3").inner_text())
    assert "cost" not in best.inner_text()
    assert re.search(r"Skills to gain \(\d+\)|No new skills needed", moves.first.inner_text())
    _check_data_links(opened, start, goal)
    opened.shot(f"route-{start}-{goal}")


def test_route_form_and_no_route(open_page: OpenPage) -> None:
    opened = open_page("desktop")
    opened.goto("/route")
    page = opened.page
    page.get_by_role("combobox", name="My current role").press_sequentially(
        "sales manager", delay=15
    )
    page.get_by_role("option", name="Sales Manager", exact=True).click()
    page.get_by_role("combobox", name="My dream role").fill("account manager")
    page.get_by_role("button", name="Find routes").click()
    page.wait_for_url(re.compile(r"/route\?from=sales-manager&to=account-manager$"))
    opened.wait_ready()
    heading = page.locator("#results-title").inner_text()
    assert re.match(r"No route found|\d+ best routes?", heading)
    if heading == "No route found":  # no dead end: the closest role within reach, and the gap
        closest = page.locator("section.closest")
        assert closest.locator("h2").inner_text().startswith("Closest role within reach: ")
        assert "the gap to Account Manager" in closest.inner_text()


def test_fit(open_page: OpenPage, viewport: str) -> None:
    opened = open_page(viewport)
    opened.goto("/fit")
    page = opened.page
    box = page.get_by_role("combobox", name="Add a skill")
    for typed in ("comunication", "negotiaton"):
        box.press_sequentially(typed, delay=15)
        page.get_by_role("option").first.wait_for()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        assert box.input_value() == ""
    chosen = page.locator("ul.picked li.chip-picked")
    assert chosen.count() == 2
    page.get_by_role("button", name="Find roles that fit").click()
    page.wait_for_url(re.compile(r"/fit\?skill=.+&skill=.+"))
    opened.wait_ready()
    fits = page.locator("ol.fits > li")
    assert fits.count() >= 1
    scores = [int(text.rstrip("%")) for text in fits.locator(".meter-value").all_inner_texts()]
    assert scores == sorted(scores, reverse=True)
    assert fits.first.locator(".chip-shared").count() >= 1
    _check_data_links(opened, "communication", "negotiation")
    opened.shot("fit-skills")
    # The URL is enough to draw the same view again.
    url = page.url
    opened.goto(url.removeprefix(opened.base_url))
    assert page.locator("ol.fits > li").count() == fits.count()


def test_views_fit_a_small_phone(open_page: OpenPage) -> None:
    opened = open_page("phone", size={"width": 360, "height": 740})
    for path in (
        "/",
        "/role/project-manager",
        "/compare?a=account-manager&b=project-manager",
        "/route?from=account-manager&to=sales-manager",
        "/fit?skill=communication",
    ):
        opened.goto(path)
        width = opened.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide"
    opened.shot("compare-360")


#: Walks every visible text node and measures its contrast with the background behind it.
_CONTRAST_SCRIPT = (Path(__file__).with_name("contrast.js")).read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_meets_wcag_aa(open_page: OpenPage, scheme: str) -> None:
    opened = open_page("desktop", color_scheme=scheme)
    for path in (
        "/role/account-manager",
        "/compare?a=account-manager&b=project-manager",
        "/route?from=project-manager&to=portfolio-manager",
        "/fit?skill=communication",
    ):
        opened.goto(path)
        result = opened.page.evaluate(_CONTRAST_SCRIPT)
        assert result["checked"] > 20
        assert not result["failures"], f"{path} ({scheme}): {result['failures']}"
    opened.shot(f"route-{scheme}")


def test_views_are_usable_within_a_second(open_page: OpenPage) -> None:
    opened = open_page("desktop")
    paths = (
        "/",
        "/role/account-manager",
        "/compare?a=account-manager&b=project-manager",
        "/route?from=account-manager&to=sales-manager",
        "/fit?skill=communication&skill=negotiation",
    )
    for path in paths:  # the first visit builds the server's indexes
        opened.goto(path)
    timings = {}
    for path in paths:
        timings[path] = min(opened.goto(path) for _ in range(2))
    report = opened.artifact("view-timings.json")
    report.write_text(json.dumps({p: round(t, 3) for p, t in timings.items()}, indent=2) + "\n")
    slow = {path: round(seconds, 3) for path, seconds in timings.items() if seconds >= 1.0}
    assert not slow, f"views slower than a second: {slow}"


def test_unknown_role_offers_suggestions(open_page: OpenPage) -> None:
    opened = open_page("desktop")
    page = opened.page
    started = time.perf_counter()
    opened.goto("/role/acount-managr")
    assert time.perf_counter() - started < 5
    assert page.locator("h1").inner_text() == "Role not found"
    assert page.get_by_role("alert").count() == 1
    # The failed request is the only error the page may report.
    opened.record.errors[:] = [e for e in opened.record.errors if "404" not in e]
