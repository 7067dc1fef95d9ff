#!/usr/bin/env bash
# A local Keycloak with the Agora demo realm, without Docker, for scripts/run.sh and the tests.
#
#   scripts/keycloak.sh install
#       unpack Keycloak KC_VERSION into $AGORA_LOCAL_DIR (default <repo>/.agora), build it once,
#       and copy docker/keycloak/agora-realm.json into its data/import/. Safe to run concurrently.
#   scripts/keycloak.sh start HTTP_PORT MGMT_PORT STATE_DIR
#       start it in the background (own session) on 127.0.0.1:HTTP_PORT, health on MGMT_PORT,
#       with its database, log (keycloak.log) and pid file (keycloak.pid) in STATE_DIR.
#       The realm is imported when STATE_DIR has no database yet. Several instances can share one install.
#   scripts/keycloak.sh wait MGMT_PORT [TIMEOUT_SECONDS] [STATE_DIR]
#       wait until http://127.0.0.1:MGMT_PORT/health/ready is UP (default 240 s); on failure print the log
#       tail of STATE_DIR (when given) and exit 1.
#   scripts/keycloak.sh stop STATE_DIR
#       stop the instance started with that STATE_DIR (its whole process group); fine if it is not running.
#   scripts/keycloak.sh status STATE_DIR
#       exit 0 and print "HTTP_PORT MGMT_PORT" if the instance of STATE_DIR is running, else exit 1.
#   scripts/keycloak.sh home
#       print the install folder.
#   scripts/keycloak.sh allow-redirect HTTP_PORT URI_PATTERN
#       let the demo realm's agora-web client redirect to URI_PATTERN too (e.g. http://localhost:41234/*), through the
#       admin REST API with the DEMO bootstrap admin; for checks that run the app on a free port. Needs curl and jq.
#
# The bootstrap admin comes from KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD (DEMO default admin/admin).
set -euo pipefail

KC_VERSION=26.7.3
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(dirname "$SCRIPT_DIR")
AGORA_LOCAL_DIR=${AGORA_LOCAL_DIR:-$REPO/.agora}
KC_HOME="$AGORA_LOCAL_DIR/keycloak-$KC_VERSION"
REALM_FILE="$REPO/docker/keycloak/agora-realm.json"
ZIP_NAME="keycloak-quarkus-dist-$KC_VERSION.zip"
# "install" builds Keycloak once with these build-time options; "start" then runs it with "start --optimized",
# which never rebuilds. ("start-dev" would rebuild on its first run even after "kc.sh build", because a build is
# always for the production profile, and two first starts at once would then build into the same folder.)
BUILD_OPTIONS=(--db=dev-file --health-enabled=true)

die() { echo "keycloak.sh: $*" >&2; exit 1; }
say() { echo "keycloak.sh: $*" >&2; }

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# GET http://127.0.0.1:PORT/PATH and print the body; curl when present, else bash's /dev/tcp.
http_get() {
    local port=$1 path=$2
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --max-time 5 "http://127.0.0.1:$port$path" 2>/dev/null
    else
        local response
        response=$( { exec 3<>"/dev/tcp/127.0.0.1/$port" \
            && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3 \
            && timeout 5 cat <&3; } 2>/dev/null ) || return 1
        [[ "$response" == "HTTP/1."?" 200"* ]] || return 1
        printf '%s' "${response#*$'\r\n\r\n'}"
    fi
}

