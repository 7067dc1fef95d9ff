#!/usr/bin/env bash
# Fault checks on loopback, against the packaged jar (prod profile) with its own PostgreSQL and Keycloak (never
# the shared ones), on free ports. A ledger records every write Agora acknowledged; after each fault the database
# must hold every acknowledged write exactly once.
#   1. database crash: under a write load (comments with Idempotency-Key, votes), PostgreSQL is stopped with
#      `pg_ctl stop -m immediate` and restarted 5 s later. Meanwhile Agora answers 503 with Retry-After (problem+json
#      for /api, an HTML page for pages), never 500; it serves again within 10 s of the database returning; no
#      acknowledged comment or vote is lost and retried posts create no duplicates.
#   2. app crash: under the same load, the app is killed with SIGKILL and started again: nothing acknowledged lost,
#      no duplicates.
#   3. Keycloak down: public pages and the API still serve, /login answers a friendly "sign-in unavailable" page
#      (503), and a bearer token and a browser session obtained before keep working.
#   Also checked on the way (prod profile): HSTS, Secure + HttpOnly + SameSite session cookies.
#
#   scripts/reliability.sh        (needs target/quarkus-app/quarkus-run.jar: ./mvnw -B package -DskipTests)
#
# Settings (environment): AGORA_LOCAL_DIR (Keycloak install, as for run.sh), AGORA_RELIABILITY_DIR (work folder,
# default target/reliability), AGORA_JAR (the jar, default target/quarkus-app/quarkus-run.jar), AGORA_WRITES
# (comments per writer per phase, default 40). Everything started here is stopped on exit. Prints
# "reliability: ..." lines and a final summary; exits non-zero when a check fails.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
export AGORA_LOCAL_DIR=${AGORA_LOCAL_DIR:-$REPO/.agora}
WORK=${AGORA_RELIABILITY_DIR:-$REPO/target/reliability}
WRITES=${AGORA_WRITES:-40}
JAR=${AGORA_JAR:-$REPO/target/quarkus-app/quarkus-run.jar}
CLIENT_SECRET=agora-demo-secret-change-me   # the demo realm's published DEMO secret

say() { echo "reliability: $*" >&2; }
trap 'echo "reliability: FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR
die() { echo "reliability: FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

for tool in curl jq python3; do command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"; done
[[ -f "$JAR" ]] || die "no $JAR; build it first: ./mvnw -B package -DskipTests"
PSQL=$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | head -1)
[[ -x "$PSQL" ]] || PSQL=$(command -v psql) || die "psql not found"

