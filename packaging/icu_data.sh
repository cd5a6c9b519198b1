#!/usr/bin/env bash
# Replace the ICU data library that PySide6's Linux wheel ships (libicudata.so.NN, 32 MB) by one
# holding only the data Qt asks ICU for. build.sh runs it on the bundle; README "Standalone bundle".
#
#   packaging/icu_data.sh dist/TopicDigest/_internal/PySide6/Qt/lib/libicudata.so.73
#
# QtCore calls ICU for collation (QCollator), locale case mapping (QLocale::toUpper, toLower),
# time-zone display names (QTimeZone::displayName, through ucal) and legacy text codecs
# (QStringConverter). Collation (coll/, every locale) and case mapping stay, with ICU's core
# tables (root, likely subtags, plural rules, time-zone rules). What goes is what no Qt function
# reads (break-iterator dictionaries, transliteration, spelled-out numbers, the names of units,
# currencies, languages and regions, stringprep and spoof-check data) and the two uses the app
# never makes of Qt: time-zone display names (displayName then answers an empty string; this
# takes the locales' own .res files, which hold their calendars for ucal) and the legacy codecs
# (Python decodes every article; Qt's built-in UTF-8/16/32 and Latin-1 remain).
# packaging/smoke.sh checks the cut data collates and maps case as the whole (icu_check.py).
# Needs icupkg and genccode (Debian: icu-devtools), readelf and a C compiler (binutils, gcc).
set -euo pipefail
lib=$1
for tool in icupkg genccode readelf "${CC:-cc}"; do
    command -v "$tool" > /dev/null || { echo "icu_data.sh: $tool not found" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The data is one symbol, icudtNN_dat, in the library's .rodata: cut it out by its file offset.
read -r symbol value size < <(readelf -sW "$lib" | awk '$8 ~ /^icudt[0-9]+_dat$/ {print $8, $2, $3; exit}')
read -r address offset < <(readelf -SW "$lib" | sed 's/^ *\[ *[0-9]*\]//' | awk '$1 == ".rodata" {print $3, $4}')
start=$((0x$value - 0x$address + 0x$offset))
entry=${symbol%_dat}
full=$work/full/${entry}l.dat  # icupkg wants the file named as its items' prefix (l: little-endian)
kept=$work/${entry}l.dat
mkdir "$work/full"
dd if="$lib" of="$full" bs=1M iflag=skip_bytes,count_bytes skip="$start" count=$((size)) status=none

icupkg -l "$full" |
    { grep -E '^(brkitr|translit|rbnf|unit|curr|lang|region|zone)/|^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$|\.(cnv|spp|cfu)$' ||
        true; } > "$work/dropped.txt"
icupkg -r "$work/dropped.txt" "$full" "$kept"
genccode -q -a gcc -e "$entry" -d "$work" "$kept"
soname=$(readelf -dW "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
"${CC:-cc}" -shared -nostdlib -Wl,-soname,"$soname" -o "$work/$soname" "$work/${entry}l_dat.S"
mv "$work/$soname" "$lib"
echo "icu_data.sh: $(basename "$lib") keeps $(icupkg -l "$work/${entry}l.dat" | wc -l) of" \
     "$(icupkg -l "$full" | wc -l) items, $(du -m "$lib" | cut -f1) MB"
