"""The options of each use case: one set of defaults, the same on every face."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields
from typing import Any, get_args

import click
import pytest
from fastapi.testclient import TestClient

from rolegraph.api import (
    MEASURES,
    RANKINGS,
    SCHEMES,
    FitOptions,
    Measure,
    NextOptions,
    Ranking,
    RouteOptions,
    Scheme,
    SimilarOptions,
    TransferableOptions,
)
from rolegraph.cli import main_group
from rolegraph.server import ServerSettings, create_app
from rolegraph.store import OxigraphStore


def test_the_option_types_list_what_the_algorithms_accept() -> None:
    assert get_args(Measure) == MEASURES
    assert get_args(Ranking) == RANKINGS
    assert get_args(Scheme) == SCHEMES


def test_options_are_frozen_and_keyword_only() -> None:
    with pytest.raises(FrozenInstanceError):
        RouteOptions().k = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        RouteOptions(5)  # type: ignore[misc]


def _cli_defaults(command: str) -> dict[str, Any]:
    # The group loads a command's module when the command is asked for, as ``rolegraph CMD``
    # does: reading ``main_group.commands`` would see only what earlier tests happened to load.
    found = main_group.get_command(click.Context(main_group), command)
    assert found is not None, command
    return {
        p.name: p.default for p in found.params if isinstance(p, click.Option) and not p.is_flag
    }


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("route", RouteOptions()),
        ("next", NextOptions()),
        ("similar", SimilarOptions()),
        ("fit", FitOptions()),
    ],
)
def test_the_command_line_takes_its_defaults_from_the_options(command: str, options: Any) -> None:
    defaults = _cli_defaults(command)
    for field in fields(options):
        if field.name in defaults:
            assert defaults[field.name] == getattr(options, field.name), field.name


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    store = OxigraphStore()
    with TestClient(create_app(store, settings=ServerSettings())) as client:
        schema: dict[str, Any] = client.get("/openapi.json").json()
    store.close()
    return schema


@pytest.mark.parametrize(
    ("path", "options"),
    [
        ("/api/route", RouteOptions()),
        ("/api/next", NextOptions()),
        ("/api/similar", SimilarOptions()),
        ("/api/fit", FitOptions()),
        ("/api/transferable", TransferableOptions()),
    ],
)
def test_the_json_api_takes_its_defaults_from_the_options(
    openapi: dict[str, Any], path: str, options: Any
) -> None:
    parameters = {
        p["name"]: p["schema"].get("default") for p in openapi["paths"][path]["get"]["parameters"]
    }
    checked = 0
    for field in fields(options):
        if field.name in parameters and getattr(options, field.name) is not None:
            assert parameters[field.name] == getattr(options, field.name), (path, field.name)
            checked += 1
    assert checked >= 1
