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

. "$(dirname "$0")/apt-install.sh"
install_or_explain "The desktop build ($mode) needs programs that are not installed" SYSTEM_TOOLS_CHECK
