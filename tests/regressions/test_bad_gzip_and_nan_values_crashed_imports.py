"""A ``.csv.gz`` that is not gzip (or is cut short), and an O*NET ``Data Value`` of ``NaN``,
ended imports in tracebacks. They are input errors naming the file, or with ``--lenient``
quirks of the report."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from tests.conftest import FIXTURES


def esco_copy(tmp_path: Path) -> Path:
    target = tmp_path / "esco" / "1.1.1"
    shutil.copytree(FIXTURES / "esco" / "1.1.1", target)
    return target


def test_a_gz_file_that_is_not_gzip_is_an_input_error(cli, tmp_path: Path) -> None:
    release = esco_copy(tmp_path)
    relations = release / "occupationSkillRelations.csv"
    relations.rename(release / "occupationSkillRelations.csv.gz")  # plain text, named .gz
    result = cli("import", "esco", release, "--store", tmp_path / "store", "--quiet")
    assert result.code == 2
    assert "occupationSkillRelations.csv.gz" in result.err and "not a gzip file" in result.err
    assert "Traceback" not in result.err and result.err.count("\n") == 1


def test_a_gzip_file_cut_short_is_an_input_error(cli, tmp_path: Path) -> None:
    release = esco_copy(tmp_path)
    relations = release / "occupationSkillRelations.csv"
    packed = gzip.compress(relations.read_bytes() * 200)
    relations.unlink()
    (release / "occupationSkillRelations.csv.gz").write_bytes(packed[: len(packed) // 2])
    result = cli("import", "esco", release, "--store", tmp_path / "store", "--quiet")
    assert result.code == 2
    assert "ends early" in result.err and "Traceback" not in result.err


def test_a_nan_rating_is_an_input_error_or_a_lenient_quirk(cli, tmp_path: Path) -> None:
    release = tmp_path / "onet" / "29.2"
    shutil.copytree(FIXTURES / "onet" / "29.2", release)
    skills = release / "Skills.txt"
    lines = skills.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].split("\t")
    header = lines[0].rstrip("\r\n").split("\t")
    fields[header.index("Data Value")] = "NaN"
    lines[1] = "\t".join(fields)
    skills.write_text("".join(lines), encoding="utf-8")
    store = tmp_path / "store"
    strict = cli("import", "onet", release, "--store", store, "--quiet")
    assert strict.code == 2
    assert "Skills.txt:2" in strict.err and "'NaN'" in strict.err
    assert "Traceback" not in strict.err
    lenient = cli("import", "onet", release, "--store", store, "--quiet", "--lenient")
    assert lenient.code == 0, lenient.err
    assert "rating with an unreadable Data Value 'NaN' (skipped)" in lenient.out