rm -rf "$WORK"
mkdir -p "$WORK"
read -r PG_PORT KC_PORT KC_MGMT APP_PORT APP_MGMT < <(python3 - <<'EOF'
import socket
socks = [socket.socket() for _ in range(5)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
EOF
)
APP="http://localhost:$APP_PORT"
APP_PID=""
LOAD_PIDS=()
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for pid in "${LOAD_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [[ -n "$APP_PID" ]]; then kill -KILL "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    scripts/keycloak.sh stop "$WORK/keycloak" >/dev/null 2>&1 || true
    scripts/postgres.sh stop "$WORK/postgres" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
sql() { "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d agora -XtAc "$1"; }

started=$SECONDS
# --- servers ---
scripts/keycloak.sh install
scripts/keycloak.sh start "$KC_PORT" "$KC_MGMT" "$WORK/keycloak"
JDBC_URL=$(scripts/postgres.sh start "$WORK/postgres" "$PG_PORT")
scripts/keycloak.sh wait "$KC_MGMT" 300 "$WORK/keycloak"
REALM="http://localhost:$KC_PORT/realms/agora"
# the demo realm allows redirects to ports 8080-8089 only: allow ours too
scripts/keycloak.sh allow-redirect "$KC_PORT" "$APP/*"
say "servers up in $((SECONDS - started)) s: PostgreSQL :$PG_PORT, Keycloak :$KC_PORT, app $APP"

start_app() {
    QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT=$APP_MGMT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    QUARKUS_OIDC_AUTH_SERVER_URL=$REALM QUARKUS_OIDC_CREDENTIALS_SECRET=$CLIENT_SECRET \
    AGORA_SESSION_SECRET=reliability-DEMO-session-secret-0123456789abcdef \
    AGORA_CSRF_SECRET=reliability-DEMO-csrf-signing-key-0123456789abcdef \
    AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET=agora-DEMO-user-admin-secret-not-for-production \
    QUARKUS_SHUTDOWN_DELAY=1s \
    AGORA_RATE_LIMITS_COMMENTS=1000000 AGORA_RATE_LIMITS_VOTES=1000000 AGORA_RATE_LIMITS_REACTIONS=1000000 \
        java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$JAR" >>"$WORK/app.log" 2>&1 &
    APP_PID=$!
}
wait_ready() {
    local deadline=$((SECONDS + 120))
    until curl -fsS --max-time 2 "http://127.0.0.1:$APP_MGMT/q/health/ready" >/dev/null 2>&1; do
        kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$WORK/app.log" >&2; die "the app exited while starting"; }
        (( SECONDS < deadline )) || { tail -n 40 "$WORK/app.log" >&2; die "the app was not ready after 120 s"; }
        sleep 0.3
    done
}
start_app
wait_ready
say "app ready at $((SECONDS - started)) s"

slug=$(curl -fsS "$APP/api/articles" | jq -r '.[0].slug')
question=$(curl -fsS "$APP/api/articles/$slug" | jq -r '.questions[0].id')
token() {
    curl -fsS -d grant_type=password -d client_id=agora-web -d "client_secret=$CLIENT_SECRET" \
        -d "username=$1" -d "password=$1" -d scope=openid "$REALM/protocol/openid-connect/token" | jq -r .access_token
}
declare -A TOKEN=()
for user in alice bob carol; do TOKEN[$user]=$(token "$user"); done
# a comment for everyone to vote on
target=$(curl -fsS -H "Authorization: Bearer ${TOKEN[alice]}" -H 'Content-Type: application/json' \
    --data '{"body":"vote on me"}' "$APP/api/questions/$question/comments" | jq -r .id)

# --- production headers and cookies, while everything is up: a browser-style sign-in through Keycloak ---
jar="$WORK/browser.cookies"
login_page=$(curl -sS -c "$jar" -b "$jar" -L --max-redirs 5 "$APP/login?redirect=/")
action=$(grep -o 'action="[^"]*"' <<<"$login_page" | head -1 | sed 's/^action="//; s/"$//; s/&amp;/\&/g' || true)
[[ -n "$action" ]] || die "no Keycloak login form behind $APP/login"
curl -sS -c "$jar" -b "$jar" -L --max-redirs 5 -D "$WORK/signin.head" -o "$WORK/signin.html" \
    --data-urlencode username=carol --data-urlencode password=carol "$action"
grep -Eq 'Signed in as (<a [^>]*>)?<strong>carol</strong>' "$WORK/signin.html" || die "the browser-style sign-in did not work"
session_cookies=$(tr -d '\r' <"$WORK/signin.head" | grep -i '^set-cookie: q_session' || true)
[[ -n "$session_cookies" ]] || die "no session cookie was set"
while read -r line; do
    lower=${line,,}
    [[ "$lower" == *"; secure"* && "$lower" == *"httponly"* && "$lower" == *"samesite=lax"* ]] \
        || die "a session cookie lacks Secure, HttpOnly or SameSite=Lax in production: ${line:0:80}"
    (( ${#line} - 12 <= 4096 )) || die "a session cookie is larger than 4096 bytes"
done <<<"$session_cookies"
hsts=$(curl -sS -D - -o /dev/null "$APP/" | tr -d '\r' | grep -i '^strict-transport-security:' || true)
[[ -n "$hsts" ]] || die "no Strict-Transport-Security header in production"
say "0. production: session cookies Secure, HttpOnly, SameSite=Lax, each <= 4096 bytes; $hsts"

# --- the load: writers post comments (retrying each one with the same Idempotency-Key until it is acknowledged)
# and flip their vote (retrying until acknowledged); every acknowledgement goes into the writer's ledger ---
writer() {
    local user=$1 phase=$2 ledger="$WORK/$2.$1.ledger" n code key body value out="$WORK/$2.$1.out"
    for n in $(seq 1 "$WRITES"); do
        key=$(cat /proc/sys/kernel/random/uuid)
        body="rel $phase $user $n $key"
        while :; do
            code=$(curl -sS --max-time 10 -o "$out" -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[$user]}" \
                -H 'Content-Type: application/json' -H "Idempotency-Key: $key" --data "{\"body\":\"$body\"}" \
                "$APP/api/questions/$question/comments" 2>/dev/null) || code=000
            echo "comment $code" >>"$WORK/$phase.statuses"
            if [[ "$code" == 201 ]]; then echo "comment $(jq -r .id <"$out") $body" >>"$ledger"; break; fi
            sleep 0.2
        done
        value=$(( n % 2 == 0 ? 1 : -1 ))
        while :; do
            code=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer ${TOKEN[$user]}" \
                -H 'Content-Type: application/json' --data "{\"value\":$value}" "$APP/api/comments/$target/vote" 2>/dev/null) || code=000
            echo "vote $code" >>"$WORK/$phase.statuses"
            if [[ "$code" == 200 ]]; then echo "vote $value" >>"$ledger"; break; fi
            sleep 0.2
        done
    done
}
run_load() { LOAD_PIDS=(); for user in bob carol; do writer "$user" "$1" & LOAD_PIDS+=($!); done; }
wait_load() { local pid; for pid in "${LOAD_PIDS[@]}"; do wait "$pid"; done; LOAD_PIDS=(); }
# every acknowledged comment exists once with its text; each writer's vote is the last one acknowledged
check_ledger() {
    local phase=$1 user acked missing dupes last stored
    for user in bob carol; do
        acked=$(grep -c '^comment ' "$WORK/$phase.$user.ledger" || true)
        (( acked == WRITES )) || die "$phase: $user has $acked acknowledged comments, expected $WRITES"
        missing=0
        while read -r _ id body; do
            stored=$(sql "select body from comment where id = $id")
            [[ "$stored" == "$body" ]] || missing=$((missing + 1))
        done < <(grep '^comment ' "$WORK/$phase.$user.ledger")
        (( missing == 0 )) || die "$phase: $missing acknowledged comments of $user are missing or changed"
        dupes=$(sql "select count(*) from (select body from comment where body like 'rel $phase $user %' group by body having count(*) > 1) d")
        (( dupes == 0 )) || die "$phase: $dupes comments of $user were stored twice"
        last=$(grep '^vote ' "$WORK/$phase.$user.ledger" | tail -1 | cut -d' ' -f2)
        stored=$(sql "select v.value from comment_vote v join member m on m.id = v.member_id where m.username = '$user' and v.comment_id = $target")
        [[ "$stored" == "$last" ]] || die "$phase: $user's last acknowledged vote was $last, the database has '$stored'"
    done
    local ups downs
    read -r ups downs < <(sql "select ups, downs from comment where id = $target" | tr '|' ' ')
    [[ "$ups" == "$(sql "select count(*) from comment_vote where comment_id = $target and value = 1")" \
        && "$downs" == "$(sql "select count(*) from comment_vote where comment_id = $target and value = -1")" ]] \
        || die "$phase: the vote tally ($ups/$downs) does not match the vote rows"
}

# ============ 1. PostgreSQL crashes mid-load ============
: >"$WORK/db.statuses"
run_load db
sleep 3
scripts/postgres.sh crash "$WORK/postgres"
crashed_at=$(now)
# probe while it is down: API and page, status, Retry-After, content type
for _ in 1 2 3 4 5 6; do
    curl -sS --max-time 5 -o "$WORK/probe.api.body" -D "$WORK/probe.api.head" "$APP/api/articles/$slug" >/dev/null 2>&1 || true
    curl -sS --max-time 5 -o "$WORK/probe.page.body" -D "$WORK/probe.page.head" "$APP/articles/$slug" >/dev/null 2>&1 || true
    api_head=$(tr -d '\r' <"$WORK/probe.api.head" | tr 'A-Z' 'a-z')
    page_head=$(tr -d '\r' <"$WORK/probe.page.head" | tr 'A-Z' 'a-z')
    sleep 0.5
done
grep -q '^http/1.1 503' <<<"$api_head" && grep -q '^retry-after: ' <<<"$api_head" && grep -q '^content-type: application/problem+json' <<<"$api_head" \
    || die "during the outage the API did not answer 503 + Retry-After + problem+json: $(head -c 300 "$WORK/probe.api.head")"
grep -q '^http/1.1 503' <<<"$page_head" && grep -q '^retry-after: ' <<<"$page_head" && grep -q '^content-type: text/html' <<<"$page_head" \
    || die "during the outage the page did not answer 503 + Retry-After + HTML: $(head -c 300 "$WORK/probe.page.head")"
grep -qi 'reach its database' "$WORK/probe.page.body" || die "the outage page does not say what is wrong"
down_for=$(elapsed "$crashed_at" "$(now)")
scripts/postgres.sh start "$WORK/postgres" "$PG_PORT" >/dev/null
back_at=$(now)
until [[ $(curl -sS --max-time 2 -o /dev/null -w '%{http_code}' "$APP/api/articles/$slug" 2>/dev/null || true) == 200 ]]; do
    (( $(awk -v s="$(elapsed "$back_at" "$(now)")" 'BEGIN { print (s > 30) }') )) && die "Agora did not recover within 30 s of the database returning"
    sleep 0.1
done
recovered_in=$(elapsed "$back_at" "$(now)")
wait_load
check_ledger db
errors=$(grep -cv ' \(201\|200\|503\|000\)$' "$WORK/db.statuses" || true)
refused=$(grep -c ' 503$' "$WORK/db.statuses" || true)
(( errors == 0 )) || die "during the database outage some writes got answers other than 201/200/503: $(grep -v ' \(201\|200\|503\|000\)$' "$WORK/db.statuses" | sort | uniq -c | tr '\n' ' ')"
(( $(awk -v s="$recovered_in" 'BEGIN { print (s <= 10) }') )) || die "recovery took ${recovered_in}s (> 10 s)"
say "1. database crash: down ${down_for}s, API and pages answered 503 + Retry-After; served again ${recovered_in}s after the database returned; $((2 * WRITES)) comments + $((2 * WRITES)) votes acknowledged, 0 lost, 0 duplicated; $refused writes refused with 503 and retried"

# ============ 2. the app is killed with SIGKILL mid-load ============
: >"$WORK/kill.statuses"
run_load kill
sleep 3
kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
killed_at=$(now)
start_app
wait_ready
restarted_in=$(elapsed "$killed_at" "$(now)")
wait_load
check_ledger kill
errors=$(grep -cv ' \(201\|200\|503\|000\)$' "$WORK/kill.statuses" || true)
(( errors == 0 )) || die "around the app crash some writes got unexpected answers: $(grep -v ' \(201\|200\|503\|000\)$' "$WORK/kill.statuses" | sort | uniq -c | tr '\n' ' ')"
say "2. app SIGKILL: restarted and ready in ${restarted_in}s; $((2 * WRITES)) comments + $((2 * WRITES)) votes acknowledged, 0 lost, 0 duplicated; $(grep -c ' 000$' "$WORK/kill.statuses" || true) requests found no server and were retried"

# ============ 3. Keycloak down ============
api_token=$(token bob)
scripts/keycloak.sh stop "$WORK/keycloak"
for path in / "/articles/$slug" "/articles/$slug/questions/$question" /api/articles; do
    code=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' "$APP$path")
    [[ "$code" == 200 ]] || die "with Keycloak down, $path answered $code"
done
code=$(curl -sS --max-time 15 -o "$WORK/login-down.html" -D "$WORK/login-down.head" -w '%{http_code}' "$APP/login?redirect=/")
[[ "$code" == 503 ]] && grep -q 'Sign-in unavailable' "$WORK/login-down.html" && grep -qi '^retry-after:' "$WORK/login-down.head" \
    || die "with Keycloak down, /login answered $code without the 'sign-in unavailable' page"
code=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $api_token" \
    -H 'Content-Type: application/json' --data '{"value":1}' "$APP/api/questions/$question/vote")
[[ "$code" == 200 ]] || die "with Keycloak down, a valid bearer token got $code"
curl -sS -b "$jar" "$APP/" | grep -Eq 'Signed in as (<a [^>]*>)?<strong>carol</strong>' || die "with Keycloak down, a signed-in browser session stopped working"
say "3. Keycloak down: public pages and API 200; /login 503 'Sign-in unavailable' with Retry-After; a valid token and a browser session keep working"

say "PASSED in $((SECONDS - started)) s: database crash recovered in ${recovered_in}s, app crash restarted in ${restarted_in}s, 0 acknowledged writes lost, 0 duplicates; Keycloak outage served"
