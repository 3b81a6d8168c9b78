"""Parsing files: good files load, bad ones fail with file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolegraph.errors import FormatError, InputError
from rolegraph.load import iter_triples, parse_files
from rolegraph.resources import builtin_data_paths


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_turtle_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n")
    assert len(parse_files([path])) == 1


@pytest.mark.parametrize(
    ("name", "text", "line", "column"),
    [
        ("bad.ttl", '@prefix ex: <http://example.org/> .\nex:a ex:b "open .\n', 2, 11),
        (
            "bad.nt",
            "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> .\n",
            2,
            27,
        ),
        ("bad.jsonld", '{\n  "@id": "http://e/a",\n  "http://e/b": [\n}\n', 4, 1),
    ],
)
def test_malformed_file_names_file_line_and_column(
    tmp_path: Path, name: str, text: str, line: int, column: int
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as caught:
        list(iter_triples(path))
    error = caught.value
    assert error.file == str(path)
    assert error.line == line
    assert error.column == column
    assert str(error).startswith(f"{path}:{line}:{column}: malformed")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_triples(tmp_path / "absent.ttl"))


def test_unknown_extension_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path, "data.csv", "a,b\n")
    with pytest.raises(InputError, match="cannot tell the RDF format"):
        list(iter_triples(path))


def test_unknown_format_name_lists_the_known_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.ttl", "")
    with pytest.raises(FormatError, match="turtle"):
        list(iter_triples(path, format="yaml"))


def test_the_builtin_data_is_in_the_package() -> None:
    """Every command without --store reads it: missing, it is a failure, not a skipped test."""
    names = {path.name for path in builtin_data_paths()}
    assert {"article.ttl", "skill-alignment.ttl"} <= names
