"""`compare` printed "Account Manager: 70,000 USD" where the article says 60,000-80,000: a range
from a source stays a range in the text, the JSON and the API."""

from __future__ import annotations

import json

import pytest

from rolegraph.cli import main


def test_compare_text_prints_the_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "Account Manager", "Project Manager"]) == 0
    out = capsys.readouterr().out
    assert "Account Manager: 60,000–80,000 USD" in " ".join(out.split())
    assert "70,000" not in out


def test_compare_json_keeps_the_ends(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "Account Manager", "Project Manager", "--format", "json"]) == 0
    salary = json.loads(capsys.readouterr().out)["salary"]["a"]
    assert (salary["min"], salary["max"], salary["currency"]) == (60000.0, 80000.0, "USD")
