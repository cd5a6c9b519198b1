"""Hostile and broken input, faults mid-run and limits: the run goes on and loses nothing else."""

from __future__ import annotations

import codecs
import json
import os
import re
import socket
from pathlib import Path

import pytest

from nlp.errors import InputError
from nlp.export import render
from nlp.ingest import load_paths
from nlp.run.pipeline import analyze_paths
from nlp.types import Options

STORY = (
    "The city council approved the new transport budget on Monday after a long debate. "
    "Officials said the plan would add forty buses to the northern routes next year. "
    "The mayor called the vote a turning point for commuters in the region."
)
OTHER = (
    "A storm flooded the harbour district on Friday night and closed three ferry lines. "
    "Rescue teams evacuated two hundred residents from houses near the river. "
    "Forecasters expect more heavy rain along the coast over the weekend."
)


def _hostile_folder(root: Path) -> dict[str, str]:
    """Write good and bad files into ``root``; return the bad ones' names and a word of their reason."""
    root.mkdir()
    (root / "good_utf8.txt").write_text(f"Council approves transport budget\n\n{STORY}\n", "utf-8")
    (root / "good_cp1252.txt").write_bytes(f"Storm floods harbour café district\n\n{OTHER} Café owners wept.\n".encode("cp1252"))
    (root / "good_euckr.txt").write_bytes("서울에서 회담이 열렸다. 양국 대표단은 두 시간 동안 만났다. 다음 회의는 내달 열린다.\n".encode("euc-kr"))
    (root / "good_utf16.txt").write_bytes(codecs.BOM_UTF16_LE + f"Council budget follow-up\n\n{STORY}\n".encode("utf-16-le"))
    (root / "scripted.html").write_text(
        "<html><head><title>Budget vote</title><script>alert('head')</script></head>"
        "<body onload=\"steal()\"><nav>Home | World | Sport</nav><article><h1>Budget vote</h1>"
        f"<p>{STORY}</p><iframe src=\"http://evil.example/frame\"></iframe>"
        "<img src=\"http://evil.example/pixel.png\" onerror=\"alert('img')\">"
        "<script>document.write('INJECTED')</script></article>"
        "<div class=\"cookie-banner\">We use cookies. Accept all?</div></body></html>", "utf-8")
    (root / "deep.html").write_text("<html><body>" + "<div>" * 50_000 + "<p>Deep.</p>" + "</div>" * 50_000 + "</body></html>")
    bad = {
        "binary.txt": "binary",
        "empty.txt": "empty",
        "invalid_utf8.json": "",
        "broken.json": "malformed JSON",
        "broken.csv": "",
        "deep.html": "no article text",
        "loop_a.txt": "cannot be read",
        "loop_b.txt": "cannot be read",
    }
    (root / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64)
    (root / "empty.txt").write_bytes(b"")
    (root / "invalid_utf8.json").write_bytes(b'{"title": "\xff\xfe\xfa broken", "text": "\xc3\x28 \xa0\xa1"}')
    (root / "broken.json").write_text('[{"title": "Half", "text": "A record cut in the mid', "utf-8")
    (root / "broken.csv").write_text('title,text\n"Unclosed,"A quote that never ends\n', "utf-8")
    os.symlink(root / "loop_b.txt", root / "loop_a.txt")
    os.symlink(root / "loop_a.txt", root / "loop_b.txt")
    (root / "sub").mkdir()
    os.symlink(root, root / "sub" / "back_to_root")  # a folder loop: reported, not followed
    return bad


def test_a_hostile_folder_skips_each_bad_file_with_its_reason_and_keeps_the_rest(tmp_path: Path) -> None:
    bad = _hostile_folder(tmp_path / "in")
    analysis = analyze_paths([tmp_path / "in"], Options())
    loaded = sorted(Path(a.path).name for a in analysis.articles)
    assert loaded == ["good_cp1252.txt", "good_euckr.txt", "good_utf16.txt", "good_utf8.txt", "scripted.html"]
    reasons = {Path(s.path).name: s.reason for s in analysis.skipped}
    for name, word in bad.items():
        if name in reasons:
            assert name in reasons[name] and word in reasons[name], reasons[name]
    # A file whose bad bytes are decodable as some legacy encoding may load; none may crash the run,
    # and every file is either loaded or skipped with a reason: nothing silently lost.
    assert set(loaded) | set(reasons) == {p.name for p in (tmp_path / "in").iterdir() if p.name != "sub"} | {
        "back_to_root"}
    assert reasons["back_to_root"] == f"{tmp_path / 'in/sub/back_to_root'}: folder loop (links back to {tmp_path / 'in'}); not followed"
    assert {"binary.txt", "empty.txt", "broken.json", "deep.html", "loop_a.txt", "loop_b.txt"} <= set(reasons)
    by_name = {Path(a.path).name: a for a in analysis.articles}
    assert "Café owners wept." in by_name["good_cp1252.txt"].body
    assert "서울에서 회담이 열렸다." in by_name["good_euckr.txt"].body
    page = by_name["scripted.html"]
    assert STORY.split(". ")[0] in page.body
    for hostile in ("INJECTED", "alert", "steal", "evil.example", "cookies", "Home | World"):
        assert hostile not in page.body


