#!/usr/bin/env bash
# MeetingDesk bootstrap: the one entry point for starting the program and running the tests.
#
#   bash packaging/bootstrap.sh run  [ARGS...]         install what the program needs, run `meetingdesk ARGS`
#   bash packaging/bootstrap.sh test [PYTEST ARGS...]  install what the tests need, run `python -m pytest`
#   bash packaging/bootstrap.sh build [--out DIR]      install what a build needs, run packaging/build_linux.py
#
# Steps: (1) missing Debian packages via apt-get (skipped on non-Debian systems), (2) a virtual
# environment at .venv in the repository, (3) `pip install -e .` (run) or `-e ".[test]"` (test, build),
# skipped while pyproject.toml is unchanged since the last successful install.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
PYTHON="${PYTHON:-python3}"

say()  { printf '[bootstrap] %s\n' "$*" >&2; }
die()  { printf '[bootstrap] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
    cat >&2 <<'USAGE'
usage: bash packaging/bootstrap.sh run  [ARGS...]         start MeetingDesk (the GUI when no ARGS)
       bash packaging/bootstrap.sh test [PYTEST ARGS...]  run the test suite
       bash packaging/bootstrap.sh build [--out DIR]      build the bundle and the .deb
USAGE
    exit 2
}

# Qt's runtime libraries (xcb platform plugin, EGL/GL, fonts) and CJK fonts: the record's faces
# where the computer has no 宋体/黑体/楷体 (fonts-noto-cjk: a 宋体 the record makes TrueType once;
# fonts-wqy-zenhei: 黑体; fonts-arphic-ukai: 楷体), and TrueType last resorts (uming, microhei).
# (PySide6 6.8's aarch64 xcb plugin, which an arm64 bullseye build takes, also links libSM/libICE.)
RUN_PKGS=(
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
    libxcb-render-util0 libxcb-image0 libsm6 libice6
    fonts-arphic-uming fonts-wqy-microhei fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-ukai
)
# The tests also check PDFs with poppler, inspect SQLite files, run a real PostgreSQL server,
# and build, install and run the .deb (tests/test_packaging.py): PyInstaller and build_deb.py
# read libraries with objdump (binutils); the .deb depends on fontconfig; desktop-file-utils
# checks the menu entry; unshare (util-linux) takes the network away; fcitx5 with its pinyin
# engine, a D-Bus session bus and xdotool type Chinese into the installed program under Xvfb;
# debootstrap makes the Debian 11 roots of tests/test_packaging_bullseye.py, whose arm64 root
# runs through qemu-user-static. tests/real_screen.py runs the program on Xvfb under the openbox
# window manager (imagemagick's `import` takes its screenshots when asked).
TEST_PKGS=("${RUN_PKGS[@]}" poppler-utils sqlite3 postgresql xvfb xauth openbox imagemagick
           binutils fontconfig desktop-file-utils util-linux
           fcitx5 fcitx5-chinese-addons dbus-daemon dbus-bin xdotool debootstrap
           qemu-user-static binfmt-support)
# A build (packaging/build_linux.py, also run inside the bullseye root by build_bullseye.py)
# needs Qt's libraries to render icons and to compute the .deb's Depends, and objdump.
BUILD_PKGS=("${RUN_PKGS[@]}" binutils fontconfig)

is_debian() {
    [[ -f /etc/debian_version ]] && command -v apt-get >/dev/null && command -v dpkg-query >/dev/null
}

pkg_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# As root directly; otherwise through sudo when there is one.
as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        return 1
    fi
}

apt_updated=0
apt_install() {  # apt_install PKG... : install the given packages (update the lists once first)
    if [[ $EUID -ne 0 ]] && ! command -v sudo >/dev/null; then
        say "not root and no sudo: cannot install $*; please install them yourself"
        return 1
    fi
    if [[ $apt_updated -eq 0 ]]; then
        say "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
        apt_updated=1
    fi
    say "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "$@" </dev/null
}

