"""The settings file the app writes and the CLI reads with --config."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.config import load_options, save_options
from nlp.errors import OptionsError
from nlp.types import Options


def test_settings_round_trip(tmp_path: Path) -> None:
    options = Options(clusters=4, granularity=0.8, method="lexrank", sentences=None, words=120)
    path = save_options(options, tmp_path / "settings.json")
    assert load_options(path) == options


def test_unknown_setting_names_key_and_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"methd": "lexrank"}', encoding="utf-8")
    with pytest.raises(OptionsError, match=r"settings\.json: unknown setting 'methd'"):
        load_options(path)


def test_broken_or_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(OptionsError, match="is not valid JSON"):
        load_options(path)
    with pytest.raises(OptionsError, match="cannot read settings file .*absent.json"):
        load_options(tmp_path / "absent.json")
    path.write_text('{"sentences": "five"}', encoding="utf-8")
    with pytest.raises(OptionsError, match=r"settings\.json: sentences must be a whole number of 1 or more, .*not 'five'$"):
        load_options(path)


def test_a_value_out_of_range_is_named_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"granularity": 5}', encoding="utf-8")
    with pytest.raises(OptionsError, match=r"settings\.json: granularity must be a number between 0 and 1, not 5$"):
        load_options(path)
