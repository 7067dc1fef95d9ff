#!/usr/bin/env bash
# Proves on one machine that Agora scales out: two app instances (the packaged jar) on one PostgreSQL and one
# Keycloak, behind HAProxy (round robin) on loopback, all on free ports, then checks:
#   1. session:  a browser-style sign-in through the balancer (code flow; the redirect and the callback may land on
#                different instances) gives a session and a CSRF-protected form that work on either instance;
#   2. failover: under a bounded write load (comment posts with bearer tokens through the balancer), kill -9 one
#                instance; every acknowledged (201) comment exists afterwards, and the survivor takes the traffic;
#   3. rolling:  restart both instances one after the other (SIGTERM, graceful) under steady load: no request fails;
#                an SSE stream open on the instance that stops is closed by it (so the browser reconnects elsewhere).
#   live:        a comment posted through instance a reaches an SSE subscriber connected to instance b (LISTEN/NOTIFY).
#
#   scripts/scale-out-check.sh        (needs target/quarkus-app/quarkus-run.jar: ./mvnw package -DskipTests)
#
# Settings (environment): AGORA_LOCAL_DIR (Keycloak install, as for run.sh), AGORA_SCALE_DIR (work folder, default
# target/scale-out), AGORA_LOAD_SECONDS (length of each load phase, default 20). Everything listens on 127.0.0.1
# only, the load is bounded in time and volume, and everything started here is stopped on exit.
# Prints "scale-out: ..." progress and a final summary line; exits non-zero when a check fails.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
export AGORA_LOCAL_DIR=${AGORA_LOCAL_DIR:-$REPO/.agora}
WORK=${AGORA_SCALE_DIR:-$REPO/target/scale-out}
LOAD_SECONDS=${AGORA_LOAD_SECONDS:-20}
JAR="$REPO/target/quarkus-app/quarkus-run.jar"
CLIENT_SECRET=agora-demo-secret-change-me   # the demo realm's published DEMO secret

