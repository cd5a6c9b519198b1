"""Ingest on the seeds and on small realistic fixtures: what a user sees in the article view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.ingest import load_jsonl_text, load_paths, read_paths
from nlp.run.workers import Schedule
from nlp.types import Article, Corpus

SERIAL = Schedule.serial()
TWO_WORKERS = Schedule(parallel_files=0, workers=2)
"""Two worker processes read, however few the files."""

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INGEST = FIXTURES / "ingest"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    from tests.conftest import SEEDS

    corpus = load_paths([SEEDS])
    assert corpus.skipped == ()
    return {a.id[:3]: a for a in corpus.articles}


def _offsets_exact(article: Article) -> None:
    for s in article.sentences:
        assert article.body[s.start : s.end] == s.text
        start, end = article.paragraphs[s.paragraph]
        assert start <= s.start <= s.end <= end


def test_seed_folder_gives_five_articles_not_the_readme(seeds: dict[str, Article]) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    assert seeds["000"].id == "000_4ea1095a08ef2000"


def test_seed_000_metadata_from_field_and_dateline(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    assert (a.date, a.source) == ("2025-07-10", "IANS")
    assert a.body.startswith("South Korea, the United States and Japan were arranging")
    assert "IANS" not in a.body and "date 2025" not in a.body


def test_seed_001_partial_date_and_takeaways_are_a_list(seeds: dict[str, Article]) -> None:
    a = seeds["001"]
    assert a.title == "Are South Korea, the US, and Japan Planning Three-Way Talks at ASEAN Meetings?"
    assert a.date == "--07-10"  # no year in the dateline: never invented
    assert a.source == "NationPress"
    assert "Synopsis" not in a.body and "Key Takeaways" not in a.body
    lists = [s.text for s in a.sentences if s.kind == "list"]
    assert lists[0] == "Three-way talks among South Korea, the US, and Japan are being planned."
    assert len(lists) == 5


def test_seed_002_title_author_date_source(seeds: dict[str, Article]) -> None:
    a = seeds["002"]
    assert a.title == "S. Korea, US, Japan to hold high-level talks next week"
    assert (a.date, a.author, a.source) == ("2021-03-24", "Lee Ji-yoon", "The Korea Herald")
    for clutter in ("Link copied", "지나쌤", "By Lee", "Published", "(Yonhap)", "heraldcorp", "The Korea Herald"):
        assert clutter not in a.body
    assert a.body.endswith("Seoul’s Cheong Wa Dae has not yet confirmed the trilateral meeting.")


def test_seed_003_caption_once_and_footer_gone(seeds: dict[str, Article]) -> None:
    a = seeds["003"]
    assert a.title == "S. Korea, US, Japan to finalize trilateral secretariat when leaders meet this year"
    assert a.body.count("From left, Japanese Foreign Minister Yoko Kamikawa") == 1
    assert a.body.count("Camp David for a trilateral leader's summit") == 1
    assert len({s.paragraph for s in a.sentences if s.kind == "caption"}) == 2
    for clutter in ("Top 10 Stories", "LETTER", "Sign up for eNewsletter"):
        assert clutter not in a.body
    assert a.source == "Yonhap"


def test_seed_004_title_once_and_share_counters_gone(seeds: dict[str, Article]) -> None:
    a = seeds["004"]
    assert a.title == "U.S. arranging for trilateral summit with Japan, S. Korea in July"
    assert a.title not in a.body
    lines = a.body.split("\n\n")
    assert not {"36", "0", "SHARE"} & set(lines)
    assert lines[0].startswith("The U.S. government is making arrangements")


def test_every_real_body_sentence_of_every_seed_survives(seeds: dict[str, Article]) -> None:
    # Listed by hand-checked review of seeds/*.txt: each real sentence of each article.
    expected = json.loads((FIXTURES / "seed_body_sentences.json").read_text(encoding="utf-8"))
    for key, sentences in expected.items():
        body = [s.text for s in seeds[key].sentences if s.kind == "body"]
        assert body == sentences, key
    assert "President Moon Jae-in’s top security adviser Suh Hoon is expected" in expected["002"][0]


def test_seed_bodies_never_hold_bylines_or_prompts(seeds: dict[str, Article]) -> None:
    for a in seeds.values():
        _offsets_exact(a)
        for clutter in ("Link copied", "Sign up for eNewsletter", "Top 10 Stories", "By Lee Ji-yoon", "SHARE"):
            assert clutter not in a.body, (a.id, clutter)


def test_html_page_keeps_the_article_only() -> None:
    corpus = load_paths([INGEST / "page.html"])
    (a,) = corpus.articles
    assert a.title == "Port strike ends after three weeks"
    assert (a.source, a.author, a.date) == ("The Harbour Gazette", "Maria Lopez", "2024-05-14")
    assert a.url == "https://gazette.example.com/news/port-strike-ends"
    assert a.body.startswith("Dock workers at the city's container port voted on Monday")
    for clutter in ("cookies", "tracking", "Home", "Most read", "Finally!", "greedy", "All rights", "newsletter"):
        assert clutter not in a.body
    _offsets_exact(a)


def test_json_array_maps_common_field_names_and_skips_bad_records() -> None:
    corpus = load_paths([INGEST / "articles.json"])
    first, second, headline_only, bare_string = corpus.articles
    assert first.id == "articles#1" and first.record == 1
    assert first.title == "Rail fares to rise by 4 percent in January"
    assert (first.date, first.source, first.author) == ("2024-12-03", "Daily Transit", "Sam Reed")
    assert first.url == "https://transit.example.org/fares"
    assert len(first.paragraphs) == 2
    assert second.source == "City Weekly"  # {"name": ...} objects are read too
    # a record with a title and no body is an article whose one sentence is its title
    assert [s.text for s in headline_only.sentences] == ["No text here"]
    assert headline_only.date == "2024-11-21"
    assert bare_string.body == "not an object"  # a string among the records is an article's text
    assert corpus.skipped == ()


def test_single_json_object_is_one_article_without_record() -> None:
    (a,) = load_paths([INGEST / "single.json"]).articles
    assert (a.id, a.record, a.author, a.date) == ("single", None, "Ana Costa", "2023-06-02")


def test_jsonl_skips_the_malformed_line_and_keeps_line_numbers() -> None:
    corpus = load_paths([INGEST / "feed.jsonl"])
    assert [a.id for a in corpus.articles] == ["feed#1", "feed#3"]
    assert corpus.articles[1].date == "2024-09-02"
    (bad,) = corpus.skipped
    assert bad.record == 2 and "malformed JSON on line 2" in bad.reason and "feed.jsonl" in bad.reason


def test_a_number_too_long_to_convert_costs_no_record() -> None:
    """Python refuses to convert integers of more than 4,300 digits; such a field keeps its record and the run."""
    huge = "9" * 5000
    text = (f'{{"text": "The council met on Monday and agreed a budget.", "n": {huge}}}\n'
            '{"text": "Storms closed the harbour for a second day."}\n')
    corpus = load_jsonl_text(text)
    assert [a.body for a in corpus.articles] == ["The council met on Monday and agreed a budget.",
                                                 "Storms closed the harbour for a second day."]
    assert corpus.skipped == ()


def test_jsonl_text_from_stdin() -> None:
    text = (INGEST / "feed.jsonl").read_text(encoding="utf-8")
    corpus = load_jsonl_text(text)
    assert [a.id for a in corpus.articles] == ["-#1", "-#3"]
    assert all(a.path == "-" for a in corpus.articles)
    assert corpus.skipped[0].record == 2


def test_csv_and_tsv_share_a_stem_so_ids_use_the_file_name() -> None:
    corpus = load_paths([INGEST / "news.tsv", INGEST / "news.csv"])
    assert [a.id for a in corpus.articles] == ["news.csv#1", "news.csv#2", "news.csv#3", "news.tsv#1"]
    assert corpus.articles[1].date == "2024-03-08"
    assert corpus.articles[3].source == "Island Echo"
    # a row short of fields has the missing ones empty: its text is not lost
    assert (corpus.articles[2].title, corpus.articles[2].body) == ("Bad row", "only two fields")
    assert corpus.skipped == ()


def test_sgml_newswire_without_extension() -> None:
    corpus = load_paths([INGEST / "APW19981016.0001"])
    first, second = corpus.articles
    assert first.id == "APW19981016.0001#APW19981016.0001"
    assert first.title == "Hurricane weakens as it nears coast"
    assert (first.date, first.source) == ("1998-10-16", "AP")
    assert first.body.startswith("A hurricane that threatened the Gulf coast weakened on Thursday")
    assert "Florida & Alabama" in first.body
    assert second.sentences[-1].text == "Soybean prices were little changed."


def test_hard_wrapped_wire_copy_is_joined_and_cleaned() -> None:
    (a,) = load_paths([INGEST / "wire.txt"]).articles
    assert a.title == "Factory output falls for third month"
    assert (a.source, a.author, a.date) == ("Yonhap", "Kim Soo-jin", "--03-24")
    assert a.sentences[0].text == (
        "South Korea's factory output fell for the third consecutive month in February "
        "as chip makers cut production, government data showed Wednesday."
    )
    assert "Facebook" not in a.body and "sjkim" not in a.body


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("utf8.txt", "en"), ("utf8_bom.txt", "en"), ("utf16.txt", "en"), ("utf16le_nobom.txt", "en"),
        ("cp1252.txt", "en"), ("euckr.txt", "ko"), ("cp949.txt", "ko"), ("shiftjis.txt", "ja"),
        ("gb18030.txt", "zh"),
    ],
)
def test_every_encoding_decodes_without_mojibake(name: str, expected: str) -> None:
    (a,) = load_paths([INGEST / "encodings" / name]).articles
    want = load_paths([FIXTURES / "ingest_expected" / f"expected_{expected}.txt"]).articles[0]
    assert (a.title, a.body) == (want.title, want.body)


def test_latin1_file_reads_accents() -> None:
    (a,) = load_paths([INGEST / "encodings" / "latin1.txt"]).articles
    assert a.title == "Café owners protest new rent rules"
    assert "Zoë Müller" in a.body


def test_same_ids_whatever_the_order_of_paths() -> None:
    files = sorted(p for p in INGEST.rglob("*") if p.is_file())
    one = load_paths(files)
    two = load_paths(list(reversed(files)))
    assert one == two
    ids = [a.id for a in one.articles]
    assert len(ids) == len(set(ids))


def test_same_file_name_in_two_folders(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Report from {folder}. It rained all day.\n")
    corpus = load_paths([tmp_path])
    assert [a.id for a in corpus.articles] == ["a/story.txt", "b/story.txt"]


def test_folder_walk_skips_hidden_and_docs_but_named_files_load(tmp_path: Path) -> None:
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text("Hidden text. Not an article.\n")
    (tmp_path / ".draft.txt").write_text("Hidden draft. Not an article.\n")
    (tmp_path / "README.md").write_text("# Notes\n\nThis folder holds the articles.\n")
    (tmp_path / "story.txt").write_text("The mayor opened the new bridge on Monday. Crowds cheered.\n")
    assert [a.id for a in load_paths([tmp_path]).articles] == ["story"]
    named = load_paths([tmp_path / "README.md"])
    assert [a.id for a in named.articles] == ["README"]


def test_no_paths_give_an_empty_corpus_with_nothing_skipped() -> None:
    corpus = load_paths([])
    assert isinstance(corpus, Corpus) and corpus.articles == () and corpus.skipped == ()


def _mixed_folder(tmp_path: Path, copies: int) -> Path:
    """The seeds and every fixture format, ``copies`` times over, plus files that must be skipped."""
    import shutil

    from tests.conftest import SEEDS

    folder = tmp_path / "mixed"
    for n in range(copies):
        shutil.copytree(SEEDS, folder / f"seeds{n}")
        shutil.copytree(INGEST, folder / f"fixtures{n}")
        (folder / f"fixtures{n}" / "empty.txt").write_text("")
        (folder / f"fixtures{n}" / "binary.pdf").write_bytes(b"%PDF-1.4\x00\x01")
    return folder


def test_worker_processes_load_exactly_what_one_process_loads(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path, copies=3)
    serial = load_paths([folder], schedule=SERIAL)
    parallel = load_paths([folder], schedule=TWO_WORKERS)
    assert len(serial.articles) > 50 and len(serial.skipped) >= 6
    assert parallel == serial  # same articles, ids, offsets and skip reasons, in the same order


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_no_file(tmp_path: Path) -> None:
    import multiprocessing
    import os
    import signal

    folder = _mixed_folder(tmp_path, copies=40)
    killed: list[int] = []
    seen: list[tuple[float, str]] = []

    def progress(fraction: float, message: str) -> None:
        seen.append((fraction, message))
        if 0.0 < fraction < 0.5 and not killed:
            workers = multiprocessing.active_children()
            if workers:
                killed.append(workers[0].pid or 0)
                os.kill(workers[0].pid or 0, signal.SIGKILL)

    parallel = load_paths([folder], schedule=TWO_WORKERS, progress=progress)
    assert killed, "no worker was running"
    assert parallel == load_paths([folder], schedule=SERIAL)
    rest = [f for f, m in seen if "in this process" in m]  # progress goes on while the rest is read here
    assert len(rest) >= 2 and rest == sorted(rest) and rest[-1] == 1.0


@pytest.mark.slow
def test_a_script_without_a_main_guard_is_not_run_again_by_the_workers(tmp_path: Path) -> None:
    import subprocess
    import sys

    files = Schedule().parallel_files
    assert files is not None
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(files):
        (folder / f"{i:04d}.txt").write_text(f"Story {i} was reported today by the council. It goes on.\n")
    script = tmp_path / "script.py"
    script.write_text(
        "print('script started')\n"
        "from nlp.ingest import load_paths\n"
        f"print(len(load_paths([{str(folder)!r}]).articles))\n"
    )
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=repo,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["script", "started", str(files)]
    assert "Traceback" not in done.stderr


def test_worker_count_follows_the_cores_this_process_may_use(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    many = Schedule().parallel_files
    assert many is not None
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert Schedule().processes(many) == 1  # one core allowed: no workers at all
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(64)), raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert 1 <= Schedule().processes(many) <= 8  # at most 8, and fewer under a cgroup quota
    assert Schedule().processes(many - 1) == 1  # a small folder is read here
    assert Schedule(parallel_files=0, workers=3).processes(10) == 3
    assert Schedule.serial().processes(10**5) == 1


def test_loading_reads_the_words_into_the_vocabulary_while_the_workers_read_on(tmp_path: Path) -> None:
    """The analysis then finds every title and sentence read, and reading began before the last files were in."""
    from nlp.run.pipeline import load
    from nlp.text.vocabulary import Vocabulary
    from nlp.types import Options

    folder = _mixed_folder(tmp_path, copies=4)
    vocabulary = Vocabulary()
    stems_while_loading: list[int] = []

    def progress(fraction: float, message: str) -> None:
        if fraction < 1.0:
            stems_while_loading.append(len(vocabulary.stems()))

    corpus = load([folder], Options(), schedule=TWO_WORKERS, progress=progress, vocabulary=vocabulary)
    texts = [text for a in corpus.articles for text in (a.title, *(s.text for s in a.sentences))]
    assert len(texts) > 500 and all(vocabulary.holds(text) for text in texts)
    assert max(stems_while_loading) > 0
    alone = Vocabulary()
    assert load([folder], Options(), schedule=SERIAL, vocabulary=alone) == corpus
    assert not any(alone.holds(text) for text in texts)  # read here: nothing to overlap, left to the analysis


def test_batches_come_in_while_workers_read_and_make_the_corpus_one_process_reads(tmp_path: Path) -> None:
    """The pipeline works between two batches (it imports scikit-learn) while the workers read on."""
    folder = _mixed_folder(tmp_path, copies=3)
    seen: list[tuple[float, str]] = []
    reading = read_paths([folder], schedule=TWO_WORKERS, progress=lambda f, m: seen.append((f, m)))
    first = next(reading)
    assert reading.in_workers
    assert seen and seen[-1][0] < 1.0  # files are still being read
    batches = [first, *reading]
    assert len(batches) > 1 and seen[-1][0] == 1.0 and seen[-1][1].startswith("Loaded ")
    corpus = reading.corpus()
    assert corpus == load_paths([folder], schedule=SERIAL)
    assert sorted(a.body for b in batches for a in b.articles) == sorted(a.body for a in corpus.articles)
    here = read_paths([folder], schedule=SERIAL)
    assert not here.in_workers and here.corpus() == corpus


def test_the_end_only_checks_say_what_their_regexes_say() -> None:
    """Cleaning looks only at a unit's end for sentence ends, caption credits and agency credits."""
    import random

    from nlp.ingest import clean
    from nlp.ingest.metadata import TRAILING_CREDIT, strip_trailing_credit
    from tests.conftest import SEEDS

    units = [u for f in sorted(SEEDS.iterdir()) for u in clean.units(f.read_text(encoding="utf-8"))]
    endings = ["", "\n", " ", "”", "’\n", ")", ".)", "!)\n", ". Yonhap", ". AP/Reuters", ". (AP)", " (Yonhap) ",
               "? Kim Ji Soo", ". Four Capital Words Here", "…", "。", "」"]
    rnd = random.Random(7)
    samples = [u[: rnd.randrange(len(u) + 1)] + rnd.choice(endings) for u in units for _ in range(3)]
    samples += endings + ["(Yonhap)", "By the sea. (AFP)", "Said: \"go\"\n"]
    for text in samples:
        assert clean.ends_sentence(text) == bool(clean.SENTENCE_END.search(text)), text
        assert clean.caption_credit(text) == bool(clean.CAPTION_CREDIT.search(text)), text
        match = TRAILING_CREDIT.search(text)
        expected = (text[: match.start()].rstrip(), match.group("agency")) if match else (text, None)
        assert strip_trailing_credit(text) == expected, text
    assert any(clean.caption_credit(t) for t in samples) and any(strip_trailing_credit(t)[1] for t in samples)
