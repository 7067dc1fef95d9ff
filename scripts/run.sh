#!/usr/bin/env bash
# Runs Agora with everything it needs, on one machine, without Docker:
#   - a local PostgreSQL (scripts/postgres.sh), unless QUARKUS_DATASOURCE_JDBC_URL is set;
#   - Keycloak with the demo realm (scripts/keycloak.sh), unless QUARKUS_OIDC_AUTH_SERVER_URL is set;
#   - the app, built with ./mvnw (skip with AGORA_SKIP_BUILD=1), in the foreground.
# Ctrl-C stops the app and the servers this script started (servers it found running are left alone).
#
# Settings (environment): QUARKUS_HTTP_PORT (8080), AGORA_PG_PORT (5433), AGORA_KC_PORT (8180),
# AGORA_KC_MGMT_PORT (9000), AGORA_SKIP_BUILD=1, AGORA_LOCAL_DIR (<repo>/.agora: Keycloak and the servers' data),
# and any QUARKUS_* key of the app. Server data is kept in $AGORA_LOCAL_DIR/run between runs; delete that folder
# to start from scratch (for example after changing docker/keycloak/agora-realm.json).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
export AGORA_LOCAL_DIR=${AGORA_LOCAL_DIR:-$REPO/.agora}

APP_PORT=${QUARKUS_HTTP_PORT:-8080}
PG_PORT=${AGORA_PG_PORT:-5433}
KC_PORT=${AGORA_KC_PORT:-8180}
KC_MGMT_PORT=${AGORA_KC_MGMT_PORT:-9000}
PG_DIR="$AGORA_LOCAL_DIR/run/postgres"
KC_STATE="$AGORA_LOCAL_DIR/run/keycloak"

