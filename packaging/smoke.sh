#!/usr/bin/env bash
# Smoke-test the built bundle (packaging/build.sh) the way a user without Python runs it: an empty
# environment (env -i), a fresh HOME, no virtual environment. Prints the bundle's size and start
# times. Usage: packaging/smoke.sh [dist/TopicDigest]
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(cd "${1:-dist/TopicDigest}" && pwd)
app=$bundle/TopicDigest
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
for method in $(clean "$app" summarize --help | sed -n 's/.*--method {\([^}]*\)}.*/\1/p' | tr ',' ' '); do
    clean "$app" summarize --sample --method "$method" > /dev/null 2> "$tmp/err.txt" \
        || { cat "$tmp/err.txt" >&2; fail "--method $method"; }
done
echo "smoke: 500 files in every format and every summary method"

# 3. The window, offscreen, on the sample corpus (the first start opens it), quitting once shown.
start=$(now)
clean QT_QPA_PLATFORM=offscreen "$app" --smoke-test > "$tmp/gui.txt" 2> "$tmp/err.txt" \
    || { cat "$tmp/gui.txt" "$tmp/err.txt" >&2; fail "the window"; }
shown=$(sed -n 's/^window shown at \([0-9.]*\).*/\1/p' "$tmp/gui.txt")
analysed=$(sed -n 's/^analysis shown at \([0-9.]*\):.*/\1/p' "$tmp/gui.txt")
[ -n "$shown" ] && [ -n "$analysed" ] || { cat "$tmp/gui.txt" "$tmp/err.txt" >&2; fail "the window did not show the sample"; }
grep -q "5 articles" "$tmp/gui.txt" || fail "the window did not open the sample corpus"
echo "smoke: window shown in $(elapsed "$start" "$shown") s, sample analysis shown in $(elapsed "$start" "$analysed") s"

# 4. install.sh puts the entry and the icons in the user's menu, pointing at this bundle.
clean "$bundle/install.sh" > /dev/null
entry=$tmp/home/.local/share/applications/io.github.topicdigest.TopicDigest.desktop
grep -qx "Exec=\"$app\" %F" "$entry" || fail "install.sh: Exec does not name $app"
[ -f "$tmp/home/.local/share/icons/hicolor/256x256/apps/io.github.topicdigest.TopicDigest.png" ] || fail "install.sh: no icon"
[ -f "$tmp/home/.local/share/metainfo/io.github.topicdigest.TopicDigest.metainfo.xml" ] || fail "install.sh: no metainfo"
clean "$bundle/install.sh" --uninstall > /dev/null
[ ! -e "$entry" ] || fail "install.sh --uninstall left the entry"
echo "smoke: install.sh and --uninstall"

echo "smoke: bundle $(du -sm "$bundle" | cut -f1) MB; passed"