install_system_packages() {  # install_system_packages PKG... : only those missing
    if ! is_debian; then
        say "not a Debian-like system: skipping apt; make sure Qt's runtime libraries, a CJK font"
        say "(AR PL UMing or WenQuanYi Micro Hei) and, for tests, poppler-utils, sqlite3, PostgreSQL are installed"
        return 0
    fi
    local missing=() pkg
    for pkg in "$@"; do
        pkg_installed "$pkg" || missing+=("$pkg")
    done
    if ! command -v "$PYTHON" >/dev/null; then
        missing+=(python3 python3-venv)
    fi
    if [[ ${#missing[@]} -eq 0 ]]; then
        say "system packages: all present"
        return 0
    fi
    say "missing system packages: ${missing[*]}"
    apt_install "${missing[@]}" || say "WARNING: could not install ${missing[*]}; continuing"
}

# arm64 programs run through qemu-user-static once binfmt_misc knows it: mount binfmt_misc
# where a container left it out, and enable the qemu-aarch64 entry (as root only).
enable_arm64_emulation() {
    [[ $EUID -eq 0 ]] && command -v update-binfmts >/dev/null || return 0
    [[ -e /proc/sys/fs/binfmt_misc/register ]] \
        || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null \
        || { say "cannot mount binfmt_misc: no arm64 emulation"; return 0; }
    [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] \
        || update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 \
        || say "cannot enable qemu-aarch64 in binfmt_misc: no arm64 emulation"
}

ensure_venv() {
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found; install Python 3.11 or newer"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "MeetingDesk needs Python >= 3.11; $PYTHON is $("$PYTHON" -V 2>&1)"
    if [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c 'import sys' 2>/dev/null \
        && [[ -x "$VENV/bin/pip" ]]; then
        return 0
    fi
    rm -rf "$VENV"
    say "creating virtual environment $VENV"
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
        rm -rf "$VENV"
        # Debian splits venv/ensurepip into python3-venv.
        if is_debian; then
            say "python3 -m venv failed; installing python3-venv"
            apt_install python3-venv || true
        fi
        "$PYTHON" -m venv "$VENV" || die "could not create $VENV (on Debian: apt-get install python3-venv)"
    fi
}

# pip install into .venv unless the stamp shows this pyproject.toml was already installed.
pip_install() {  # pip_install run|test
    local mode="$1" target stamp hash
    hash="$("$VENV/bin/python" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$REPO/pyproject.toml")"
    stamp="$VENV/.meetingdesk-$mode.stamp"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
        say "python packages: up to date (pyproject.toml unchanged since the last install)"
        return 0
    fi
    if [[ "$mode" == test ]]; then target=".[test]"; else target="."; fi
    say "pip install -e \"$target\""
    local pip_opts=(--disable-pip-version-check)
    [[ -n "${CI:-}" ]] && pip_opts+=(--progress-bar off)
    (cd "$REPO" && "$VENV/bin/python" -m pip install "${pip_opts[@]}" -e "$target") \
        || die "pip install failed"
    echo "$hash" >"$stamp"
    # The test extra includes everything the program needs.
    [[ "$mode" == test ]] && echo "$hash" >"$VENV/.meetingdesk-run.stamp"
    return 0
}

# The record's 宋体 where the computer has none is Noto Serif CJK made TrueType on first use
# (about 30 s, then cached): done here once, so that neither the first export nor a test waits.
prepare_record_fonts() {
    "$VENV/bin/python" -c 'from meetingdesk.record.fonts import find_record_faces as f; f()' \
        2>/dev/null || say "note: no Chinese font for the record yet (see the README's font table)"
}

[[ $# -ge 1 ]] || usage
mode="$1"; shift
case "$mode" in
    run)
        install_system_packages "${RUN_PKGS[@]}"
        ensure_venv
        pip_install run
        prepare_record_fonts
        if [[ $# -eq 0 && "$(uname -s)" == Linux && -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]]; then
            say "note: no DISPLAY or WAYLAND_DISPLAY; the GUI needs a display (QT_QPA_PLATFORM=offscreen for headless use)"
        fi
        say "starting: meetingdesk $*"
        exec "$VENV/bin/meetingdesk" "$@"
        ;;
    test)
        install_system_packages "${TEST_PKGS[@]}"
        enable_arm64_emulation
        ensure_venv
        pip_install test
        prepare_record_fonts
        export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
        cd "$REPO"
        say "running: python -m pytest $*"
        exec "$VENV/bin/python" -m pytest "$@"
        ;;
    build)
        install_system_packages "${BUILD_PKGS[@]}"
        ensure_venv
        pip_install test  # the test extra carries PyInstaller
        cd "$REPO"
        say "running: python packaging/build_linux.py $*"
        QT_QPA_PLATFORM=offscreen exec "$VENV/bin/python" packaging/build_linux.py "$@"
        ;;
    -h|--help|help)
        usage
        ;;
    *)
        say "unknown command: $mode"
        usage
        ;;
esac
