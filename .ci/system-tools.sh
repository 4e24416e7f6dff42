#!/bin/sh
# Check that the programs the desktop build and its tests run are installed.
#
# Usage: .ci/system-tools.sh app|test
#
#   app   what `make app` (PyInstaller) runs: ldd, objdump and strip
#   test  that, and desktop-file-validate, which the tests run on the launcher
#
# As .ci/qt-system-libs.sh does for Qt's libraries: as root and
# non-interactive (no tty on stdin, or CI=true) with apt-get available, the
# missing Debian packages are installed; otherwise the script prints the
# apt-get command and fails. Set SYSTEM_TOOLS_CHECK=0 to skip the check.
set -eu

mode=${1:-}
case $mode in
    app | test) ;;
    *)
        echo "usage: $0 app|test" >&2
        exit 2
        ;;
esac

# The desktop build and these tools are Linux-only; elsewhere PyInstaller
# uses the platform's own.
if [ "$(uname -s)" != Linux ] || [ "${SYSTEM_TOOLS_CHECK:-1}" = 0 ]; then
    exit 0
fi

# "command package" pairs.
app_tools='
ldd libc-bin
objdump binutils
strip binutils
'
test_tools='
desktop-file-validate desktop-file-utils
'
wanted=$app_tools
if [ "$mode" = test ]; then
    wanted="$app_tools$test_tools"
fi

# Prints the packages whose command is missing, space-separated, once each.
missing_packages() {
    echo "$wanted" | while read -r tool package; do
        [ -n "$tool" ] || continue
        if ! command -v "$tool" >/dev/null 2>&1; then
            printf '%s\n' "$package"
        fi
    done | sort -u | tr '\n' ' '
}

missing=$(missing_packages)
if [ -z "$missing" ]; then
    exit 0
fi
missing=${missing% }

echo "The desktop build ($mode) needs programs that are not installed: $missing" >&2

non_interactive=false
if [ ! -t 0 ] || [ "${CI:-}" = true ]; then
    non_interactive=true
fi
if [ "$(id -u)" = 0 ] && [ "$non_interactive" = true ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing them with apt-get (running as root, non-interactive)..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # $missing is a space-separated list of package names: split on purpose.
    # shellcheck disable=SC2086
    apt-get install -y --no-install-recommends $missing
    still_missing=$(missing_packages)
    if [ -n "$still_missing" ]; then
        echo "error: still missing after apt-get install: $still_missing" >&2
        exit 1
    fi
    exit 0
fi

echo "Install them with:" >&2
echo "" >&2
echo "    sudo apt-get install $missing" >&2
echo "" >&2
echo "(Those are Debian/Ubuntu package names. Set SYSTEM_TOOLS_CHECK=0 to skip this check.)" >&2
exit 1