say() { echo "scale-out: $*" >&2; }
trap 'echo "scale-out: FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR
die() { echo "scale-out: FAILED: $*" >&2; exit 1; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

command -v haproxy >/dev/null 2>&1 || die "haproxy is not installed (apt-get install haproxy)"
command -v curl >/dev/null 2>&1 || die "curl is not installed"
command -v jq >/dev/null 2>&1 || die "jq is not installed (apt-get install jq)"
[[ -f "$JAR" ]] || die "no $JAR; build it first: ./mvnw -B package -DskipTests"

rm -rf "$WORK"
mkdir -p "$WORK"

# Free ports, from the kernel: bind port 0 and read what it chose (python3 is on every Debian).
read -r PG_PORT KC_PORT KC_MGMT LB_PORT A_PORT B_PORT A_MGMT B_MGMT < <(python3 - <<'EOF'
import socket
socks = [socket.socket() for _ in range(8)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
EOF
)
LB="http://localhost:$LB_PORT"

declare -A APP_PID=()
HAPROXY_PID=""
LOAD_PIDS=()
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for pid in "${LOAD_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for name in "${!APP_PID[@]}"; do
        kill -KILL "${APP_PID[$name]}" 2>/dev/null || true
        wait "${APP_PID[$name]}" 2>/dev/null || true
    done
    [[ -n "$HAPROXY_PID" ]] && kill "$HAPROXY_PID" 2>/dev/null || true
    scripts/keycloak.sh stop "$WORK/keycloak" >/dev/null 2>&1 || true
    scripts/postgres.sh stop "$WORK/postgres" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$SECONDS
# --- servers: one PostgreSQL, one Keycloak ---
scripts/keycloak.sh install
scripts/keycloak.sh start "$KC_PORT" "$KC_MGMT" "$WORK/keycloak"
JDBC_URL=$(scripts/postgres.sh start "$WORK/postgres" "$PG_PORT")
scripts/keycloak.sh wait "$KC_MGMT" 240 "$WORK/keycloak"
REALM="http://localhost:$KC_PORT/realms/agora"

# the demo realm allows redirects to ports 8080-8089 only: allow the balancer's port too
scripts/keycloak.sh allow-redirect "$KC_PORT" "$LB/*"
say "servers up in $((SECONDS - started)) s: PostgreSQL :$PG_PORT, Keycloak :$KC_PORT, balancer $LB"

# --- the two instances: same jar, same config, same shared secrets; only the port differs ---
# The write load posts as a few demo users far faster than a person may; the per-person rate limits (which would
# answer 429) are raised here because this check is about losing writes, not about pacing people.
# health and metrics are on each instance's management port
start_app() {
    local name=$1 port=$2 mgmt=$3
    QUARKUS_HTTP_PORT=$port \
    QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT=$mgmt QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    QUARKUS_OIDC_AUTH_SERVER_URL=$REALM QUARKUS_OIDC_CREDENTIALS_SECRET=$CLIENT_SECRET \
    AGORA_SESSION_SECRET=scale-out-DEMO-session-secret-0123456789abcdef \
    AGORA_CSRF_SECRET=scale-out-DEMO-csrf-signing-key-0123456789abcdef \
    AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET=agora-DEMO-user-admin-secret-not-for-production \
    QUARKUS_SHUTDOWN_DELAY=3s \
    AGORA_RATE_LIMITS_COMMENTS=1000000 AGORA_RATE_LIMITS_VOTES=1000000 AGORA_RATE_LIMITS_REACTIONS=1000000 \
        java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$JAR" >>"$WORK/$name.log" 2>&1 &
    APP_PID[$name]=$!
}
wait_ready() {
    local name=$1 mgmt=$2 deadline=$((SECONDS + 90))
    until curl -fsS --max-time 2 "http://127.0.0.1:$mgmt/q/health/ready" >/dev/null 2>&1; do
        kill -0 "${APP_PID[$name]}" 2>/dev/null || { tail -n 40 "$WORK/$name.log" >&2; die "instance $name exited while starting"; }
        (( SECONDS < deadline )) || { tail -n 40 "$WORK/$name.log" >&2; die "instance $name not ready after 90 s"; }
        sleep 0.3
    done
}
start_app a "$A_PORT" "$A_MGMT"
wait_ready a "$A_MGMT"       # one at a time: the first one migrates the schema and posts the seed
start_app b "$B_PORT" "$B_MGMT"
wait_ready b "$B_MGMT"
say "instances a (:$A_PORT) and b (:$B_PORT) ready at $((SECONDS - started)) s"

# --- the balancer: round robin, health checks on readiness, retries and redispatch of refused connections ---
cat >"$WORK/haproxy.cfg" <<EOF
global
    log stdout format raw local0 warning
defaults
    mode http
    log global
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch 1
    # a request whose connection was refused or reset before any answer is retried on the other instance
    retry-on conn-failure empty-response response-timeout
frontend web
    bind 127.0.0.1:$LB_PORT
    default_backend agora
backend agora
    balance roundrobin
    option httpchk GET /q/health/ready
    http-check expect status 200
    default-server inter 500ms fall 1 rise 2
    http-response set-header X-Served-By %s
    server a 127.0.0.1:$A_PORT check port $A_MGMT
    server b 127.0.0.1:$B_PORT check port $B_MGMT
EOF
haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
for _ in $(seq 1 50); do port_in_use "$LB_PORT" && break; sleep 0.1; done
port_in_use "$LB_PORT" || { cat "$WORK/haproxy.log" >&2; die "HAProxy did not start"; }
sleep 1.5   # two passing health checks per server

# ============ 1. a session made through one instance works on the other ============
jar="$WORK/browser.cookies"
# the sign-in, through the balancer: /login -> Keycloak's login page -> post the form -> callback -> /
login_page=$(curl -sS -c "$jar" -b "$jar" -L --max-redirs 5 "$LB/login")
action=$(grep -o 'action="[^"]*"' <<<"$login_page" | head -1 | sed 's/^action="//; s/"$//; s/&amp;/\&/g' || true)
[[ -n "$action" ]] || die "no Keycloak login form behind $LB/login"
final=$(curl -sS -c "$jar" -b "$jar" -L --max-redirs 5 -o "$WORK/after-login.html" -w '%{http_code} %{url_effective}' \
    --data-urlencode username=alice --data-urlencode password=alice "$action")
[[ "$final" == "200 $LB/"* ]] || die "sign-in through the balancer ended at '$final'"
# the same cookies, now pinned to each instance directly (the cookie jar is per host, not per port)
for target in "a $A_PORT" "b $B_PORT"; do
    read -r name port <<<"$target"
    page=$(curl -sS -b "$jar" "http://localhost:$port/")
    grep -q 'alice' <<<"$page" || die "instance $name does not recognise the session made through the balancer"
done
# a form rendered by a, posted to b: the CSRF token signed by one instance is accepted by the other
slug=$(curl -fsS "http://127.0.0.1:$A_PORT/api/articles" | jq -r '.[0].slug')
question_id=$(curl -fsS "http://127.0.0.1:$A_PORT/api/articles/$slug" | jq -r '.questions[0].id')
question_path="/articles/$slug/questions/$question_id"
form_page=$(curl -sS -b "$jar" -c "$jar" "http://localhost:$A_PORT$question_path")
csrf=$(grep -o 'name="csrf-token" value="[^"]*"' <<<"$form_page" | head -1 | sed 's/.*value="//; s/"$//' || true)
form_key=$(grep -o 'name="submissionKey" value="[^"]*"' <<<"$form_page" | head -1 | sed 's/.*value="//; s/"$//' || true)
form_action="$question_path/comments"
[[ -n "$csrf" && -n "$form_action" ]] || die "no comment form with a CSRF token on $question_path (signed in?)"
marker="posted-through-b-$RANDOM$RANDOM"
code=$(curl -sS -b "$jar" -c "$jar" -o /dev/null -D "$WORK/form-post.head" -w '%{http_code}' --data-urlencode "csrf-token=$csrf" \
    ${form_key:+--data-urlencode "submissionKey=$form_key"} --data-urlencode "body=$marker" \
    "http://localhost:$B_PORT$form_action")
[[ "$code" == 303 ]] || die "the form rendered by a and posted to b answered $code, not 303"
shown=$(curl -sS -b "$jar" -D "$WORK/question-on-a.head" -o "$WORK/question-on-a.html" -w '%{http_code} %{redirect_url}' \
    "http://localhost:$A_PORT$question_path")
grep -q "$marker" "$WORK/question-on-a.html" \
    || die "the comment posted through b is not shown by a: the page answered '$shown'; the POST to b answered $(tr -d '\r' <"$WORK/form-post.head" | grep -i '^location' || true) (see $WORK/form-post.head, question-on-a.*)"
say "1. session: signed in through the balancer; the session works on a and on b; a form from a posts on b (303)"

# ============ load: comment posts with bearer tokens through the balancer ============
token() {
    curl -fsS -d grant_type=password -d client_id=agora-web -d "client_secret=$CLIENT_SECRET" \
        -d "username=$1" -d "password=$1" "$REALM/protocol/openid-connect/token" | jq -r .access_token
}

# ============ live: an event posted on a reaches an SSE subscriber on b ============
events_path="/live/articles/$slug/questions/$question_id/events"
curl -sSN --max-time 30 "http://127.0.0.1:$B_PORT$events_path" >"$WORK/sse-on-b.txt" 2>/dev/null &
sse_pid=$!
for _ in $(seq 1 50); do grep -q '^event:ready' "$WORK/sse-on-b.txt" 2>/dev/null && break; sleep 0.1; done
grep -q '^event:ready' "$WORK/sse-on-b.txt" || die "no SSE stream from b at $events_path"
live_id=$(curl -fsS -H "Authorization: Bearer $(token alice)" -H 'Content-Type: application/json' \
    --data '{"body":"live across instances"}' "http://127.0.0.1:$A_PORT/api/questions/$question_id/comments" | jq -r .id)
t0=$(date +%s%N)
for _ in $(seq 1 100); do grep -q "\"comment\":$live_id[,}]" "$WORK/sse-on-b.txt" && break; sleep 0.1; done
live_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
kill "$sse_pid" 2>/dev/null || true
wait "$sse_pid" 2>/dev/null || true
grep -q "\"comment\":$live_id[,}]" "$WORK/sse-on-b.txt" \
    || die "comment $live_id posted on a did not reach the SSE subscriber on b in 10 s (see $WORK/sse-on-b.txt)"
say "live: comment $live_id posted on a reached an SSE subscriber on b (seen after ${live_ms} ms)"
# one writer: posts for SECONDS seconds, one line per request: "<status> <served-by> <comment id or ->"
writer() {
    local user=$1 out=$2 tok n=0 end
    tok=$(token "$user")
    end=$((SECONDS + MAX_LOAD_SECONDS))
    while [[ ! -f "$WORK/stop-load" ]] && (( SECONDS < end && n < 3000 )); do
        n=$((n + 1))
        curl -sS --max-time 10 -o "$out.body" -D "$out.head" -w '%{http_code}\n' \
            -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
            -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
            --data "{\"body\":\"load $user $n\"}" "$LB/api/questions/$question_id/comments" >"$out.code" 2>/dev/null \
            || echo 000 >"$out.code"
        local status served id
        status=$(cat "$out.code")
        served=$(tr -d '\r' <"$out.head" 2>/dev/null | sed -n 's/^[Xx]-[Ss]erved-[Bb]y: //p' | head -1 || true)
        id=$( [[ "$status" == 201 ]] && jq -r .id <"$out.body" 2>/dev/null || echo -)
        echo "$status ${served:-?} $id" >>"$out"
    done
}
reader() {
    local out=$1 n=0 end
    end=$((SECONDS + MAX_LOAD_SECONDS))
    while [[ ! -f "$WORK/stop-load" ]] && (( SECONDS < end && n < 6000 )); do
        n=$((n + 1))
        curl -sS --max-time 10 -o /dev/null -w '%{http_code}\n' "$LB/api/questions/$question_id/comments?sort=new" \
            >>"$out" 2>/dev/null || echo 000 >>"$out"
    done
}
# Load runs until stop_load (or MAX_LOAD_SECONDS, or a request cap): two writers and a reader, one request at a time each.
MAX_LOAD_SECONDS=120
run_load() {
    local phase=$1
    rm -f "$WORK/stop-load"
    LOAD_PIDS=()
    writer bob "$WORK/$phase.bob" & LOAD_PIDS+=($!)
    writer carol "$WORK/$phase.carol" & LOAD_PIDS+=($!)
    reader "$WORK/$phase.reads" & LOAD_PIDS+=($!)
}
stop_load() { local pid; touch "$WORK/stop-load"; for pid in "${LOAD_PIDS[@]}"; do wait "$pid" || true; done; LOAD_PIDS=(); }
count() { awk -v want="$2" '$1 == want' "$1" 2>/dev/null | wc -l; }
failed() { awk '$1 !~ /^(200|201)$/' "$@" 2>/dev/null | wc -l; }

# ============ 2. kill -9 one instance mid-load ============
phase_started=$SECONDS
run_load failover
sleep $((LOAD_SECONDS / 3))
kill -KILL "${APP_PID[a]}"
wait "${APP_PID[a]}" 2>/dev/null || true
unset 'APP_PID[a]'
killed_at=$((SECONDS - phase_started))
sleep $((LOAD_SECONDS - LOAD_SECONDS / 3))
stop_load
writes=$(cat "$WORK/failover.bob" "$WORK/failover.carol")
acked=$(awk '$1 == 201 {print $3}' <<<"$writes" | sort)   # lexical order: what comm expects
acked_count=$(grep -c . <<<"$acked" || true)
failover_failed=$(awk '$1 != 201' <<<"$writes" | grep -c . || true)
read_failed=$(failed "$WORK/failover.reads")
# every acknowledged comment is in the database, with the body the writer sent
# (the thread API answers at most 500 comments a page: read every page)
stored=$(offset=0; while page=$(curl -fsS "http://127.0.0.1:$B_PORT/api/questions/$question_id/comments?sort=new&limit=500&offset=$offset") \
        && [[ $(jq length <<<"$page") -gt 0 ]]; do jq -r '.[].id' <<<"$page"; offset=$((offset + 500)); done | sort)
missing=$(comm -23 <(echo "$acked") <(echo "$stored") | grep -c . || true)
# after the kill (plus HAProxy's detection), b serves everything
late_on_a=$(tail -n 20 "$WORK/failover.bob" | awk '$2 == "a"' | grep -c . || true)
served_a=$(awk '$2 == "a"' <<<"$writes" | grep -c . || true)
served_b=$(awk '$2 == "b"' <<<"$writes" | grep -c . || true)
say "2. failover: killed a at ${killed_at}s of ${LOAD_SECONDS}s; writes: $acked_count acknowledged (a: $served_a, b: $served_b), $failover_failed not acknowledged, $missing acknowledged but missing; reads failed: $read_failed"
(( acked_count > 20 )) || die "too few writes were acknowledged ($acked_count) to prove anything"
(( missing == 0 )) || die "$missing acknowledged comments are missing after the kill"
(( served_a > 0 && served_b > 0 )) || die "the balancer did not spread the load before the kill (a: $served_a, b: $served_b)"
(( late_on_a == 0 )) || die "requests were still served by the killed instance"

# ============ 3. rolling restart under steady load: zero failed requests ============
start_app a "$A_PORT" "$A_MGMT"
wait_ready a "$A_MGMT"
sleep 1.5   # HAProxy marks it up (rise 2 at 500 ms)
phase_started=$SECONDS
run_load rolling
sleep 3
for name in b a; do
    port=$([[ $name == a ]] && echo "$A_PORT" || echo "$B_PORT")
    mgmt=$([[ $name == a ]] && echo "$A_MGMT" || echo "$B_MGMT")
    # an open live-update stream on the instance that stops must be closed by it, not left to time out
    curl -sSN --max-time 60 "http://127.0.0.1:$port$events_path" >"$WORK/sse-$name-stop.txt" 2>/dev/null &
    sse_pid=$!
    for _ in $(seq 1 50); do grep -q '^event:ready' "$WORK/sse-$name-stop.txt" 2>/dev/null && break; sleep 0.1; done
    t0=$SECONDS
    kill -TERM "${APP_PID[$name]}"
    # the stream must end while the instance is still draining (readiness DOWN), not when its process ends
    closed_early=no
    for _ in $(seq 1 25); do
        if ! kill -0 "$sse_pid" 2>/dev/null; then
            kill -0 "${APP_PID[$name]}" 2>/dev/null && closed_early=yes
            break
        fi
        sleep 0.1
    done
    wait "${APP_PID[$name]}" 2>/dev/null || true
    stop_s=$((SECONDS - t0))
    kill "$sse_pid" 2>/dev/null || true
    wait "$sse_pid" 2>/dev/null || true
    [[ $closed_early == yes ]] || die "the SSE stream on $name was not closed at the start of its graceful stop"
    grep -q '^event:ready' "$WORK/sse-$name-stop.txt" || die "no SSE stream was open on $name before its stop"
    start_app "$name" "$port" "$mgmt"
    wait_ready "$name" "$mgmt"
    sleep 1.5
    say "   restarted $name (graceful stop ${stop_s}s, its SSE stream closed) at $((SECONDS - phase_started))s"
done
sleep 2
stop_load
rolling_total=$(cat "$WORK/rolling.bob" "$WORK/rolling.carol" "$WORK/rolling.reads" | grep -c .)
rolling_failed=$( { awk '$1 != 201' "$WORK/rolling.bob" "$WORK/rolling.carol"; awk '$1 != 200' "$WORK/rolling.reads"; } | grep -c . || true)
say "3. rolling restart: $rolling_total requests in $((SECONDS - phase_started))s, $rolling_failed failed"
if (( rolling_failed > 0 )); then
    { awk '$1 != 201' "$WORK/rolling.bob" "$WORK/rolling.carol"; awk '$1 != 200' "$WORK/rolling.reads"; } | sort | uniq -c >&2
    die "$rolling_failed requests failed during the rolling restart"
fi
# production logs: one JSON object per line
head -n 1 "$WORK/b.log" | jq -e '.level and .message' >/dev/null || die "the instances' logs are not JSON lines (prod profile)"
say "PASSED in $((SECONDS - started)) s: session shared; live event a -> b in ${live_ms} ms; failover lost 0 of $acked_count acknowledged writes ($failover_failed unacknowledged); rolling restart failed 0 of $rolling_total requests"