die() { echo "run.sh: $*" >&2; exit 1; }
say() { echo "run.sh: $*" >&2; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

started_pg=false
started_kc=false
app_pid=""

# shellcheck disable=SC2317  # called by the traps
cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
        say "stopping the app"
        kill -TERM "$app_pid" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$app_pid" 2>/dev/null || true
    fi
    if $started_kc; then scripts/keycloak.sh stop "$KC_STATE" || true; fi
    if $started_pg; then scripts/postgres.sh stop "$PG_DIR" || true; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# --- check everything first, so that a taken port fails in a second, not after a build ---
# what a fresh Debian machine may lack to run Agora (PostgreSQL server binaries, unzip, curl, Java): apt, as root or
# with password-less sudo; otherwise it says what to install
"$REPO/scripts/install-prerequisites.sh" --run || die "missing Debian packages (see above)"
command -v java >/dev/null 2>&1 || die "java is not on the PATH; install Java 17 or later (apt-get install openjdk-17-jdk-headless)"
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[[ "${java_major%%.*}" -ge 17 ]] 2>/dev/null || die "Java 17 or later is needed; 'java' is version ${java_major:-unknown}"
[[ "$APP_PORT" =~ ^[0-9]+$ && "$PG_PORT" =~ ^[0-9]+$ && "$KC_PORT" =~ ^[0-9]+$ && "$KC_MGMT_PORT" =~ ^[0-9]+$ ]] \
    || die "ports must be numbers"

port_in_use "$APP_PORT" && die "port $APP_PORT (the app) is already taken; stop what uses it or set QUARKUS_HTTP_PORT"

reuse_pg=false
if [[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]]; then
    if running=$(scripts/postgres.sh status "$PG_DIR" 2>/dev/null); then
        [[ "$running" == "$PG_PORT" ]] || die "the PostgreSQL of $PG_DIR runs on port $running, not $PG_PORT; stop it: scripts/postgres.sh stop $PG_DIR"
        reuse_pg=true
    else
        port_in_use "$PG_PORT" && die "port $PG_PORT (PostgreSQL) is already taken; stop what uses it, set AGORA_PG_PORT, or set QUARKUS_DATASOURCE_JDBC_URL to use that server"
    fi
fi

reuse_kc=false
if [[ -z "${QUARKUS_OIDC_AUTH_SERVER_URL:-}" ]]; then
    if running=$(scripts/keycloak.sh status "$KC_STATE" 2>/dev/null); then
        [[ "$running" == "$KC_PORT $KC_MGMT_PORT" ]] || die "the Keycloak of $KC_STATE runs on ports '$running', not '$KC_PORT $KC_MGMT_PORT'; stop it: scripts/keycloak.sh stop $KC_STATE"
        reuse_kc=true
    else
        port_in_use "$KC_PORT" && die "port $KC_PORT (Keycloak) is already taken; stop what uses it, set AGORA_KC_PORT, or set QUARKUS_OIDC_AUTH_SERVER_URL to use that server"
        port_in_use "$KC_MGMT_PORT" && die "port $KC_MGMT_PORT (Keycloak management) is already taken; stop what uses it or set AGORA_KC_MGMT_PORT"
    fi
fi

# --- servers: Keycloak boots in the background while PostgreSQL starts and the app builds ---
if [[ -z "${QUARKUS_OIDC_AUTH_SERVER_URL:-}" ]]; then
    if $reuse_kc; then
        say "Keycloak of $KC_STATE is already running on port $KC_PORT: using it (it will not be stopped)"
    else
        scripts/keycloak.sh install
        started_kc=true
        scripts/keycloak.sh start "$KC_PORT" "$KC_MGMT_PORT" "$KC_STATE"
    fi
    export QUARKUS_OIDC_AUTH_SERVER_URL="http://localhost:$KC_PORT/realms/agora"
    KC_URL="http://localhost:$KC_PORT"
else
    say "using the Keycloak realm at QUARKUS_OIDC_AUTH_SERVER_URL=$QUARKUS_OIDC_AUTH_SERVER_URL"
    KC_URL=${QUARKUS_OIDC_AUTH_SERVER_URL%%/realms/*}
fi

if [[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]]; then
    if $reuse_pg; then
        say "PostgreSQL of $PG_DIR is already running on port $PG_PORT: using it (it will not be stopped)"
    else
        started_pg=true
    fi
    QUARKUS_DATASOURCE_JDBC_URL=$(scripts/postgres.sh start "$PG_DIR" "$PG_PORT")
    export QUARKUS_DATASOURCE_JDBC_URL
    export QUARKUS_DATASOURCE_USERNAME=${QUARKUS_DATASOURCE_USERNAME:-postgres}
    export QUARKUS_DATASOURCE_PASSWORD=${QUARKUS_DATASOURCE_PASSWORD:-postgres}   # the local cluster trusts local connections
else
    say "using the database at QUARKUS_DATASOURCE_JDBC_URL=$QUARKUS_DATASOURCE_JDBC_URL"
fi

if [[ "${AGORA_SKIP_BUILD:-}" == "1" ]]; then
    [[ -f target/quarkus-app/quarkus-run.jar ]] || die "AGORA_SKIP_BUILD=1 but there is no build yet (target/quarkus-app/quarkus-run.jar)"
    say "AGORA_SKIP_BUILD=1: using the last build"
else
    say "building the app (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests
fi

if $started_kc || $reuse_kc; then
    scripts/keycloak.sh wait "$KC_MGMT_PORT" 240 "$KC_STATE"
fi

# --- the app ---
export QUARKUS_HTTP_PORT=$APP_PORT
export QUARKUS_OIDC_CLIENT_ID=${QUARKUS_OIDC_CLIENT_ID:-agora-web}
if [[ -z "${QUARKUS_OIDC_CREDENTIALS_SECRET:-}" ]]; then
    export QUARKUS_OIDC_CREDENTIALS_SECRET=agora-demo-secret-change-me   # the demo realm's published DEMO secret
    secret_note="the demo realm's DEMO secret"
else
    secret_note="from QUARKUS_OIDC_CREDENTIALS_SECRET"
fi

# The packaged app runs in the prod profile, which requires the shared session and CSRF secrets; on one machine
# DEMO values do (production sets real ones, see docs/operations.md).
export AGORA_SESSION_SECRET=${AGORA_SESSION_SECRET:-agora-DEMO-session-secret-not-for-production}
export AGORA_CSRF_SECRET=${AGORA_CSRF_SECRET:-agora-DEMO-csrf-signing-key-not-for-production}
# the demo realm's agora-user-admin service account (deletes a member's Keycloak user when they delete their account)
export AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET=${AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET:-agora-DEMO-user-admin-secret-not-for-production}

java -jar target/quarkus-app/quarkus-run.jar &
app_pid=$!
for _ in $(seq 1 600); do
    port_in_use "$APP_PORT" && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
done
if ! kill -0 "$app_pid" 2>/dev/null; then
    wait "$app_pid" && status=0 || status=$?
    app_pid=""
    die "the app stopped while starting (exit code $status); see its output above"
fi

kc_note=""; $reuse_kc && kc_note=" (was already running; left running)"
pg_note=""; $reuse_pg && pg_note=" (was already running; left running)"
logs="the app below"
if $started_kc || $reuse_kc; then logs="$logs; Keycloak $KC_STATE/keycloak.log"; fi
if $started_pg || $reuse_pg; then logs="$logs; PostgreSQL $PG_DIR/postgres.log"; fi
cat >&2 <<EOF

================================================================================
 Agora is running:     http://localhost:$APP_PORT
 Keycloak:             $KC_URL$kc_note
   realm:              $QUARKUS_OIDC_AUTH_SERVER_URL
   admin console:      $KC_URL/admin/  (DEMO login: ${KC_BOOTSTRAP_ADMIN_USERNAME:-admin} / ${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin})
   client:             $QUARKUS_OIDC_CLIENT_ID, secret: $secret_note
 PostgreSQL:           $QUARKUS_DATASOURCE_JDBC_URL$pg_note
 Demo accounts (password = user name):
   alice, bob, carol   students
   tutor               tutor
   mod                 moderator
   admin               admin
 Logs: $logs
 Press Ctrl-C to stop the app and the servers this script started.
================================================================================

EOF

wait "$app_pid" && status=0 || status=$?
app_pid=""
exit "$status"
