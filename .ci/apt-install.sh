# Shared by .ci/qt-system-libs.sh and .ci/system-tools.sh (sourced, not run).
#
# install_or_explain WHAT SKIP_VARIABLE: the caller has defined
# missing_packages (prints the Debian packages still missing, space-separated).
# As root with nobody to ask (no terminal on stdin, or CI=true), installs them
# with apt-get and checks again; otherwise prints the `sudo apt-get install`
# line and fails. Exits the calling script either way.
install_or_explain() {
    what=$1
    skip_variable=$2
    missing=$(missing_packages)
    if [ -z "$missing" ]; then
        exit 0
    fi
    missing=${missing% }

    echo "$what: $missing" >&2

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
    echo "(Those are Debian/Ubuntu package names. Set $skip_variable=0 to skip this check.)" >&2
    exit 1
}