# The ids of the processes in process group $1, from /proc (no procps needed).
group_pids() {
    local stat rest pid fields
    for stat in /proc/[0-9]*/stat; do
        pid=${stat#/proc/}; pid=${pid%/stat}
        rest=$(cat "$stat" 2>/dev/null) || continue
        rest=${rest##*) }            # skip "pid (comm) ", comm may contain spaces
        read -ra fields <<<"$rest"   # state ppid pgrp ...
        [[ "${fields[2]:-}" == "$1" ]] && echo "$pid"
    done
    return 0
}

# True while process group $1 still holds the Keycloak process (kc.sh or its java) of state folder $2, so a recycled
# id is never hit. Process ids wrap quickly on a busy machine (pid_max can be 32768), and other checkouts run their
# own Keycloaks: a group only counts when its command line names this state folder (pid file or --db-url).
group_alive() {
    local pid cmdline dir
    dir=$(cd "$2" 2>/dev/null && pwd -P) || dir=$2   # "start" records the physical path
    for pid in $(group_pids "$1"); do
        cmdline=$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) || continue
        if [[ "$cmdline" =~ kc\.sh|kc\.home\.dir && "$cmdline" == *"$dir/"* ]]; then
            return 0
        fi
    done
    return 1
}

unpack_zip() {
    local zip=$1 dest=$2
    if command -v unzip >/dev/null 2>&1; then
        unzip -q "$zip" -d "$dest"
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$dest"
    elif command -v jar >/dev/null 2>&1; then
        (cd "$dest" && jar xf "$zip")
    else
        die "cannot unpack $zip: install unzip (apt-get install unzip)"
    fi
}

find_or_fetch_zip() {
    local dist="$AGORA_LOCAL_DIR/dist" m2
    m2="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/$ZIP_NAME"
    if [[ -s "$dist/$ZIP_NAME" ]]; then
        echo "$dist/$ZIP_NAME"
    elif [[ -s "$m2" ]]; then
        echo "$m2"
    else
        say "downloading Keycloak $KC_VERSION from Maven Central (about 170 MB, once)"
        mkdir -p "$dist"
        # from a folder without a pom, so that only the wrapper (not the project) matters
        (cd "$dist" && "$REPO/mvnw" -B -q dependency:copy \
            "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" "-DoutputDirectory=$dist") >&2 \
            || die "could not download org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip with $REPO/mvnw"
        [[ -s "$dist/$ZIP_NAME" ]] || die "the download did not produce $dist/$ZIP_NAME"
        echo "$dist/$ZIP_NAME"
    fi
}

cmd_install() {
    [[ $# -eq 0 ]] || usage
    [[ -f "$REALM_FILE" ]] || die "missing $REALM_FILE"
    command -v java >/dev/null 2>&1 || die "java is not on the PATH (Keycloak $KC_VERSION needs Java 17 or later)"
    mkdir -p "$AGORA_LOCAL_DIR"
    # One installer at a time: the run script and a test run may both arrive here on a fresh checkout.
    exec 9>"$AGORA_LOCAL_DIR/.keycloak-install.lock"
    if ! flock -n 9; then
        say "another process is installing Keycloak; waiting for it"
        flock 9
    fi

    if [[ ! -f "$KC_HOME/.agora-built" ]]; then
        if [[ ! -x "$KC_HOME/bin/kc.sh" ]]; then
            local zip tmp
            zip=$(find_or_fetch_zip)
            tmp=$(mktemp -d "$AGORA_LOCAL_DIR/.unpack.XXXXXX")
            say "unpacking $zip"
            unpack_zip "$zip" "$tmp"
            [[ -f "$tmp/keycloak-$KC_VERSION/bin/kc.sh" ]] || { rm -rf "$tmp"; die "$zip does not hold keycloak-$KC_VERSION/bin/kc.sh"; }
            chmod +x "$tmp/keycloak-$KC_VERSION"/bin/*.sh
            rm -rf "$KC_HOME"
            mv "$tmp/keycloak-$KC_VERSION" "$KC_HOME"
            rmdir "$tmp"
        fi
        say "building Keycloak once (half a minute or so)"
        local started=$SECONDS
        (cd "$KC_HOME" && bin/kc.sh build "${BUILD_OPTIONS[@]}") >"$AGORA_LOCAL_DIR/keycloak-build.log" 2>&1 \
            || { tail -n 40 "$AGORA_LOCAL_DIR/keycloak-build.log" >&2; die "kc.sh build failed (log: $AGORA_LOCAL_DIR/keycloak-build.log)"; }
        say "built in $((SECONDS - started)) s"
        touch "$KC_HOME/.agora-built"
    fi

    # The realm may have changed since the last install: copy it every time (atomically, instances may be reading).
    mkdir -p "$KC_HOME/data/import"
    cp "$REALM_FILE" "$KC_HOME/data/import/.agora-realm.json.tmp"
    mv -f "$KC_HOME/data/import/.agora-realm.json.tmp" "$KC_HOME/data/import/agora-realm.json"
    say "Keycloak $KC_VERSION is ready in $KC_HOME"
}

cmd_start() {
    [[ $# -eq 3 ]] || usage
    local http_port=$1 mgmt_port=$2 state=$3
    [[ "$http_port" =~ ^[0-9]+$ && "$mgmt_port" =~ ^[0-9]+$ ]] || die "ports must be numbers"
    [[ -x "$KC_HOME/bin/kc.sh" && -f "$KC_HOME/.agora-built" ]] || die "Keycloak is not installed in $KC_HOME; run: $0 install"
    mkdir -p "$state"
    state=$(cd "$state" && pwd -P)
    local pidfile="$state/keycloak.pid" log="$state/keycloak.log"
    if [[ -f "$pidfile" ]] && group_alive "$(cat "$pidfile")" "$state"; then
        die "a Keycloak started with $state is still running (process group $(cat "$pidfile")); stop it first: $0 stop $state"
    fi
    local port
    for port in "$http_port" "$mgmt_port"; do
        port_in_use "$port" && die "port $port is already taken on 127.0.0.1; choose another one"
    done

    rm -f "$pidfile"
    say "starting Keycloak on http://localhost:$http_port (health on port $mgmt_port, log: $log)"
    export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}      # DEMO credentials
    export KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}
    # setsid: its own session and process group (pgid = the pid written below), so "stop" can end the
    # whole group, whatever kc.sh execs; and no terminal signals from the caller's Ctrl-C reach it.
    # Keycloak is a Quarkus app too: keep the app's QUARKUS_* settings (datasource, http port, ...) away from it.
    local clean_env=(env) name
    for name in $(compgen -e); do
        [[ "$name" == QUARKUS_* ]] && clean_env+=(-u "$name")
    done
    # Production mode on plain HTTP, bound to 127.0.0.1 only; H2 file database in STATE_DIR; no clustering.
    # shellcheck disable=SC2016  # $$ and "$1" belong to the inner shell
    "${clean_env[@]}" setsid bash -c 'echo $$ >"$1"; shift; cd "$1"; shift; exec "$@"' keycloak \
        "$pidfile" "$KC_HOME" bin/kc.sh start --optimized \
        --http-enabled=true --http-host=127.0.0.1 --http-port="$http_port" \
        --http-management-port="$mgmt_port" \
        --hostname="http://localhost:$http_port" \
        --db-url="jdbc:h2:file:$state/h2/keycloakdb;NON_KEYWORDS=VALUE" \
        --cache=local \
        --import-realm \
        --log-level="INFO,io.smallrye.health:WARN" \
        </dev/null >"$log" 2>&1 &
    echo "$http_port $mgmt_port" >"$state/keycloak.ports"
    for _ in $(seq 1 50); do [[ -s "$pidfile" ]] && break; sleep 0.1; done
    [[ -s "$pidfile" ]] || die "Keycloak did not start (log: $log)"
    say "started (process group $(cat "$pidfile"))"
}

cmd_wait() {
    [[ $# -ge 1 && $# -le 3 ]] || usage
    local mgmt_port=$1 timeout=${2:-240} state=${3:-}
    local deadline=$((SECONDS + timeout)) body
    while (( SECONDS < deadline )); do
        body=$(http_get "$mgmt_port" /health/ready || true)
        if [[ "$body" == *'"status"'*'"UP"'* ]]; then
            say "ready (health on port $mgmt_port is UP)"
            return 0
        fi
        if [[ -n "$state" && -f "$state/keycloak.pid" ]] && ! group_alive "$(cat "$state/keycloak.pid")" "$state"; then
            tail -n 60 "$state/keycloak.log" >&2 2>/dev/null || true
            die "Keycloak exited before it was ready (log above: $state/keycloak.log)"
        fi
        sleep 1
    done
    [[ -n "$state" ]] && { tail -n 60 "$state/keycloak.log" >&2 2>/dev/null || true; }
    die "Keycloak was not ready after $timeout s (http://127.0.0.1:$mgmt_port/health/ready)${state:+; log above: $state/keycloak.log}"
}

cmd_stop() {
    [[ $# -eq 1 ]] || usage
    local state=$1 pgid
    if [[ ! -f "$state/keycloak.pid" ]]; then
        say "no Keycloak was started with $state; nothing to stop"
        return 0
    fi
    pgid=$(cat "$state/keycloak.pid")
    [[ "$pgid" =~ ^[0-9]+$ ]] || die "bad pid file $state/keycloak.pid"
    if group_alive "$pgid" "$state"; then
        kill -TERM -- "-$pgid" 2>/dev/null || true
        for _ in $(seq 1 300); do
            group_alive "$pgid" "$state" || break
            sleep 0.1
        done
        if group_alive "$pgid" "$state"; then
            say "Keycloak did not stop within 30 s; killing it"
            kill -KILL -- "-$pgid" 2>/dev/null || true
            for _ in $(seq 1 50); do group_alive "$pgid" "$state" || break; sleep 0.1; done
        fi
        say "stopped Keycloak (process group $pgid)"
    else
        say "Keycloak of $state is not running"
    fi
    rm -f "$state/keycloak.pid"
}

cmd_status() {
    [[ $# -eq 1 ]] || usage
    local state=$1
    [[ -f "$state/keycloak.pid" ]] && group_alive "$(cat "$state/keycloak.pid")" "$state" || return 1
    cat "$state/keycloak.ports" 2>/dev/null || true
}

cmd_allow_redirect() {
    [[ $# -eq 2 ]] || usage
    local base="http://localhost:$1" uri=$2 token client
    token=$(curl -fsS -d grant_type=password -d client_id=admin-cli -d "username=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" \
        -d "password=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}" "$base/realms/master/protocol/openid-connect/token" | jq -r .access_token)
    client=$(curl -fsS -H "Authorization: Bearer $token" "$base/admin/realms/agora/clients?clientId=agora-web" | jq '.[0]')
    jq --arg uri "$uri" '.redirectUris += [$uri]' <<<"$client" \
        | curl -fsS -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @- \
            "$base/admin/realms/agora/clients/$(jq -r .id <<<"$client")" >/dev/null
}

[[ $# -ge 1 ]] || usage
command=$1; shift
case "$command" in
    install) cmd_install "$@" ;;
    start) cmd_start "$@" ;;
    wait) cmd_wait "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    home) echo "$KC_HOME" ;;
    allow-redirect) cmd_allow_redirect "$@" ;;
    *) usage ;;
esac
