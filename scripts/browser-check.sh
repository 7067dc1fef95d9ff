#!/usr/bin/env bash
# Runs the browser tests (frontend/tests) against the packaged app: its own throwaway PostgreSQL, the packaged jar
# (prod profile), and Keycloak — the one named by AGORA_TEST_OIDC_URL, or one started here with the demo realm.
# Then: journeys + axe + screenshots (tests/journeys.mjs), and the Nu Html Checker (tests/validate.mjs).
#
#   scripts/browser-check.sh          (needs target/quarkus-app/quarkus-run.jar and frontend/node_modules:
#                                      ./mvnw -B package -DskipTests; scripts/install-prerequisites.sh)
#
# Settings: AGORA_BROWSER_PORT (the app's port; the demo realm accepts sign-in redirects to 8080-8089; default
# QUARKUS_HTTP_TEST_PORT or 8081), AGORA_TEST_OIDC_URL, AGORA_LOCAL_DIR (Keycloak install). Artefacts (screenshots,
# saved pages, vnu report, app log) go to target/browser/. Exits non-zero when a check fails.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
export AGORA_LOCAL_DIR=${AGORA_LOCAL_DIR:-$REPO/.agora}
WORK=$REPO/target/browser
JAR=$REPO/target/quarkus-app/quarkus-run.jar
PORT=${AGORA_BROWSER_PORT:-${QUARKUS_HTTP_TEST_PORT:-8081}}

say() { echo "browser: $*" >&2; }
die() { echo "browser: FAILED: $*" >&2; exit 1; }
[[ -f "$JAR" ]] || die "no $JAR; build it first: ./mvnw -B package -DskipTests"
[[ -x /usr/bin/chromium ]] || die "no /usr/bin/chromium (scripts/install-prerequisites.sh installs it)"
[[ -d frontend/node_modules/playwright-core ]] || die "no frontend/node_modules (scripts/install-prerequisites.sh runs npm ci)"
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is taken; set AGORA_BROWSER_PORT to a free port in 8080-8089"

rm -rf "$WORK"
mkdir -p "$WORK"
read -r PG_PORT KC_PORT KC_MGMT MGMT_PORT < <(python3 - <<'PY'
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
PY
)

APP_PID=""
OWN_KEYCLOAK=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    [[ -n "$OWN_KEYCLOAK" ]] && { scripts/keycloak.sh stop "$WORK/keycloak" >/dev/null 2>&1 || true; }
    scripts/postgres.sh stop "$WORK/postgres" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$SECONDS
if [[ -n "${AGORA_TEST_OIDC_URL:-}" ]]; then
    REALM=$AGORA_TEST_OIDC_URL
else
    OWN_KEYCLOAK=yes
    scripts/keycloak.sh install
    scripts/keycloak.sh start "$KC_PORT" "$KC_MGMT" "$WORK/keycloak"
fi
JDBC_URL=$(scripts/postgres.sh start "$WORK/postgres" "$PG_PORT")
if [[ -n "$OWN_KEYCLOAK" ]]; then
    scripts/keycloak.sh wait "$KC_MGMT" 240 "$WORK/keycloak"
    REALM="http://localhost:$KC_PORT/realms/agora"
fi

# The journeys post faster than a person may; the per-person rate limits are raised (RateLimitTest covers them).
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_USERNAME=postgres \
QUARKUS_OIDC_AUTH_SERVER_URL=$REALM QUARKUS_OIDC_CREDENTIALS_SECRET=agora-demo-secret-change-me \
AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET=agora-DEMO-user-admin-secret-not-for-production \
AGORA_RATE_LIMITS_COMMENTS=100000 AGORA_RATE_LIMITS_VOTES=100000 AGORA_RATE_LIMITS_REACTIONS=100000 \
QUARKUS_SHUTDOWN_DELAY=0s \
    java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
deadline=$((SECONDS + 90))
until curl -fsS --max-time 2 "http://127.0.0.1:$MGMT_PORT/q/health/ready" >/dev/null 2>&1; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$WORK/app.log" >&2; die "the app exited while starting"; }
    (( SECONDS < deadline )) || { tail -n 40 "$WORK/app.log" >&2; die "the app is not ready after 90 s"; }
    sleep 0.3
done
say "app ready on :$PORT after $((SECONDS - started)) s (Keycloak $REALM)"

export AGORA_BASE_URL=http://localhost:$PORT AGORA_BROWSER_OUT=$WORK
status=0
node frontend/tests/journeys.mjs || status=1
node frontend/tests/validate.mjs || status=1
say "$([[ $status == 0 ]] && echo PASSED || echo FAILED) in $((SECONDS - started)) s; screenshots in $WORK/screenshots"
exit $status
