#!/usr/bin/env bash
# Runs the external scanners against the packaged jar (prod profile) on loopback: sqlmap on the API's parameters
# (query, path and JSON body; as a visitor and with a moderator's bearer token) and wapiti on the whole site (as a
# visitor and signed in as a moderator). Results go to target/security-scan/; docs/security.md records them.
#
#   ./mvnw -B package -DskipTests && scripts/security-scan.sh
#
# Needs: sqlmap and wapiti (apt-get install sqlmap wapiti), a Keycloak with the demo realm (AGORA_SCAN_OIDC_URL,
# default http://localhost:8280/realms/agora), and free ports AGORA_SCAN_PORT (default 18085) and
# AGORA_SCAN_MGMT_PORT (19185). Its own throwaway PostgreSQL. Signed-in scans use bearer tokens (the app accepts them
# on pages too), so no sign-in redirect to the scan port is needed. AGORA_SCAN_SKIP_SQLMAP=1 runs wapiti only.
# (wapiti 3.0.4's --exclude crashes on Python 3.11, so the sign-out form is not excluded: a bearer token survives it.)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
WORK=$REPO/target/security-scan
PORT=${AGORA_SCAN_PORT:-18085}
MGMT=${AGORA_SCAN_MGMT_PORT:-19185}
REALM=${AGORA_SCAN_OIDC_URL:-http://localhost:8280/realms/agora}
APP="http://localhost:$PORT"
JAR=${AGORA_JAR:-$REPO/target/quarkus-app/quarkus-run.jar}
CLIENT_SECRET=agora-demo-secret-change-me   # the demo realm's published DEMO secret
say() { echo "security-scan: $*" >&2; }
die() { echo "security-scan: FAILED: $*" >&2; exit 1; }
for tool in sqlmap wapiti curl jq; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
[[ -f "$JAR" ]] || die "no $JAR; build it first: ./mvnw -B package -DskipTests"

[[ -n "${AGORA_SCAN_SKIP_SQLMAP:-}" ]] || rm -rf "$WORK"
rm -rf "$WORK/postgres"; mkdir -p "$WORK"
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
APP_PID=""
cleanup() {
    [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    scripts/postgres.sh stop "$WORK/postgres" >/dev/null 2>&1 || true
}
trap cleanup EXIT
JDBC_URL=$(scripts/postgres.sh start "$WORK/postgres" "$PG_PORT")
QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MGMT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
QUARKUS_OIDC_AUTH_SERVER_URL=$REALM QUARKUS_OIDC_CREDENTIALS_SECRET=$CLIENT_SECRET \
AGORA_SESSION_SECRET=scan-DEMO-session-secret-0123456789abcdefghij AGORA_CSRF_SECRET=scan-DEMO-csrf-key-0123456789abcdefghijkl \
AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET=agora-DEMO-user-admin-secret-not-for-production \
AGORA_RATE_LIMITS_COMMENTS=1000000 AGORA_RATE_LIMITS_VOTES=1000000 AGORA_RATE_LIMITS_REACTIONS=1000000 AGORA_RATE_LIMITS_REPORTS=1000000 \
    java -Xmx384m -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$MGMT/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "http://127.0.0.1:$MGMT/q/health/ready" >/dev/null || die "the app did not start (see $WORK/app.log)"

token() {
    curl -fsS -d grant_type=password -d client_id=agora-web -d "client_secret=$CLIENT_SECRET" \
        -d "username=$1" -d "password=$1" "$REALM/protocol/openid-connect/token" | jq -r .access_token
}
slug=$(curl -fsS "$APP/api/articles" | jq -r '.[0].slug')
question=$(curl -fsS "$APP/api/articles/$slug" | jq -r '.questions[0].id')
comment=$(curl -fsS -H "Authorization: Bearer $(token alice)" -H 'Content-Type: application/json' \
    --data '{"body":"scan target"}' "$APP/api/questions/$question/comments" | jq -r .id)

# --- sqlmap: each API parameter; level 3 / risk 2 tries boolean, error, union, stacked and time-based injections ---
SQLMAP=(sqlmap --batch --level=3 --risk=2 --disable-coloring --output-dir="$WORK/sqlmap" --flush-session --answers="follow=N")
run_sqlmap() {
    local name=$1; shift
    say "sqlmap $name"
    "${SQLMAP[@]}" "$@" >"$WORK/sqlmap-$name.log" 2>&1 || true
    if grep -q 'is vulnerable\|sqlmap identified the following injection point' "$WORK/sqlmap-$name.log"; then
        echo "$name: INJECTABLE" >>"$WORK/summary.txt"
    else
        echo "$name: $(grep -o 'all tested parameters do not appear to be injectable\|[0-9]* HTTP(s) requests' "$WORK/sqlmap-$name.log" | tail -1 || echo 'see log')" >>"$WORK/summary.txt"
    fi
}
if [[ -z "${AGORA_SCAN_SKIP_SQLMAP:-}" ]]; then
run_sqlmap thread-query -u "$APP/api/questions/$question/comments?sort=new&limit=10&offset=0" -p sort,limit,offset
run_sqlmap article-path -u "$APP/api/articles/${slug}*"
run_sqlmap comment-path -u "$APP/api/comments/${comment}*"
run_sqlmap moderation-log -u "$APP/api/moderation/log?actor=mod&member=alice&action=warn" -p actor,member,action \
    -H "Authorization: Bearer $(token mod)"
run_sqlmap post-comment -u "$APP/api/questions/$question/comments" --method POST \
    --data "{\"body\":\"hello\",\"parentId\":$comment}" -H "Authorization: Bearer $(token bob)" -H 'Content-Type: application/json'
run_sqlmap report -u "$APP/api/comments/$comment/reports" --method POST --data '{"reason":"other","note":"a note"}' \
    -H "Authorization: Bearer $(token carol)" -H 'Content-Type: application/json'
run_sqlmap sanction -u "$APP/api/moderation/members/alice*/sanctions" --method POST --data '{"kind":"warn","reason":"scan"}' \
    -H "Authorization: Bearer $(token mod)" -H 'Content-Type: application/json'
fi

# --- wapiti: crawl and attack the site as a visitor, then as a moderator (bearer token, valid 5 minutes) ---
sed -i '/^wapiti /d' "$WORK/summary.txt" 2>/dev/null || true
say "wapiti (visitor)"
wapiti -u "$APP/" --scope folder -d 4 --max-scan-time 280 --flush-session -f txt -o "$WORK/wapiti-visitor.txt" \
    >"$WORK/wapiti-visitor.log" 2>&1 || true
say "wapiti (moderator)"
wapiti -u "$APP/" --scope folder -d 4 --max-scan-time 280 --flush-session -f txt -o "$WORK/wapiti-moderator.txt" \
    -H "Authorization: Bearer $(token mod)" >"$WORK/wapiti-moderator.log" 2>&1 || true
for report in visitor moderator; do
    echo "wapiti $report: $(grep -E '^(Vulnerabilities|Anomalies|Additionals)' -A0 "$WORK/wapiti-$report.txt" 2>/dev/null | tr '\n' ' ')" >>"$WORK/summary.txt"
done
cat "$WORK/summary.txt"
grep -q INJECTABLE "$WORK/summary.txt" && die "sqlmap found an injectable parameter"
say "done; reports in $WORK"
