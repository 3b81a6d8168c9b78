"""A Job Zone 4 role read "Seniority: senior" on its page and "Level 4 of 5" in compare: every
output now names a level in O*NET's own Job Zone words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rolegraph.cli import main
from rolegraph.levels import JOB_ZONES, level_text

ONET = Path(__file__).resolve().parents[1] / "fixtures" / "onet" / "29.2"


def test_the_words_are_o_net_s() -> None:
    reference = "Job Zone Four: Considerable Preparation Needed"
    assert reference.endswith(JOB_ZONES[4])
    assert level_text(4) == "Job Zone 4 of 5: considerable preparation needed"
    assert level_text(None) is None


def test_show_and_compare_say_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    assert main(["import", "onet", str(ONET), "--store", store, "--quiet"]) == 0
    capsys.readouterr()
    assert main(["show", "11-2021.00", "--store", store, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["job_zone"] is not None
    assert shown["level"] == level_text(int(shown["job_zone"]))
    assert main(["show", "11-2021.00", "--store", store]) == 0
    text = capsys.readouterr().out
    assert f"Level: {shown['level']}" in text and "Seniority: senior" not in text
    assert main(["compare", "11-2021.00", "13-1082.00", "--store", store, "--format", "json"]) == 0
    compared = json.loads(capsys.readouterr().out)
    assert compared["level"]["a"] == shown["level"]