def test_html_export_of_hostile_text_runs_nothing_and_loads_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    payload = "<script>alert('x')</script><img src=http://evil.example/a.png onerror=alert(1)>"
    records = [
        {"title": f"Budget {payload}", "text": f"{STORY} A reader posted {payload} below the story."},
        {"title": "Storm", "text": OTHER},
    ]
    (folder / "feed.json").write_text(json.dumps(records), "utf-8")
    html = render(analyze_paths([folder]), "html")
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<iframe" not in html.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert re.search(r"""<[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""", html) is None  # nothing remote to load


def test_a_file_deleted_during_the_run_is_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    for name, text in (("a.txt", STORY), ("b.txt", OTHER), ("c.txt", STORY.replace("council", "senate"))):
        (tmp_path / name).write_text(text, "utf-8")

    def delete_c_once_loading_starts(fraction: float, message: str) -> None:
        if (tmp_path / "c.txt").exists():
            (tmp_path / "c.txt").unlink()

    corpus = load_paths([tmp_path], progress=delete_c_once_loading_starts)
    assert sorted(Path(a.path).name for a in corpus.articles) == ["a.txt", "b.txt"]
    (skipped,) = corpus.skipped
    assert skipped.reason == f"{tmp_path / 'c.txt'}: cannot be read (No such file or directory)"


def test_a_file_made_unreadable_during_the_run_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, text in (("a.txt", STORY), ("b.txt", OTHER)):
        (tmp_path / name).write_text(text, "utf-8")
    real_open = os.open

    def permission_lost(path: str, *args: object, **kwargs: object) -> int:  # chmod 0 does not stop root
        if os.fspath(path).endswith("b.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", permission_lost)
    corpus = load_paths([tmp_path])
    assert [Path(a.path).name for a in corpus.articles] == ["a.txt"]
    assert [s.reason for s in corpus.skipped] == [f"{tmp_path / 'b.txt'}: cannot be read (Permission denied)"]


def test_entity_expansion_bombs_are_not_expanded(tmp_path: Path) -> None:
    entities = '<!ENTITY a "' + "A" * 40 + '">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    (tmp_path / "bomb.html").write_text(
        f"<!DOCTYPE html [{entities}]><html><head><title>Budget</title></head><body><article>"
        f"<p>{STORY} &i;</p><p>{OTHER}</p></article></body></html>", "utf-8")
    (tmp_path / "bomb.sgml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE DOC [{entities}]><DOC><DOCNO>B1</DOCNO><TEXT>&i; {STORY}</TEXT></DOC>',
        "utf-8")
    corpus = load_paths([tmp_path])
    assert sorted(Path(a.path).name for a in corpus.articles) == ["bomb.html", "bomb.sgml"]
    for article in corpus.articles:
        assert "AAAAAAAAAA" not in article.body and len(article.body) < 2_000


def test_more_files_than_the_limit_is_refused_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nlp.ingest.loader

    monkeypatch.setattr(nlp.ingest.loader, "MAX_FILES", 10)
    for i in range(11):
        (tmp_path / f"{i}.txt").write_text(STORY, "utf-8")
    with pytest.raises(InputError, match=r"more than 10 files; Topic Digest reads at most 10 files in one run"):
        load_paths([tmp_path])


@pytest.mark.slow
def test_twenty_thousand_tiny_files_load_and_cluster(tmp_path: Path) -> None:
    topics = ("budget vote council", "storm harbour flood", "election senate poll", "match final goal")
    for i in range(20_000):
        words = topics[i % 4]
        (tmp_path / f"{i:05d}.txt").write_text(f"Report {i} on the {words}. The {words} story goes on.\n", "utf-8")
    analysis = analyze_paths([tmp_path], Options())
    assert len(analysis.articles) + len(analysis.skipped) == 20_000
    assert len(analysis.articles) >= 19_900
    assert sorted(i for c in analysis.clusters for i in c.article_ids) == sorted(a.id for a in analysis.articles)


def test_the_suite_fails_any_network_connection() -> None:
    """The autouse guard in tests/conftest.py: loading, analysis, export and the GUI never connect."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(
        AssertionError, match="network access attempted: 93.184.216.34:80"
    ):
        sock.connect(("93.184.216.34", 80))
    with pytest.raises(AssertionError, match="network access attempted: name lookup of example.org"):
        socket.create_connection(("example.org", 80), timeout=1)
