"""What a job seeker met on the page, in a real browser: duplicate and missing search results,
fit chips after a reload, soft 404s, the salary chart on a 360 px phone with a state chosen,
long ESCO addresses, a two-row phone menu and a very tall comparison.

The server answers from a store imported, as a user would, from the small official-layout
fixtures (ESCO, O*NET, the crosswalk and BLS wages with state figures) next to the built-in
data. Each case keeps a screenshot under ``artifacts/screenshots/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Opened, serve

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ESCO_MARKETING = "http://data.europa.eu/esco/occupation/aaaaaaaa-0000-4000-8000-00000000000a"
ESCO_KEY = "esco/aaaaaaaa-0000-4000-8000-00000000000a"


@pytest.fixture(scope="module")
def taxonomy_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from rolegraph.cli import main
    from rolegraph.store import OxigraphStore

    location = tmp_path_factory.mktemp("taxonomies") / "store"
    sources = [
        ("esco", FIXTURES / "esco" / "1.1.1"),
        ("onet", FIXTURES / "onet" / "29.2"),
        ("crosswalk", FIXTURES / "crosswalk" / "esco_onet_crosswalk_MCC.csv"),
        ("wages", FIXTURES / "wages"),
    ]
    for kind, path in sources:
        assert main(["import", kind, str(path), "--store", str(location), "--quiet"]) == 0
    store = OxigraphStore(location, read_only=True)
    try:
        with serve(store) as url:
            yield url
    finally:
        store.close()


@pytest.fixture
def on_taxonomies(open_page: Callable[..., Opened], taxonomy_url: str) -> Callable[..., Opened]:
    def make(viewport: str = "desktop", **options: Any) -> Opened:
        opened = open_page(viewport, **options)
        opened.base_url = taxonomy_url
        return opened

    return make


def _expected_404(opened: Opened) -> None:
    """A 404 the test asked for is the one error the page may report."""
    opened.record.errors[:] = [e for e in opened.record.errors if "404" not in e]


# -- search -------------------------------------------------------------------------------------


def test_one_result_per_occupation_with_its_source(
    on_taxonomies: Callable[..., Opened], viewport: str
) -> None:
    opened = on_taxonomies(viewport)
    page = opened.page
    opened.goto("/?q=marketing+manager")
    results = page.locator("ol.results > li")
    labels = [t.strip().casefold() for t in results.locator("> a").all_inner_texts()]
    assert labels.count("marketing managers") + labels.count("marketing manager") == 1
    first = results.first
    assert first.locator("> a").inner_text() == "Marketing Managers"
    assert first.locator(".badge.source").inner_text().strip() == "O*NET"
    also = first.locator(".also")
    assert "Also in ESCO as marketing manager" in also.inner_text()
    assert also.get_by_role("link").get_attribute("href") == f"/role/{ESCO_KEY}"
    opened.shot("search-one-per-occupation")


def test_no_role_matches_a_title_nothing_is_close_to(open_page: Callable[..., Opened]) -> None:
    opened = open_page("desktop")
    page = opened.page
    opened.goto("/?q=data+scientst")
    assert page.locator("#results h2").inner_text() == "No role matches “data scientst”"
    assert page.locator("ol.results > li").count() == 0
    assert "Nothing is close" in page.locator("#results").inner_text()
    opened.shot("search-no-match")
    opened.goto("/?q=acountant")
    assert page.locator("#results h2").inner_text() == "No role matches “acountant”"
    assert "Account Manager" in page.locator("ul.nearest").inner_text()


# -- fit ----------------------------------------------------------------------------------------


def test_fit_chips_keep_their_labels_after_a_reload(
    on_taxonomies: Callable[..., Opened], viewport: str
) -> None:
    opened = on_taxonomies(viewport)
    page = opened.page
    opened.goto("/fit")
    box = page.get_by_role("combobox", name="Add a skill")
    box.press_sequentially("marketng", delay=15)
    # wait for the answer to the whole word (earlier letters have answers of their own)
    option = page.get_by_role("option", name=re.compile("marketing", re.I)).first
    option.wait_for()
    label = option.locator(".option-label").inner_text()
    option.click()
    page.get_by_role("button", name="Find roles that fit").click()
    page.wait_for_url(re.compile(r"/fit\?skill=.+"))
    opened.wait_ready()
    assert "esco" in page.url or "onet" in page.url  # a long identifier, not the label
    page.reload()
    opened.wait_ready()
    chips = page.locator("ul.picked li.chip-picked")
    assert chips.count() == 1
    assert chips.first.inner_text().replace("×", "").strip() == label
    explanation = page.locator("ol.fits .explanation").first.inner_text()
    assert re.match(r"You have 1 of the \d+ skills? it asks for; weighted", explanation)
    opened.shot("fit-reload")


def test_fit_refuses_an_unknown_skill(open_page: Callable[..., Opened]) -> None:
    opened = open_page("desktop")
    page = opened.page
    opened.goto("/fit?skill=zzzz")
    assert "There is no skill “zzzz”" in page.get_by_role("alert").first.inner_text()
    assert page.locator("ul.picked li.chip-picked").count() == 0
    assert page.locator("ol.fits").count() == 0
    opened.goto("/fit?skill=negotiaton&skill=communication")
    assert "There is no skill “negotiaton”" in page.get_by_role("alert").first.inner_text()
    assert "negotiation" in page.get_by_role("alert").first.inner_text()
    assert page.locator("ul.picked li.chip-picked").count() == 1
    opened.shot("fit-unknown-skill")


def test_fit_explains_each_score_in_words(open_page: Callable[..., Opened]) -> None:
    opened = open_page("desktop")
    opened.goto("/fit?skill=communication&skill=negotiation")
    texts = opened.page.locator("ol.fits .explanation").all_inner_texts()
    assert len(texts) >= 2
    assert len(set(texts)) > 1, "every result says the same"
    for text in texts:
        assert re.search(r"You have \d+ of the \d+ skills? it asks for", text)


# -- 404s ---------------------------------------------------------------------------------------


def test_unknown_paths_and_roles_are_real_404s(open_page: Callable[..., Opened]) -> None:
    opened = open_page("desktop")
    page = opened.page
    answer = page.goto(opened.base_url + "/nonsense/path")
    opened.wait_ready()
    assert answer is not None and answer.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    opened.shot("404-path")

    answer = page.goto(opened.base_url + "/role/acount-managr")
    opened.wait_ready()
    assert answer is not None and answer.status == 404
    assert page.locator("h1").inner_text() == "Role not found"
    main = page.locator("main").inner_text()
    assert "https://" not in main and "w3id.org" not in main
    assert main.count("Did you mean") == 1
    suggestions = page.locator("ul.suggestions li").all_inner_texts()
    assert suggestions[0] == "Account Manager"
    opened.shot("404-role")
    _expected_404(opened)


# -- salary -------------------------------------------------------------------------------------


def test_salary_chart_for_a_state_on_a_360px_phone(on_taxonomies: Callable[..., Opened]) -> None:
    opened = on_taxonomies("phone", size={"width": 360, "height": 740})
    page = opened.page
    opened.goto("/role/onet/11-2021.00?where=US-CA")
    salary = page.locator("#salary")
    assert salary.locator(".chart-title").inner_text() == "Pay per year, California"
    assert "Marketing" not in salary.locator("svg").inner_html()  # no title of the source
    values = salary.locator("svg text.value, svg text.tick").evaluate_all(
        "texts => texts.map(t => t.textContent)"
    )
    assert values and len(values) == len(set(values)), f"a figure is drawn twice: {values}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the role page is {width}px wide"
    box = salary.locator("svg").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    salary.screenshot(path=str(opened.artifact("screenshots/salary-california-360.png")))
    opened.shot("salary-california-360")

    opened.goto("/role/onet/11-2021.00?where=US-TX")
    title = salary.locator(".chart-title").inner_text()
    assert title == "Pay per year, United States (national) (no figures for Texas)"
    assert "No figures for Texas" in salary.locator(".note").inner_text()

    opened.goto("/role/onet/11-2021.00?where=XX-99")
    assert "There is no place “XX-99”" in page.get_by_role("alert").inner_text()
    assert "United States (national)" in salary.locator(".chart-title").inner_text()
    opened.goto("/?q=marketing&where=XX-99")
    assert "There is no place “XX-99”" in page.get_by_role("alert").inner_text()


# -- addresses, menu and length on a phone ------------------------------------------------------


def test_esco_roles_have_short_addresses_that_round_trip(
    on_taxonomies: Callable[..., Opened],
) -> None:
    opened = on_taxonomies("desktop")
    page = opened.page
    opened.goto("/?q=marketing+manager")
    page.locator("ol.results .also a").first.click()
    page.wait_for_url(re.compile(rf"/role/{ESCO_KEY}$"))
    opened.wait_ready()
    assert page.locator("h1").inner_text() == "marketing manager"
    assert "%" not in page.url
    page.reload()
    opened.wait_ready()
    assert page.locator("h1").inner_text() == "marketing manager"
    compare = page.get_by_role("link", name="Compare with…").get_attribute("href") or ""
    assert compare == f"/compare?a={ESCO_KEY.replace('/', '%2F')}"
    answer = page.request.get(opened.base_url + f"/api/role?id={ESCO_MARKETING}")
    assert answer.ok and answer.json()["label"] == "marketing manager"
    opened.shot("esco-role")


@pytest.mark.parametrize("width", [360, 390])
def test_the_menu_stays_one_row_on_a_phone(open_page: Callable[..., Opened], width: int) -> None:
    opened = open_page("phone", size={"width": width, "height": 740})
    opened.goto("/")
    tops = opened.page.evaluate(
        "[...document.querySelectorAll('.site-header a')].map(a => a.getBoundingClientRect().top)"
    )
    assert len(tops) == 5 and max(tops) - min(tops) < 8, f"the menu wraps: {tops}"
    assert opened.page.evaluate("document.documentElement.scrollWidth") <= width
    assert opened.page.get_by_role("link", name="Fit my skills", exact=True).is_visible()
    opened.shot(f"menu-{width}")


def test_compare_stays_short_on_a_phone(on_taxonomies: Callable[..., Opened]) -> None:
    opened = on_taxonomies("phone")
    page = opened.page
    opened.goto("/compare?a=onet/11-2021.00&b=onet/13-1082.00")
    lists = page.locator(".versus ul")
    assert lists.count() > 0
    assert max(lists.nth(i).locator("> li").count() for i in range(lists.count())) <= 8
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, f"compare is {height}px tall"
    texts = page.locator(".versus").first.inner_text()
    assert "Job Zone 4 of 5: considerable preparation needed" in texts
    opened.shot("compare-phone")
