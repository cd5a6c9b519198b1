#!/bin/sh
# Put Topic Digest in your applications menu: its desktop entry into ~/.local/share/applications
# and its icons into ~/.local/share/icons/hicolor, pointing at this folder's TopicDigest (and its
# AppStream metadata into ~/.local/share/metainfo, for software centres).
# Run it from wherever you unpacked the folder (move the folder first, then run it again).
#   ./install.sh              install for this user (no root needed)
#   ./install.sh --uninstall  remove the entry and the icons again
set -eu
here=$(cd "$(dirname "$0")" && pwd)
id=io.github.topicdigest.TopicDigest
data=${XDG_DATA_HOME:-$HOME/.local/share}
resources=$here/_internal/desktop/_resources
entry=$data/applications/$id.desktop

refresh() {  # menus pick up the change at once where these tools exist; harmless where not
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$entry" "$data/metainfo/$id.metainfo.xml"
    for icon in "$data"/icons/hicolor/*/apps/"$id".png "$data"/icons/hicolor/*/apps/"$id".svg; do
        rm -f "$icon"
    done
    refresh
    echo "Removed Topic Digest from the applications menu."
    exit 0
fi

[ -x "$here/TopicDigest" ] || { echo "install.sh: $here/TopicDigest is missing; run me from the unpacked TopicDigest folder" >&2; exit 1; }
for dir in "$resources"/icons/hicolor/*/apps; do
    size=$(basename "$(dirname "$dir")")
    mkdir -p "$data/icons/hicolor/$size/apps"
    cp "$dir"/"$id".* "$data/icons/hicolor/$size/apps/"
done
# Exec quotes the path (it may hold spaces); a backslash, quote, backquote or dollar in it is
# escaped twice, as the desktop entry spec asks of a quoted argument.
exec_path=$(printf '%s' "$here/TopicDigest" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')
mkdir -p "$data/applications"
while IFS= read -r line; do
    case $line in
        Exec=*) printf 'Exec="%s" %%F\n' "$exec_path" ;;
        StartupWMClass=*) printf 'StartupWMClass=TopicDigest\n' ;;  # Qt's WM class: the program's name
        *) printf '%s\n' "$line" ;;
    esac
done < "$resources/$id.desktop" > "$entry.tmp"
mv "$entry.tmp" "$entry"
mkdir -p "$data/metainfo"
cp "$resources/$id.metainfo.xml" "$data/metainfo/"
refresh
echo "Topic Digest is in your applications menu ($entry)."
