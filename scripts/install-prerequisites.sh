#!/usr/bin/env bash
# Installs the Debian packages that the run command and the tests need and a fresh machine may lack:
# PostgreSQL server binaries, unzip and curl (local servers), haproxy and jq (scripts/scale-out-check.sh).
# Does nothing when all are present. Needs root or password-less sudo to install; otherwise says what to install.
# Called by .ci/run and by the Maven build before the tests, so `./mvnw -B verify` works on a fresh machine.
set -uo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)

[[ ${#missing[@]} -eq 0 ]] && exit 0

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
