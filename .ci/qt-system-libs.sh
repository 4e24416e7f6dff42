#!/bin/sh
# Check that the system libraries Qt (PySide6) loads at run time are installed,
# and a font with Hangul for the window in Korean.
#
# Usage: .ci/qt-system-libs.sh offscreen|x11
#
#   offscreen  what the headless test suite needs (QT_QPA_PLATFORM=offscreen)
#   x11        what a real window needs under X (the xcb platform plugin)
#
# The PySide6 wheel bundles Qt itself but not these, and a missing one makes Qt
# abort with "could not load the Qt platform plugin", which names no package.
# So we look each soname up in the linker cache and name the Debian package
# that provides it. As root and non-interactive (no tty on stdin, or CI=true)
# with apt-get available, the missing packages are installed; otherwise the
# script prints the apt-get command and fails. Set QT_SYSTEM_LIBS_CHECK=0 to
# skip the check (for example on a distribution with other package names).
set -eu

mode=${1:-}
case $mode in
    offscreen | x11) ;;
    *)
        echo "usage: $0 offscreen|x11" >&2
        exit 2
        ;;
esac

# Only Linux has these as separate system packages; macOS and Windows wheels
# carry what they need.
if [ "$(uname -s)" != Linux ] || [ "${QT_SYSTEM_LIBS_CHECK:-1}" = 0 ]; then
    exit 0
fi

# "soname package" pairs. offscreen is the base; x11 adds the xcb plugin's needs.
offscreen_libs='
libEGL.so.1 libegl1
libGL.so.1 libgl1
libfontconfig.so.1 libfontconfig1
libxkbcommon.so.0 libxkbcommon0
libdbus-1.so.3 libdbus-1-3
'
x11_libs='
libxcb-cursor.so.0 libxcb-cursor0
libxcb-icccm.so.4 libxcb-icccm4
libxcb-keysyms.so.1 libxcb-keysyms1
libxcb-image.so.0 libxcb-image0
libxcb-render-util.so.0 libxcb-render-util0
libxcb-shape.so.0 libxcb-shape0
libxcb-randr.so.0 libxcb-randr0
libxcb-xinerama.so.0 libxcb-xinerama0
libxkbcommon-x11.so.0 libxkbcommon-x11-0
'
wanted=$offscreen_libs
if [ "$mode" = x11 ]; then
    wanted="$offscreen_libs$x11_libs"
fi

# ldconfig lives in /sbin, which is not on an ordinary user's PATH on Debian.
ldconfig_bin=$(command -v ldconfig 2>/dev/null || true)
for candidate in /sbin/ldconfig /usr/sbin/ldconfig; do
    if [ -z "$ldconfig_bin" ] && [ -x "$candidate" ]; then
        ldconfig_bin=$candidate
    fi
done
if [ -z "$ldconfig_bin" ]; then
    echo "note: ldconfig not found, so Qt's system libraries were not checked." >&2
    exit 0
fi

# True when a font with Hangul is installed: the window's Korean needs one
# (Qt falls back to it from any font). fonts-nanum is the small one (10 MB).
has_hangul_font() {
    if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ko family 2>/dev/null)" ]; then
        return 0
    fi
    for font in /usr/share/fonts/truetype/nanum/*.ttf /usr/share/fonts/opentype/noto/NotoSansCJK*; do
        [ -e "$font" ] && return 0
    done
    return 1
}

# Prints the packages whose soname is not in the linker cache, space-separated
# (and a Hangul font's, if there is none).
missing_packages() {
    cache=$("$ldconfig_bin" -p 2>/dev/null || true)
    echo "$wanted" | while read -r soname package; do
        [ -n "$soname" ] || continue
        # Lines look like "<tab>libGL.so.1 (libc6,x86-64) => /lib/...".
        if ! printf '%s\n' "$cache" | grep -q "^[[:space:]]*$soname "; then
            printf '%s ' "$package"
        fi
    done
    has_hangul_font || printf '%s ' fonts-nanum
}

. "$(dirname "$0")/apt-install.sh"
install_or_explain "Qt ($mode) needs system libraries that are not installed" QT_SYSTEM_LIBS_CHECK
