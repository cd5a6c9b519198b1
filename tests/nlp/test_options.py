"""Options are checked by one declaration: the pipeline, the CLI and the settings file give the same message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.cli import main
from nlp.errors import OptionsError
from nlp.ingest import make_article
from nlp.run.pipeline import analyze
from nlp.summarize.selection import summarize
from nlp.types import Options

BAD = [
    (Options(clusters=0), "clusters must be a whole number of 1 or more, or None (automatic), not 0"),
    (Options(granularity=1.5), "granularity must be a number between 0 and 1, not 1.5"),
    (Options(granularity=-0.1), "granularity must be a number between 0 and 1, not -0.1"),
    (Options(granularity=float("nan")), "granularity must be a number between 0 and 1, not nan"),  # a session by hand
    (Options(method="nope"), "unknown summary method 'nope'; choose one of: centroid, lexrank, textrank, "
                             "lsa, luhn, kl, sumbasic, edmundson, reduction"),
    (Options(sentences=0), "sentences must be a whole number of 1 or more, or None (when words is given), not 0"),
    (Options(sentences=None), "sentences must be a whole number of 1 or more when words is None, not None"),
    (Options(words=0), "words must be a whole number of 1 or more, or None (measure in sentences), not 0"),
    (Options(random_state=True), "random_state must be a whole number, not True"),
    (Options(clusters=2.0), "clusters must be a whole number of 1 or more, or None (automatic), not 2.0"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("options", "message"), BAD, ids=[m.split()[0] for _, m in BAD])
def test_the_pipeline_names_the_bad_option_and_its_value(options: Options, message: str) -> None:
    article = make_article("a", ["One sentence here. Another one there."])
    with pytest.raises(OptionsError) as raised:
        analyze([article], options)
    assert str(raised.value) == message


def test_a_language_is_a_known_name_never_a_path() -> None:
    path = "../english"  # never read: a path posing as a language
    with pytest.raises(OptionsError, match=r"^unknown language '\.\./english'; choose one of: .*\benglish\b"):
        Options(language=path).validate()


def test_edges_of_each_range_are_accepted() -> None:
    for options in (Options(granularity=0.0), Options(granularity=1.0), Options(granularity=1),
                    Options(clusters=1), Options(sentences=None, words=1), Options(sentences=1)):
        assert options.validate() is options


def test_summarize_checks_its_method_and_length_by_the_same_rules() -> None:
    article = make_article("a", ["One sentence here. Another one there."])
    with pytest.raises(OptionsError, match=r"^words must be a whole number of 1 or more, .*not 0$"):
        summarize([article], words=0)


@pytest.mark.parametrize(("flags", "message"), [
    (["--clusters", "0"], "clusters must be a whole number of 1 or more, or None (automatic), not 0"),
    (["--granularity", "3"], "granularity must be a number between 0 and 1, not 3.0"),
    (["--words", "0"], "words must be a whole number of 1 or more, or None (measure in sentences), not 0"),
    (["--language", "klingon"], "unknown language 'klingon'; choose one of: "),
])
def test_the_cli_refuses_a_flag_with_the_same_message(flags: list[str], message: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["summarize", "--sample", *flags])
    assert exit_info.value.code == 2
    assert f"argument {flags[0]}: {message}" in capsys.readouterr().err


def test_the_cli_refuses_a_settings_file_value_with_the_same_message(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"sentences": 0}), "utf-8")
    assert main(["summarize", "--sample", "--config", str(settings)]) == 2
    err = capsys.readouterr().err
    assert err == (f"topic-digest summarize: error: {settings}: sentences must be a whole number of 1 or more, "
                   "or None (when words is given), not 0\n")
