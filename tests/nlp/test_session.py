"""Session files: save and reopen give the same digest; hand edits are honoured; bad files refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp import edits
from nlp.errors import SessionError
from nlp.export import FORMATS, render
from nlp.session import VERSION, open_curated, read_session, render_session, save_session
from nlp.summarize.selection import summarize
from nlp.types import Analysis
from tests.topics_corpus import analyse_topics_corpus


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return analyse_topics_corpus(tmp_path_factory.mktemp("topics"))


@pytest.fixture(scope="module")
def edited(analysis: Analysis) -> edits.Draft:
    draft = edits.draft_of(analysis)
    bench = edits.workbench(draft)
    draft = edits.rename(draft, 0, "Ice on the move")
    draft = edits.move(draft, ["harbour-1"], 2, bench)
    return edits.exclude(draft, ["orchestra-3"], bench)


def test_save_reopen_export_is_byte_identical(edited: edits.Draft, tmp_path: Path) -> None:
    path = save_session(edited, tmp_path / "work.tdigest")
    opened = read_session(path)
    assert opened.stale == ()
    again = opened.reconciled()
    for fmt in FORMATS:
        assert render(again.analysis, fmt) == render(edited.analysis, fmt), fmt
    assert again.corpus == edited.corpus
    assert again.named == edited.named and again.history == edited.history
    assert again.excluded == ("orchestra-3",)
    assert render_session(again) == path.read_text(encoding="utf-8")


def test_the_file_holds_a_digest_and_the_texts(edited: edits.Draft, tmp_path: Path) -> None:
    document = json.loads(render_session(edited))
    assert document["version"] == VERSION
    assert document["digest"] == json.loads(render(edited.analysis, "json"))
    assert {a["id"] for a in document["corpus"]} == {a.id for a in edited.corpus}
    assert all(a["body"] for a in document["corpus"])


def test_hand_edits_to_the_clusters_are_honoured(edited: edits.Draft, tmp_path: Path) -> None:
    document = json.loads(render_session(edited))
    clusters = document["digest"]["clusters"]
    clusters[1]["label"] = "Ports and ships"
    clusters[2]["label"] = "Music"
    moving = clusters[0]["article_ids"].pop()  # a glacier article goes to the music topic
    clusters[2]["article_ids"].append(moving)
    path = tmp_path / "hand.tdigest"
    path.write_text(json.dumps(document), encoding="utf-8")
    curated = open_curated(path)
    out = curated.analysis.clusters
    assert [c.label for c in out] == ["Ice on the move", "Ports and ships", "Music"]
    assert moving in out[2].article_ids and moving not in out[0].article_ids
    before = json.loads(render(edited.analysis, "json"))["clusters"][1]
    assert json.loads(render(curated.analysis, "json"))["clusters"][1] == {**before, "label": "Ports and ships"}
    for cluster in (out[0], out[2]):
        assert cluster.summary == summarize([curated.analysis.article(i) for i in cluster.article_ids])
    assert out[2].summary != edited.analysis.clusters[2].summary
    assert curated.step == "Apply the edits made to 2 topics by hand"


def test_an_id_left_out_by_hand_is_excluded_and_a_new_topic_described(edited: edits.Draft, tmp_path: Path) -> None:
    document = json.loads(render_session(edited))
    clusters = document["digest"]["clusters"]
    taken = clusters[1]["article_ids"][:2]
    clusters[1]["article_ids"] = clusters[1]["article_ids"][2:]
    clusters.append({**clusters[1], "id": 7, "label": "", "article_ids": taken[:1]})
    path = tmp_path / "hand.tdigest"
    path.write_text(json.dumps(document), encoding="utf-8")
    curated = open_curated(path)
    assert taken[1] in curated.excluded
    assert curated.analysis.clusters[-1].article_ids == (taken[0],)
    assert curated.analysis.clusters[-1].label != ""


@pytest.mark.parametrize(("text", "message"), [
    ("{not json", r"x.tdigest is corrupt: Expecting property name .* line 1, column 2$"),
    ('{"format": "topic-digest-session", "version": 99}', r"newer Topic Digest \(session version 99\)"),
    ('{"format": "topic-digest-session", "version": 1, "digest": {}}', r"is corrupt: missing field 'edits'"),
    ('{"schema_version": "1.0", "clusters": []}', r"x.tdigest is not a Topic Digest session$"),
])
def test_bad_files_are_refused_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.tdigest"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SessionError, match=message) as caught:
        read_session(path)
    assert "\n" not in str(caught.value)


def _hand_edit(document: dict, change: str) -> None:
    digest, first = document["digest"], document["digest"]["clusters"][0]
    if change == "label":
        first["label"] = 5
    elif change == "summary text":
        first["summary"][0]["text"] = None
    elif change == "summary article":
        first["summary"][0]["article_id"] = "nope"
    elif change == "sources":
        first["sources"] = [None, 3]
    elif change == "source":
        document["corpus"][0]["source"] = {"name": "Reuters"}
    elif change == "date":
        document["corpus"][0]["date"] = 20240101
    elif change == "skipped":
        digest["skipped"] = [{"path": None, "reason": "empty file", "record": None}]
    elif change == "stems":
        document["tokens"]["stem_of_form"][0] = len(document["tokens"]["stems"])
    elif change == "granularity":
        digest["options"]["granularity"] = float("nan")


@pytest.mark.parametrize(("change", "message"), [
    ("label", "the label of topic 0 is 5, not text"),
    ("summary text", "the text of a sentence in the summary of topic 0 is null, not text"),
    ("summary article", "the summary of topic 0 quotes article 'nope', which is not in the topic"),
    ("sources", r"the sources of topic 0 is \[null, 3\], not a list of text"),
    ("source", r"the source of article '.+' is \{\"name\": \"Reuters\"\}, not text or null"),
    ("date", r"the date of article '.+' is 20240101, not text or null"),
    ("skipped", "the path of a skipped input is null, not text"),
    ("stems", "its tokens do not match their words"),
    ("granularity", "granularity must be a number between 0 and 1, not nan"),
])
def test_a_hand_edit_of_the_wrong_kind_is_refused_naming_the_field(edited: edits.Draft, tmp_path: Path,
                                                                   change: str, message: str) -> None:
    """A script may edit a session; a field of the wrong kind is refused when it is read, never met later
    by an export or a summary as an unexpected error."""
    document = json.loads(render_session(edited))
    _hand_edit(document, change)
    path = tmp_path / "edited.tdigest"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SessionError, match=r"edited.tdigest is corrupt: .*" + message) as caught:
        read_session(path)
    assert "\n" not in str(caught.value)


def test_a_number_too_long_to_convert_is_refused_in_one_short_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.tdigest"
    path.write_text('{"format": "topic-digest-session", "version": ' + "1" * 5000 + "}", encoding="utf-8")
    with pytest.raises(SessionError, match=r"huge.tdigest is corrupt: its session version is '1{30,}\.\.\.$"):
        read_session(path)


def test_an_article_in_two_topics_is_refused(edited: edits.Draft, tmp_path: Path) -> None:
    document = json.loads(render_session(edited))
    clusters = document["digest"]["clusters"]
    clusters[1]["article_ids"].append(clusters[0]["article_ids"][0])
    path = tmp_path / "two.tdigest"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SessionError, match=r"is in two topics \(0 and 1\)"):
        read_session(path)


def test_a_reopened_session_describes_topics_from_its_stored_words(analysis: Analysis, tmp_path: Path) -> None:
    path = save_session(edits.draft_of(analysis), tmp_path / "plain.tdigest")
    draft = read_session(path).draft
    assert draft.tokens is not None
    groups = [(c.article_ids, c.is_other, None) for c in analysis.clusters]
    again = edits.regroup(draft, groups, range(len(groups)), edits.workbench(draft), step="again")
    assert [(c.label, c.terms, c.article_ids, c.headline) for c in again.analysis.clusters] == [
        (c.label, c.terms, c.article_ids, c.headline) for c in analysis.clusters]


def test_a_session_whose_words_do_not_match_its_articles_is_refused(edited: edits.Draft, tmp_path: Path) -> None:
    document = json.loads(render_session(edited))
    document["tokens"]["lengths"] = document["tokens"]["spelling"]
    path = tmp_path / "bad.tdigest"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SessionError, match="is corrupt"):
        read_session(path)


def test_a_session_with_options_outside_the_rules_is_refused_naming_the_option(
        edited: edits.Draft, tmp_path: Path) -> None:
    """A hand-edited session is checked by the same rules as the command line and the settings."""
    document = json.loads(render_session(edited))
    document["digest"]["options"]["granularity"] = 7
    path = tmp_path / "options.tdigest"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SessionError, match=r"options.tdigest is corrupt: .*granularity.* 7"):
        read_session(path)


def test_a_version_1_session_still_opens_and_an_unknown_sentence_kind_is_refused(edited: edits.Draft,
                                                                                    tmp_path: Path) -> None:
    import base64
    import zlib

    import numpy as np

    document = json.loads(render_session(edited))
    document["version"] = 1  # before sentences of kind "furniture": the same fields
    path = tmp_path / "old.tdigest"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert read_session(path).reconciled().corpus == edited.corpus
    packed = document["sentences"]["table"]
    table = np.frombuffer(zlib.decompress(base64.b64decode(packed)), dtype="<i8").reshape(-1, 4).copy()
    table[0, 3] = -1
    document["sentences"]["table"] = base64.b64encode(zlib.compress(table.astype("<i8").tobytes())).decode()
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SessionError, match="kind number"):
        read_session(path)
