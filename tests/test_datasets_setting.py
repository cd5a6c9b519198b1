"""A bare clone passes: the public data sets are reached through one setting, and only through it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.benchmarks.common import DATASETS_ENV, MULTILING, REQUIRE_DATASETS_ENV
from tests.conftest import REPO, require_dataset

ALLOWED = {("tests/benchmarks/common.py", "DEFAULT_DATASETS")}
"""The one place a test names a path outside the repository: the setting's default."""


def test_a_missing_data_set_skips_with_how_to_point_at_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATASETS_ENV, str(tmp_path / "nowhere"))
    monkeypatch.delenv(REQUIRE_DATASETS_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match=f"not found at .*nowhere.*; set {DATASETS_ENV}="):
        require_dataset(MULTILING)


def test_ci_turns_a_missing_data_set_into_a_failure(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATASETS_ENV, str(tmp_path / "nowhere"))
    monkeypatch.setenv(REQUIRE_DATASETS_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{REQUIRE_DATASETS_ENV} is set"):
        require_dataset(MULTILING)
    monkeypatch.setenv(REQUIRE_DATASETS_ENV, "0")
    with pytest.raises(pytest.skip.Exception):
        require_dataset(MULTILING)


def test_the_setting_finds_a_data_set_anywhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / MULTILING).mkdir(parents=True)
    monkeypatch.setenv(DATASETS_ENV, str(tmp_path))
    assert require_dataset(MULTILING) == tmp_path / MULTILING


def _escapes(source: str, path: Path) -> list[str]:
    """Lines of a test module that build a path outside the repository (beside it, or absolute)."""
    rel = path.relative_to(REPO).as_posix()
    depth = len(path.relative_to(REPO).parts) - 1  # Path(__file__).parents[depth] is the repository
    tree = ast.parse(source)
    allowed_lines = {
        node.lineno for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and (rel, t.id) in ALLOWED for t in node.targets)
    }
    lines = source.splitlines()
    allowed_lines |= {n for n, text in enumerate(lines, 1) if "# never read:" in text}  # e.g. hostile input
    found: list[str] = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if line in allowed_lines:
            continue
        if isinstance(node, ast.Attribute) and node.attr == "parent" and isinstance(node.value, ast.Name) \
                and node.value.id == "REPO":
            found.append(f"{rel}:{line}: REPO.parent")
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "parents" and isinstance(node.slice, ast.Constant) \
                and isinstance(node.slice.value, int) and node.slice.value > depth:
            found.append(f"{rel}:{line}: parents[{node.slice.value}] leaves the repository")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and not any(
                c.isspace() for c in node.value) and (  # prose (docstrings, help) may name the default
                "../" in node.value or node.value in ("shared", "..") or "/shared/" in node.value):
            found.append(f"{rel}:{line}: {node.value!r}")
        if isinstance(node, ast.Attribute) and node.attr in ("home", "expanduser"):
            found.append(f"{rel}:{line}: {node.attr}()")
    return sorted(found, key=lambda hit: int(hit.split(":")[1]))


def test_no_test_reads_outside_the_repository_but_through_the_setting() -> None:
    modules = [p for p in sorted((REPO / "tests").rglob("*.py")) if p != Path(__file__)]  # this one names them
    escapes = [hit for path in modules for hit in _escapes(path.read_text(encoding="utf-8"), path)]
    assert escapes == []


def test_the_check_catches_a_path_beside_the_repository() -> None:
    here = REPO / "tests" / "nlp" / "test_x.py"
    source = ('from pathlib import Path\nA = Path(__file__).parents[3] / "x"\n'
              'B = REPO.parent / "data"\nC = "../shared/datasets"\nD = Path.home()\n'
              'E = Path(__file__).parents[2] / "seeds"\nF = "../../x"  # never read: a hostile option value\n')
    assert [hit.split(": ", 1)[0] for hit in _escapes(source, here)] == [
        "tests/nlp/test_x.py:2", "tests/nlp/test_x.py:3", "tests/nlp/test_x.py:4", "tests/nlp/test_x.py:5",
    ]
