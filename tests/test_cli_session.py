"""`topic-digest summarize --save-session` and `summarize FILE.tdigest`: round trip, hand edits, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.cli import main
from nlp.session import VERSION
from tests.topics_corpus import write_topics_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    return [str(p) for p in write_topics_corpus(tmp_path / "articles")]


def test_a_saved_session_exports_the_digest_of_the_analysis(corpus: list[str], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    session = tmp_path / "news.tdigest"
    assert main(["summarize", *corpus, "--save-session", str(session)]) == 0
    assert capsys.readouterr().out == ""  # a session asked for, no digest on standard output
    for fmt in ("json", "markdown"):
        assert main(["summarize", *corpus, "--format", fmt]) == 0
        direct = capsys.readouterr().out
        assert main(["summarize", str(session), "--format", fmt]) == 0
        assert capsys.readouterr().out == direct


def test_a_session_edited_by_hand_is_exported_as_edited(corpus: list[str], tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    session = tmp_path / "news.tdigest"
    assert main(["summarize", *corpus, "--save-session", str(session), "-o", str(tmp_path / "before.json")]) == 0
    document = json.loads(session.read_text(encoding="utf-8"))
    clusters = document["digest"]["clusters"]
    clusters[0]["label"] = "Renamed by a script"
    moved = clusters[1]["article_ids"].pop(0)
    clusters[2]["article_ids"].append(moved)
    session.write_text(json.dumps(document), encoding="utf-8")
    assert main(["summarize", str(session), "-o", str(tmp_path / "after.json")]) == 0
    before = json.loads((tmp_path / "before.json").read_text(encoding="utf-8"))["clusters"]
    after = json.loads((tmp_path / "after.json").read_text(encoding="utf-8"))["clusters"]
    assert after[0] == {**before[0], "label": "Renamed by a script"}
    assert moved in after[2]["article_ids"] and moved not in after[1]["article_ids"]
    assert after[1]["summary"] != before[1]["summary"] or after[1]["article_ids"] != before[1]["article_ids"]
    assert after[2]["summary"] != before[2]["summary"]


def test_a_future_session_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = tmp_path / "new.tdigest"
    session.write_text(f'{{"format": "topic-digest-session", "version": {VERSION + 1}}}', encoding="utf-8")
    assert main(["summarize", str(session)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"newer Topic Digest (session version {VERSION + 1})" in err


def test_a_session_takes_no_other_inputs_or_options(corpus: list[str], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    session = tmp_path / "news.tdigest"
    assert main(["summarize", *corpus, "--save-session", str(session)]) == 0
    assert main(["summarize", str(session), corpus[0]]) == 2
    assert "as the only input" in capsys.readouterr().err
    assert main(["summarize", str(session), "--words", "50"]) == 2
    assert "keeps the options it was made with" in capsys.readouterr().err


def test_a_digest_never_lands_on_a_session(corpus: list[str], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """-o writes a digest: to a session's name, or to the file --save-session writes, it is refused before the run."""
    session = tmp_path / "news.tdigest"
    assert main(["summarize", *corpus, "--save-session", str(session)]) == 0
    saved = session.read_bytes()
    assert main(["summarize", *corpus, "-o", str(session)]) == 2
    assert "names a session (.tdigest), and -o writes a digest" in capsys.readouterr().err
    assert main(["summarize", *corpus, "--save-session", str(tmp_path / "both"), "-o", str(tmp_path / "both")]) == 2
    assert "-o and --save-session name one file" in capsys.readouterr().err
    assert session.read_bytes() == saved and not (tmp_path / "both").exists()
