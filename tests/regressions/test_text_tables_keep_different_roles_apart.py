"""Text tables cut long labels to fit 80 columns; seven ESCO titles once all became
"technical sales rep…", so a reader could not tell the roles of `similar` apart."""

from __future__ import annotations

from rolegraph.cli.render import table

TITLES = [
    "technical sales representative in agricultural machinery and equipment",
    "technical sales representative in chemical products",
    "technical sales representative in industrial machinery",
    "technical sales representative in hardware, plumbing and heating equipment and supplies",
    "technical sales representative in office machinery and equipment",
    "technical sales representative in mining and construction machinery",
    "technical sales representative in computers, computer peripheral equipment and software",
    "Sales Representatives, Wholesale and Manufacturing, Technical and Scientific Products",
    "Sales Representatives, Wholesale and Manufacturing, Except Technical and Scientific Products",
]


def _cells(text: str) -> list[str]:
    """The first column of a rendered table."""
    lines = text.splitlines()
    width = len(lines[1].split(" ", 1)[0])
    return [line[:width].strip() for line in lines[2:]]


def test_different_long_labels_stay_different_when_cut() -> None:
    rendered = table(["Role", "Score"], [[t, "0.69"] for t in TITLES])
    assert all(len(line) <= 80 for line in rendered.splitlines())
    shown = _cells(
        table(["Role", "Score", "Shared skills"], [[t, "0.69", "x" * 60] for t in TITLES])
    )
    assert len(set(shown)) == len(TITLES), shown
    assert all(len(cell) < len(title) for cell, title in zip(shown, TITLES))
    assert "agricultura" in shown[0] and "Except" in shown[8]


def test_labels_that_fit_and_equal_labels_are_left_alone() -> None:
    shown = _cells(table(["Role", "Score"], [["Project Manager", "1"], ["Project Manager", "2"]]))
    assert shown == ["Project Manager", "Project Manager"]
