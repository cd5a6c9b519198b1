"""The sample corpus and app resources ship inside the wheel and load from a clean install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=900
    )
    assert proc.returncode == 0, f"{args} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it into a fresh virtual environment outside the checkout."""
    root = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", root / "dist", REPO, cwd=root)
    (wheel,) = (root / "dist").glob("topic_digest-*.whl")
    venv.EnvBuilder(with_pip=True).create(root / "venv")
    python = root / "venv" / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", wheel, cwd=root)
    return root


@pytest.mark.slow
def test_sample_corpus_loads_from_the_installed_wheel(installed: Path) -> None:
    python = installed / "venv" / "bin" / "python"
    code = (
        "import json; from nlp.sample import sample_dir, sample_paths; "
        "print(json.dumps([str(sample_dir())] + [str(p) for p in sample_paths()]))"
    )
    folder, *files = json.loads(_run(python, "-c", code, cwd=installed))
    assert "site-packages" in folder and str(REPO) not in folder
    assert [Path(f).name for f in files] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for f in files:
        assert Path(f).read_bytes() == (SEEDS / Path(f).name).read_bytes()


@pytest.mark.slow
def test_installed_command_summarises_the_sample(installed: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    out = _run(
        installed / "venv" / "bin" / "topic-digest", "summarize", "--sample", "--format", "json",
        cwd=installed, env=env,
    )
    digest = json.loads(out)
    assert len(digest["articles"]) == 5
    assert all("site-packages" in a["path"] for a in digest["articles"])
    assert any(len(c["article_ids"]) >= 2 for c in digest["clusters"])


@pytest.mark.slow
def test_app_resources_ship_in_the_wheel(installed: Path) -> None:
    python = installed / "venv" / "bin" / "python"
    code = (
        "from importlib import resources; r = resources.files('desktop') / '_resources'; "
        "print(sorted(p.name for p in r.iterdir()))"
    )
    names = _run(python, "-c", code, cwd=installed)
    assert "io.github.topicdigest.TopicDigest.desktop" in names and "'icons'" in names
