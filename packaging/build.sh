#!/usr/bin/env bash
# Build the standalone bundle: dist/TopicDigest/ (one executable, TopicDigest) and its download,
# dist/TopicDigest-VERSION-OS-ARCH.tar.gz (.zip on Windows). README "Standalone bundle".
#
#   packaging/build.sh            # uses .venv (made if missing), installs the "bundle" extra into it
#   PYTHON=/path/to/python packaging/build.sh    # another environment
#
# Runs on Linux, macOS and Windows (Git Bash) runners; each builds for its own platform.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

case "$(uname -s)" in
    Linux*) os=linux ;;
    Darwin*) os=macos ;;
    MINGW* | MSYS* | CYGWIN*) os=windows ;;
    *) echo "build.sh: unsupported system $(uname -s)" >&2; exit 1 ;;
esac
venv_python=.venv/bin/python
[ "$os" = windows ] && venv_python=.venv/Scripts/python.exe
python=${PYTHON:-$venv_python}
if [ ! -x "$python" ]; then
    python3 -m venv .venv
    python=$venv_python
fi
"$python" -m pip install -q -e ".[bundle]"

rm -rf dist/TopicDigest build/pyinstaller
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/TopicDigest.spec

bundle=dist/TopicDigest
if [ "$os" = linux ]; then
    # Symbol tables of the binaries, but not of the wheels' *.libs folders: auditwheel's patchelf
    # rewrote those, and strip breaks them ("ELF load command address/offset not page-aligned").
    find "$bundle/_internal" -type f -name '*.so*' -not -path '*.libs/*' -print0 |
        while IFS= read -r -d '' lib; do
            case $(readelf -S "$lib" 2>/dev/null || true) in
                *.symtab*) strip --strip-unneeded "$lib" ;;
            esac
        done
    # ICU's data, cut to what Qt reads (packaging/icu_data.sh says what and why). Its tools come
    # from Debian's icu-devtools; a CI runner that lacks them and may use apt gets them here.
    if ! command -v icupkg > /dev/null && command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
        apt-get install -y -q --no-install-recommends icu-devtools > /dev/null ||
            { apt-get update -q > /dev/null && apt-get install -y -q --no-install-recommends icu-devtools > /dev/null; } ||
            true
    fi
    for lib in "$bundle"/_internal/PySide6/Qt/lib/libicudata.so.*; do
        bash packaging/icu_data.sh "$lib" ||
            echo "build.sh: ICU's data left whole (27 MB more): install icu-devtools and gcc" >&2
    done
    # The same library in two wheels' *.libs folders (numpy's and scipy's libgfortran): one copy,
    # and a relative symlink for the other, which the loader follows.
    find "$bundle/_internal" -path '*.libs/*' -type f -print0 | xargs -0 sha256sum | sort |
        while read -r hash lib; do
            if [ "$hash" = "${previous_hash:-}" ]; then
                ln -sfr "$previous_lib" "$lib"
            else
                previous_hash=$hash previous_lib=$lib
            fi
        done
fi
if [ "$os" = linux ]; then
    cp packaging/install.sh "$bundle/install.sh"
    chmod +x "$bundle/install.sh"
fi

version=$("$python" -c "import nlp; print(nlp.__version__)")
arch=$(uname -m)
name=TopicDigest-$version-$os-$arch
if [ "$os" = windows ]; then
    (cd dist && rm -f "$name.zip" && powershell -NoProfile -Command "Compress-Archive -Path TopicDigest -DestinationPath $name.zip")
    download=dist/$name.zip
elif [ "$os" = macos ]; then
    download=dist/$name.zip  # the .app, as macOS users expect; codesign and notarise before publishing
    (cd dist && rm -f "$name.zip" && ditto -c -k --keepParent "Topic Digest.app" "$name.zip")
else
    download=dist/$name.tar.gz
    tar -C dist -czf "$download" TopicDigest
fi

echo "built $bundle ($(du -sm "$bundle" | cut -f1) MB) and $download ($(du -sm "$download" | cut -f1) MB)" \
     "in $((SECONDS - started)) s"
