#!/usr/bin/env bash
# Smoke-test the built bundle (packaging/build.sh) the way a user without Python runs it: an empty
# environment (env -i), a fresh HOME, no virtual environment. Prints the bundle's size and start
# times, and compares its digests with the installed app's. Usage:
#   packaging/smoke.sh [dist/TopicDigest]     # REFERENCE=path/to/topic-digest (default .venv/bin/topic-digest)
#                                             # PYTHON=its python (default: beside it)
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(cd "${1:-dist/TopicDigest}" && pwd)
app=$bundle/TopicDigest
reference=${REFERENCE:-.venv/bin/topic-digest}
python=${PYTHON:-$(dirname "$reference")/python}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"

clean() { env -i PATH=/usr/bin:/bin HOME="$tmp/home" "$@"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# 1. The headless digest of the sample corpus, as the README shows it.
start=$(now)
clean "$app" summarize --sample > "$tmp/digest.txt" 2> "$tmp/err.txt" || { cat "$tmp/err.txt" >&2; fail "summarize --sample"; }
headless=$(elapsed "$start" "$(now)")
grep -q "ASEAN" "$tmp/digest.txt" || fail "the sample digest lacks the sample articles"
[ ! -s "$tmp/err.txt" ] || { cat "$tmp/err.txt" >&2; fail "summarize --sample wrote to stderr"; }
echo "smoke: headless sample digest in $headless s"

# 2. Enough files for the loader's worker processes (the bundle runs them itself: desktop/launcher.py),
#    in every format; a worker that failed to start would print its error on stderr.
mkdir -p "$tmp/corpus"
for i in $(seq 1 100); do
    for seed in seeds/*.txt; do cp "$seed" "$tmp/corpus/$i-$(basename "$seed")"; done
done
for fmt in json markdown html csv text; do
    clean "$app" summarize "$tmp/corpus" --format "$fmt" -o "$tmp/digest.$fmt" 2> "$tmp/err.txt" \
        || { cat "$tmp/err.txt" >&2; fail "summarize --format $fmt"; }
    [ -s "$tmp/digest.$fmt" ] && [ ! -s "$tmp/err.txt" ] || { cat "$tmp/err.txt" >&2; fail "$fmt digest"; }
done
grep -q '"articles"' "$tmp/digest.json" || fail "the JSON digest has no articles"
echo "smoke: 500 files in every format"

# 3. The same digests as the installed app (the virtual environment the bundle was built from), byte
#    for byte, warnings included, over the ingest fixtures (every input format, encoding and feed
#    shape): every summary method, every output format, a word budget, a fixed number of topics,
#    and a session saved by each, opened by both. A module the bundle left out shows
#    here as a traceback, a skipped file or a different digest. Both run in the same clean
#    environment: OpenBLAS picks its kernels by CPU unless told (OPENBLAS_CORETYPE), and
#    different kernels round differently.
methods=$("$reference" summarize --help | sed -n 's/.*--method {\([^}]*\)}.*/\1/p' | tr ',' ' ')
[ -n "$methods" ] || fail "no summary methods in $reference summarize --help"
fixtures=tests/fixtures/ingest
formats=(json markdown html csv text)
runs=()
for method in $methods; do
    runs+=("--method $method --format ${formats[${#runs[@]} % ${#formats[@]}]}")
done
runs+=("--words 60 --clusters 3 --format json" "--save-session SESSION --format text")
for run in "${runs[@]}"; do
    # shellcheck disable=SC2086  # each run is a list of options
    clean "$app" summarize "$fixtures" ${run/SESSION/$tmp/bundle.tdigest} > "$tmp/bundle.out" 2> "$tmp/bundle.err" \
        || { cat "$tmp/bundle.err" >&2; fail "summarize $run"; }
    # shellcheck disable=SC2086
    clean "$reference" summarize "$fixtures" ${run/SESSION/$tmp/venv.tdigest} > "$tmp/venv.out" 2> "$tmp/venv.err"
    cmp -s "$tmp/bundle.out" "$tmp/venv.out" || { diff "$tmp/venv.out" "$tmp/bundle.out" | head -20 >&2; fail "summarize $run differs from $reference"; }
    cmp -s "$tmp/bundle.err" "$tmp/venv.err" || { diff "$tmp/venv.err" "$tmp/bundle.err" | head -20 >&2; fail "summarize $run warns unlike $reference"; }
done
for session in bundle venv; do  # each opens the session the other saved
    clean "$app" summarize "$tmp/$session.tdigest" --format markdown > "$tmp/bundle.out" 2> "$tmp/bundle.err" \
        || { cat "$tmp/bundle.err" >&2; fail "the bundle cannot open the $session's session"; }
    clean "$reference" summarize "$tmp/$session.tdigest" --format markdown > "$tmp/venv.out" 2> "$tmp/venv.err"
    cmp -s "$tmp/bundle.out" "$tmp/venv.out" && cmp -s "$tmp/bundle.err" "$tmp/venv.err" \
        || fail "the $session's session exports differently from the bundle and $reference"
done
echo "smoke: ${#runs[@]} digests of $fixtures and 2 sessions equal to $reference's"
for language in french:fr german:de spanish:es; do  # the stop words of other languages (stopwordsiso's data)
    clean "$app" summarize "tests/fixtures/events/${language#*:}" --language "${language%:*}" --format markdown \
        > "$tmp/bundle.out" 2> "$tmp/bundle.err" || { cat "$tmp/bundle.err" >&2; fail "summarize in ${language%:*}"; }
    clean "$reference" summarize "tests/fixtures/events/${language#*:}" --language "${language%:*}" --format markdown \
        > "$tmp/venv.out" 2> "$tmp/venv.err"
    cmp -s "$tmp/bundle.out" "$tmp/venv.out" || fail "the ${language%:*} digest differs from $reference's"
done
echo "smoke: French, German and Spanish digests equal to $reference's"

# 4. The ICU data that build.sh cut (packaging/icu_data.sh) sorts and changes case as the whole does.
for icu in "$bundle"/_internal/PySide6/Qt/lib/libicudata.so.*; do
    [ -f "$icu" ] || continue
    mkdir -p "$tmp/icu" && ln -sf "$icu" "$tmp/icu/"
    QT_QPA_PLATFORM=offscreen "$python" packaging/icu_check.py > "$tmp/icu-whole.txt"
    LD_LIBRARY_PATH=$tmp/icu QT_QPA_PLATFORM=offscreen "$python" packaging/icu_check.py > "$tmp/icu-cut.txt"
    cmp -s "$tmp/icu-whole.txt" "$tmp/icu-cut.txt" || { diff "$tmp/icu-whole.txt" "$tmp/icu-cut.txt" >&2; fail "$(basename "$icu") collates unlike ICU's whole data"; }
    echo "smoke: $(basename "$icu") ($(($(stat -c %s "$icu") / 1000000)) MB) collates and maps case as the whole data in $(wc -l < "$tmp/icu-cut.txt") locales"
done

# 5. The window, offscreen, on the sample corpus (the first start opens it), with the map (pyqtgraph)
#    and the first topic's story, quitting once shown. An error would open a dialog that nobody
#    closes: the time limit ends it, and the log says what it was.
start=$(now)
clean QT_QPA_PLATFORM=offscreen timeout 300 "$app" --smoke-test > "$tmp/gui.txt" 2> "$tmp/err.txt" \
    || { cat "$tmp/gui.txt" "$tmp/err.txt" >&2; find "$tmp/home" -name '*.log' -exec cat {} + >&2; fail "the window"; }
shown=$(sed -n 's/^window shown at \([0-9.]*\).*/\1/p' "$tmp/gui.txt")
analysed=$(sed -n 's/^analysis shown at \([0-9.]*\):.*/\1/p' "$tmp/gui.txt")
[ -n "$shown" ] && [ -n "$analysed" ] || { cat "$tmp/gui.txt" "$tmp/err.txt" >&2; fail "the window did not show the sample"; }
grep -q "5 articles" "$tmp/gui.txt" || fail "the window did not open the sample corpus"
grep -q "^map and story shown at .*: 5 points on the map" "$tmp/gui.txt" \
    || { cat "$tmp/gui.txt" "$tmp/err.txt" >&2; fail "the map and the story did not show"; }
# Qt's own notes on stderr are no failure (the C locale of env -i, the offscreen platform); an
# uncaught error is: the app logs it (desktop/app.py install_excepthook).
! grep -q "Traceback" "$tmp/err.txt" || { cat "$tmp/err.txt" >&2; fail "the window printed a traceback"; }
[ -z "$(find "$tmp/home" -name '*.log' -size +0)" ] || { find "$tmp/home" -name '*.log' -exec cat {} + >&2; fail "an error was logged"; }
echo "smoke: window shown in $(elapsed "$start" "$shown") s, sample analysis shown in $(elapsed "$start" "$analysed") s;" \
     "$(sed -n 's/^map and story shown at [0-9.]*: //p' "$tmp/gui.txt")"

# 6. install.sh puts the entry and the icons in the user's menu, pointing at this bundle.
clean "$bundle/install.sh" > /dev/null
entry=$tmp/home/.local/share/applications/io.github.topicdigest.TopicDigest.desktop
grep -qx "Exec=\"$app\" %F" "$entry" || fail "install.sh: Exec does not name $app"
[ -f "$tmp/home/.local/share/icons/hicolor/256x256/apps/io.github.topicdigest.TopicDigest.png" ] || fail "install.sh: no icon"
[ -f "$tmp/home/.local/share/metainfo/io.github.topicdigest.TopicDigest.metainfo.xml" ] || fail "install.sh: no metainfo"
clean "$bundle/install.sh" --uninstall > /dev/null
[ ! -e "$entry" ] || fail "install.sh --uninstall left the entry"
echo "smoke: install.sh and --uninstall"

# 7. The size target (README "Performance"): decimal MB of the files' bytes, symlinks as links.
size=$(du -s --apparent-size --block-size=1 "$bundle" | cut -f1)
[ "$size" -lt 250000000 ] || fail "the bundle is $((size / 1000000)) MB, over the 250 MB target"
echo "smoke: bundle $((size / 1000000)) MB; passed"
