#!/usr/bin/env bash
# Builds the class-data-sharing (AppCDS) archive of the packaged app, app-cds.jsa next to quarkus-run.jar, which the
# image's JVM maps at start (docker/Dockerfile) instead of loading, parsing and verifying those classes from the jars.
#
#   scripts/app-cds.sh [APP_DIR]           train: start the app once, serve a few requests, stop it; the JVM writes
#                                          APP_DIR/app-cds.jsa as it exits (APP_DIR default target/quarkus-app)
#   scripts/app-cds.sh --check [APP_DIR]   start the app with the archive, and fail unless most classes loaded by
#                                          the end of the start came from it
#
# Why not Quarkus' own archive (-Dquarkus.package.jar.appcds.enabled): its training run stops after static init by
# design, so nothing of the runtime start is in it (Hibernate's session factory, the REST layer, OIDC, Vert.x): about
# 6,000 of the 13,800 classes loaded by the end of a start (42 %). This run goes through the whole start and a few
# requests, and needs neither a database nor Keycloak, so it runs where images are built: replicas don't migrate at
# start, the seed check is off, the connection pool and Quarkus OIDC both connect lazily (their failures are logged
# and expected), and the requests end in the error pages the database's absence causes. On 2 cores, start to ready
# went from 3.3-4.0 s to 2.9-3.2 s (bench/README.md "Start-up, a fifth look").
#
# The archive only works with the JVM build that wrote it, run from the folder it was made in (the jar path is
# relative), which the Dockerfile ensures: the build and runtime images share their version, and run-java.sh starts
# java in /deployments. Nothing of the caller's environment reaches the app: the run can't touch a real database.
set -euo pipefail

CHECK=false
if [[ ${1:-} == --check ]]; then CHECK=true; shift; fi
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
APP_DIR=$(cd "${1:-$REPO/target/quarkus-app}" && pwd -P)
ARCHIVE=$APP_DIR/app-cds.jsa
LOG=$APP_DIR/app-cds.log
$CHECK && LOG=$APP_DIR/app-cds-check.log
# a check passes when at least this share of the classes loaded by the end of the start came from the archive
# (Quarkus' own archive: 42 %; this one: about 75 %. JDK 17 archives linked classes only, so the ~2,800 classes the
# training run loaded without linking, 1,300 of them Hibernate's, are left out)
MIN_SHARED_PERCENT=65

say() { echo "app-cds: $*" >&2; }
die() { echo "app-cds: FAILED: $*" >&2; [[ -f "$LOG" ]] && grep -v '\[cds\]' "$LOG" | tail -20 | cut -c1-300 >&2; exit 1; }
[[ -f "$APP_DIR/quarkus-run.jar" ]] || die "no $APP_DIR/quarkus-run.jar; build it first: ./mvnw -B package -DskipTests"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# One GET over bash's /dev/tcp (the build image may have no curl); the answer doesn't matter, only the code it ran.
http_get() {
    local port=$1 path=$2 line
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 0
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n' "$path" >&3
    while IFS= read -r -t 10 line <&3; do :; done
    exec 3<&-
}

APP_PID=""
stop_app() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID"
        wait "$APP_PID" || true
    fi
    APP_PID=""
}
trap stop_app EXIT

# start_app JVM_OPTION... : starts the app from APP_DIR with no database and no Keycloak, waits until it has started
start_app() {
    rm -f "$LOG"
    # nothing listens on 127.0.0.1:9 (discard), so both connect to a closed port; the secrets are throwaway values
    ( cd "$APP_DIR" && exec env -i PATH="$PATH" HOME="${HOME:-/tmp}" \
        QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=0 QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=0 \
        QUARKUS_FLYWAY_MIGRATE_AT_START=false AGORA_SEED_ENABLED=false QUARKUS_SHUTDOWN_DELAY=0s \
        QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:9/agora \
        QUARKUS_OIDC_AUTH_SERVER_URL=http://127.0.0.1:9/realms/agora \
        QUARKUS_OIDC_CREDENTIALS_SECRET=app-cds-training-only \
        AGORA_SESSION_SECRET=app-cds-training-only-session-secret \
        AGORA_CSRF_SECRET=app-cds-training-only-csrf-secret \
        AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET=app-cds-training-only \
        "$JAVA" -Xmx256m -XX:+UseSerialGC "$@" -jar quarkus-run.jar ) >"$LOG" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 1200); do
        grep -q 'started in [0-9.]*s' "$LOG" 2>/dev/null && return 0
        kill -0 "$APP_PID" 2>/dev/null || { APP_PID=""; die "the app stopped while starting (log $LOG)"; }
        sleep 0.1
    done
    die "the app did not start in 120 s (log $LOG)"
}

if $CHECK; then
    [[ -f "$ARCHIVE" ]] || die "no $ARCHIVE; train first: scripts/app-cds.sh $APP_DIR"
    CLASS_LOG=$APP_DIR/app-cds-classes.log
    rm -f "$CLASS_LOG"
    # -Xshare:on: a JVM that can't map the archive stops
    start_app -Xshare:on -XX:SharedArchiveFile="$ARCHIVE" -Xlog:class+load=info:file="$CLASS_LOG"
    loaded=$(grep -c 'source:' "$CLASS_LOG" || true)
    shared=$(grep -c 'source: shared objects file' "$CLASS_LOG" || true)
    stop_app
    (( loaded > 0 )) || die "no classes logged in $CLASS_LOG"
    percent=$(( shared * 100 / loaded ))
    say "$shared of the $loaded classes loaded by the end of the start came from the archive ($percent %)"
    (( percent >= MIN_SHARED_PERCENT )) || die "under $MIN_SHARED_PERCENT %: retrain (scripts/app-cds.sh $APP_DIR)"
    say "PASSED"
    exit 0
fi

rm -f "$ARCHIVE"
say "training run in $APP_DIR (no database, no Keycloak: their connection errors in the log are expected)"
start_app -XX:ArchiveClassesAtExit="$ARCHIVE"
listening=$(grep -o 'Listening on: http://[0-9.]*:[0-9]*' "$LOG" | head -1 || true)
management=$(grep -o 'Management interface listening on http://[0-9.]*:[0-9]*' "$LOG" | head -1 || true)
port=${listening##*:}
mgmt=${management##*:}
[[ -n "$port" && -n "$mgmt" ]] || die "could not read the app's ports from $LOG"
slug=why-is-nato-expanding-its-reach-to-the-asia-pacific-region
for path in / "/articles/$slug" "/articles/$slug/questions/1?sort=best" /login "/search?q=nato" /seminars /no-such-page; do
    http_get "$port" "$path"
done
for path in /q/health/ready /q/health/live /q/metrics; do
    http_get "$mgmt" "$path"
done
stop_app
[[ -s "$ARCHIVE" ]] || die "the JVM wrote no archive (log $LOG)"
say "wrote $ARCHIVE ($(( $(stat -c %s "$ARCHIVE") / 1048576 )) MiB)"
