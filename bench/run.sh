#!/usr/bin/env bash
# The Agora benchmark, in one command (issue 7; design and how to read the results: bench/README.md).
#
#   bench/run.sh [--quick] [--duration SECONDS] [--users N] [--skip-build] [--keep-running]
#
# On one machine, without Docker, it:
#   1. installs what it lacks (apt: wrk, nginx-light, postgresql-contrib for pgbench, jq, curl);
#   2. builds the app (./mvnw package, skipped with --skip-build when a build exists);
#   3. starts its own PostgreSQL (fresh database each run) and Keycloak (kept between runs) with scripts/postgres.sh
#      and scripts/keycloak.sh, on ports that don't clash with scripts/run.sh or the tests: PostgreSQL 5495,
#      Keycloak 8295/9295, the app 8095 (management 9195), nginx 8096;
#   4. starts the packaged app as production runs it (prod profile, heap sized for the container memory limit of
#      k8s/), generates the data (bench/generate-data.sh), restarts the app three times and times start -> ready (the median counts);
#   5. creates 2,000 of the members in Keycloak (--users) and fetches a real access token for each (bench/keycloak-users.sh),
#      before anything is timed;
#   6. runs scenarios A-F with wrk (2 threads, 32 connections, same settings for everything), nginx serving the very
#      same bytes of pages A and B from disk, and pgbench (32 clients) running the app's vote SQL;
#   7. checks that every tally equals its rows, and writes bench/results/<date>.md.
#
# --quick: 8 s per scenario (about 5 min); the default is 20 s per scenario; both sign in 2,000 members (--users)
# (about 8 min on 2 cores; the first run also creates the members in Keycloak: 15-18 min). Settings: AGORA_LOCAL_DIR (Keycloak install,
# default <repo>/.agora), BENCH_STATE (servers' data, default bench/.work), BENCH_CONNECTIONS (32).
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(dirname "$BENCH")
cd "$REPO"
export AGORA_LOCAL_DIR=${AGORA_LOCAL_DIR:-$REPO/.agora}
STATE=${BENCH_STATE:-$BENCH/.work}
DURATION=20
USERS=2000
QUICK=false
SKIP_BUILD=false
KEEP=false
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=2
PG_PORT=5495; KC_PORT=8295; KC_MGMT=9295; APP_PORT=8095; APP_MGMT=9195; NGINX_PORT=8096
SLUG=why-is-nato-expanding-its-reach-to-the-asia-pacific-region

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) QUICK=true; DURATION=8 ;;
        --duration) DURATION=$2; shift ;;
        --users) USERS=$2; shift ;;
        --skip-build) SKIP_BUILD=true ;;
        --keep-running) KEEP=true ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

say() { echo "bench: $(date +%T) $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
T0=$(date +%s)
# the commit, as the run starts with it: the code, the JVM options and archive training (docker/, scripts/) and a
# replica's settings (k8s/) all count (edits made while it runs don't change what it measured)
COMMIT=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src migrations pom.xml bench docker k8s scripts 2>/dev/null || echo " (with uncommitted changes)")

# --- 1. tools ---
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v pgbench >/dev/null || [[ -x /usr/lib/postgresql/15/bin/pgbench ]] || missing+=(postgresql-contrib)
command -v jq >/dev/null || missing+=(jq)
command -v curl >/dev/null || missing+=(curl)
if [[ ${#missing[@]} -gt 0 ]]; then
    say "installing ${missing[*]}"
    sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo -n)
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
        || { "${sudo_cmd[@]}" apt-get update -q >/dev/null && "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; } \
        || die "could not install ${missing[*]}; install them and run again"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PGBENCH=$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)
PSQL=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)
psql_bench() { "$PSQL" -X -q -tA -h 127.0.0.1 -p "$PG_PORT" -U postgres -d agora "$@"; }

for port in $APP_PORT $APP_MGMT $NGINX_PORT; do
    port_in_use "$port" && die "port $port is taken; is another benchmark running? (stop it first)"
done

mkdir -p "$STATE" "$BENCH/results"
STATE=$(cd "$STATE" && pwd -P)
exec 9>"$STATE/run.lock"
flock -n 9 || die "another bench/run.sh is running (lock $STATE/run.lock)"
OUT="$STATE/out"; rm -rf "$OUT"; mkdir -p "$OUT"
chmod o+x "$STATE" "$OUT"

# --- cleanup of everything this script starts ---
app_pid=""; nginx_started=false; pg_started=false; kc_started=false; sampler_pid=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null || true
    $nginx_started && { kill "$(cat "$OUT/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null || true; }   # its port would block the next run
    if ! $KEEP; then
        stop_app
        $kc_started && scripts/keycloak.sh stop "$STATE/keycloak" || true
        $pg_started && scripts/postgres.sh stop "$STATE/postgres" || true
    else
        say "--keep-running: app http://localhost:$APP_PORT (pid $app_pid), PostgreSQL $PG_PORT, Keycloak $KC_PORT left running"
    fi
    exit "$status"
}
stop_app() {
    if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill -TERM "$app_pid" 2>/dev/null || true
        for _ in $(seq 1 200); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    app_pid=""
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 2. build ---
if $SKIP_BUILD && [[ -f target/quarkus-app/quarkus-run.jar ]]; then
    say "--skip-build: using target/quarkus-app"
else
    say "building (./mvnw -B -q package -DskipTests, then the AppCDS archive with scripts/app-cds.sh, as docker/Dockerfile does)"
    ./mvnw -B -q package -DskipTests >"$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log" >&2; die "build failed"; }
    rm -f target/quarkus-app/app-cds.jsa
fi
# an archive older than the jars it was trained on is ignored class by class (after --skip-build, say), so train again
if [[ ! -f target/quarkus-app/app-cds.jsa || -n $(find target/quarkus-app -name '*.jar' -newer target/quarkus-app/app-cds.jsa | head -1) ]]; then
    scripts/app-cds.sh target/quarkus-app >>"$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log" >&2; die "the AppCDS training run failed"; }
fi

# --- 3. servers ---
if ! running=$(scripts/keycloak.sh status "$STATE/keycloak" 2>/dev/null); then
    scripts/keycloak.sh install
    port_in_use "$KC_PORT" && die "port $KC_PORT (Keycloak) is taken"
    scripts/keycloak.sh start "$KC_PORT" "$KC_MGMT" "$STATE/keycloak" 9>&-   # the lock stays with this script, not with a server that outlives it
    kc_started=true
else
    say "reusing the benchmark's Keycloak ($running)"
fi
scripts/postgres.sh stop "$STATE/postgres" >/dev/null 2>&1 || true
rm -rf "$STATE/postgres"      # a fresh database every run: the same data, the same results
JDBC=$(scripts/postgres.sh start "$STATE/postgres" "$PG_PORT" 9>&-)
pg_started=true
scripts/keycloak.sh wait "$KC_MGMT" 300 "$STATE/keycloak"

# --- 4. the app, as production runs it ---
# Production (docker/Dockerfile, k8s/) starts the app with the image's run-java.sh, which runs, from /deployments
# (JAVA_APP_DIR):
#   java -XX:MaxRAMPercentage=$JAVA_MAX_MEM_RATIO $GC_CONTAINER_OPTIONS -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20
#        -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError $JAVA_OPTS_APPEND -jar ...
# in a container whose memory limit (k8s/base/deployment.yaml) the JVM sees as its RAM (here -XX:MaxRAM). The same
# command runs here, every value read from the Dockerfile and the Deployment so the two can't drift apart, from
# target/quarkus-app: the AppCDS archive names its jars relative to the folder it was made in, and the JVM ignores
# it when started from anywhere else. The environment is a replica's: every entry of the Deployment's ConfigMap
# (k8s/base/configmap.yaml: connection pool 16, no migration at start, since the agora-migrate Job migrates once per
# rollout), except the addresses of the database and Keycloak, which are this machine's. The first start migrates, as
# that Job does (QUARKUS_FLYWAY_MIGRATE_AT_START=true). Every other setting is the app's production default (prod
# profile), including the per-person rate limits.
dockerfile_env() { sed -n "s/^ENV $1=\"\{0,1\}\([^\"]*\)\"\{0,1\}$/\1/p" docker/Dockerfile; }
LIMIT_MI=$(awk '/limits:/ { limits = 1 } limits && /memory:/ { sub(/Mi/, "", $2); print $2; exit }' k8s/base/deployment.yaml)
GC_OPTS=$(dockerfile_env GC_CONTAINER_OPTIONS)
read -r -a IMAGE_OPTS <<<"$(dockerfile_env JAVA_OPTS_APPEND | sed "s|/deployments/|$REPO/target/quarkus-app/|g; s|-Dquarkus.http.host=0.0.0.0 ||")"
read -r -a RUN_JAVA_OPTS <<<"-XX:MaxRAMPercentage=$(dockerfile_env JAVA_MAX_MEM_RATIO) ${GC_OPTS:--XX:+UseParallelGC} -XX:MinHeapFreeRatio=$(dockerfile_env GC_MIN_HEAP_FREE_RATIO | grep . || echo 10) -XX:MaxHeapFreeRatio=$(dockerfile_env GC_MAX_HEAP_FREE_RATIO | grep . || echo 20) -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError"
JAVA_OPTS=(-XX:MaxRAM="${LIMIT_MI}m" "${RUN_JAVA_OPTS[@]}" "${IMAGE_OPTS[@]}")
MALLOC_ENV=$(grep -o '^ENV MALLOC_[A-Z_]*=[^ ]*' docker/Dockerfile | sed 's/^ENV //' | tr '\n' ' ')
for setting in $MALLOC_ENV; do export "${setting?}"; done
[[ -n "$LIMIT_MI" && -n "$MALLOC_ENV" && ${#IMAGE_OPTS[@]} -gt 3 ]] || die "could not read the production JVM options from docker/Dockerfile and k8s/"
mapfile -t REPLICA_ENV < <(awk '/^data:/ { data = 1; next } data && /^  [A-Z][A-Z0-9_]*: / {
        key = $1; sub(/:$/, "", key); value = $0; sub(/^  [A-Z0-9_]*: */, "", value); gsub(/^"|"$/, "", value)
        print key "=" value }' k8s/base/configmap.yaml | grep -v -E '^(QUARKUS_DATASOURCE_JDBC_URL|QUARKUS_OIDC_AUTH_SERVER_URL)=')
printf '%s\n' "${REPLICA_ENV[@]}" | grep -q '^QUARKUS_DATASOURCE_JDBC_MAX_SIZE=' || die "could not read the replicas' environment from k8s/base/configmap.yaml"
POOL=$(printf '%s\n' "${REPLICA_ENV[@]}" | sed -n 's/^QUARKUS_DATASOURCE_JDBC_MAX_SIZE=//p')
start_app() {
    local log=$1 started ready
    shift
    started=$(date +%s%N)
    ( cd target/quarkus-app && export "${REPLICA_ENV[@]}" "$@" &&
      QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_MANAGEMENT_PORT=$APP_MGMT \
      QUARKUS_DATASOURCE_JDBC_URL=$JDBC QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
      QUARKUS_OIDC_AUTH_SERVER_URL="http://localhost:$KC_PORT/realms/agora" \
      QUARKUS_OIDC_CREDENTIALS_SECRET=agora-demo-secret-change-me \
      AGORA_SESSION_SECRET=agora-DEMO-session-secret-not-for-production \
      AGORA_CSRF_SECRET=agora-DEMO-csrf-signing-key-not-for-production \
      AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET=agora-DEMO-user-admin-secret-not-for-production \
          exec java "${JAVA_OPTS[@]}" -jar "$REPO/target/quarkus-app/quarkus-run.jar" ) >"$log" 2>&1 9>&- &
    app_pid=$!
    for _ in $(seq 1 1200); do
        if curl -fs -o /dev/null "http://127.0.0.1:$APP_MGMT/q/health/ready"; then break; fi
        kill -0 "$app_pid" 2>/dev/null || { tail -30 "$log" >&2; die "the app stopped while starting (log $log)"; }
        sleep 0.05
    done
    ready=$(date +%s%N)
    START_MS=$(( (ready - started) / 1000000 ))
    # a JVM that cannot use the archive says so on its first line and starts without it (slower than production)
    if grep -q 'Unable to use shared archive' "$log"; then say "warning: the JVM did not use the AppCDS archive ($(grep -m1 'shared archive' "$log"))"; fi
}
say "starting the app (migrates the fresh database and seeds the article)"
start_app "$OUT/app-first.log" QUARKUS_FLYWAY_MIGRATE_AT_START=true
say "generating data"
gen_start=$(date +%s)
bench/generate-data.sh "$PG_PORT" "$SLUG" >"$OUT/generate.log" 2>&1 || { cat "$OUT/generate.log" >&2; die "data generation failed"; }
GEN_SECONDS=$(( $(date +%s) - gen_start ))
stop_app
psql_bench -c "checkpoint" >/dev/null
# one start is one sample of a noisy machine: three, and the median counts (the last start's app is the one measured)
START_SAMPLES=()
for start in 1 2 3; do
    (( start == 1 )) || stop_app
    say "restarting the app ($start of 3): JVM start -> ready, database up"
    start_app "$OUT/app.log"
    START_SAMPLES+=("$START_MS")
    STARTED_LOG=$(grep -o 'started in [0-9.]*s' "$OUT/app.log" | head -1 || true)
    say "ready in $START_MS ms ($STARTED_LOG)"
done
MEASURED_START_MS=$(printf '%s\n' "${START_SAMPLES[@]}" | sort -n | sed -n 2p)

# --- 5. members and real tokens, before anything is timed ---
TOKENS="$STATE/tokens-$USERS.txt"
if [[ -f "$TOKENS" && -n $(find "$TOKENS" -mmin -600 2>/dev/null) && $(wc -l <"$TOKENS") -eq $USERS ]]; then
    say "reusing $USERS tokens fetched less than 10 h ago"
else
    kc_start=$(date +%s)
    bench/keycloak-users.sh "http://localhost:$KC_PORT" "$USERS" "$TOKENS"
    say "Keycloak setup took $(( $(date +%s) - kc_start )) s"
fi

# --- the data under test ---
read -r Q500 Q2000 Q5000 < <(psql_bench -F' ' -c "select string_agg(q.id::text, ' ' order by q.position) from question q join article a on a.id = q.article_id where a.slug = '$SLUG' and q.position <= 3")
Q50=$(psql_bench -c "select q.id from question q join article a on a.id = q.article_id where a.slug = '$SLUG-copy' and q.position = 1")
read -r CMIN CMAX < <(psql_bench -F' ' -c "select min(c.id), max(c.id) from comment c where c.question_id in ($Q50, $Q500, $Q2000, $Q5000)")
HOT=$(psql_bench -c "select min(id) from comment where question_id = $Q500 and parent_id is null")
MEMBER_MIN=$(psql_bench -c "select min(id) from member where subject like '00000000-0000-4000-8000-%'")
COUNTS=$(psql_bench -F' | ' -c "select (select count(*) from member), (select count(*) from comment), (select count(*) from comment_vote), (select count(*) from reaction)")
ARTICLE="/articles/$SLUG"
thread() { if [[ "$1" == "$Q50" ]]; then echo "/articles/$SLUG-copy/questions/$1?sort=best"; else echo "/articles/$SLUG/questions/$1?sort=best"; fi; }
TOKEN1=$(head -1 "$TOKENS")

# The very bytes the app serves, for nginx; and a check that every request of the run answers 200 as expected.
mkdir -p "$OUT/www"; chmod 755 "$OUT/www"
fetch() { # NAME PATH [TOKEN]
    local code
    if [[ -n "${3:-}" ]]; then
        code=$(curl -s -o "$OUT/www/$1.html" -w '%{http_code}' -H "Authorization: Bearer $3" "http://127.0.0.1:$APP_PORT$2")
    else
        code=$(curl -s -o "$OUT/www/$1.html" -w '%{http_code}' "http://127.0.0.1:$APP_PORT$2")
    fi
    [[ "$code" == 200 ]] || die "GET $2 answered $code"
    chmod 644 "$OUT/www/$1.html"
}
fetch a "$ARTICLE"
fetch b50 "$(thread "$Q50")" "$TOKEN1"
fetch b500 "$(thread "$Q500")" "$TOKEN1"
fetch b2000 "$(thread "$Q2000")" "$TOKEN1"
fetch b5000 "$(thread "$Q5000")" "$TOKEN1"
grep -q 'member00001' "$OUT/www/b500.html" || die "the signed-in thread page does not show the member as signed in"
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $TOKEN1" -H 'Content-Type: application/json' \
    -d '{"value":1}' "http://127.0.0.1:$APP_PORT/api/comments/$CMAX/vote")
[[ "$code" == 200 ]] || die "a vote answered $code"

# nginx: the same bytes from disk, same wrk settings
mkdir -p "$OUT/nginx"
cat >"$OUT/nginx/nginx.conf" <<EOF
$( [[ $(id -u) -eq 0 ]] && echo "user root;" )
worker_processes auto;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types { text/html html; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $OUT/www;
        location = $ARTICLE { try_files /a.html =404; }
        location / { try_files \$uri =404; }
    }
}
EOF
"$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" 9>&-
nginx_started=true
sleep 0.5
cmp -s <(curl -s "http://127.0.0.1:$NGINX_PORT$ARTICLE") "$OUT/www/a.html" || die "nginx does not serve page A's bytes"

# --- 6. scenarios ---
APP_URL="http://127.0.0.1:$APP_PORT"
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
export BENCH_WRK_DIR="$BENCH/wrk" BENCH_THREADS=$THREADS BENCH_SLUG=$SLUG \
       BENCH_COMMENT_MIN=$CMIN BENCH_COMMENT_MAX=$CMAX

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$app_pid/status" 2>/dev/null || echo 0; }
start_sampler() { # max RSS of the app while a scenario runs
    echo 0 >"$OUT/$1.rss"
    ( max=0; while true; do r=$(rss_kb); (( r > max )) && { max=$r; echo "$max" >"$OUT/$1.rss"; }; sleep 0.5; done ) &
    sampler_pid=$!
}
stop_sampler() { kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""; }

# wrk NAME URL SCRIPT [ENV=VALUE ...]
run_wrk() {
    local name=$1 url=$2 script=$3; shift 3
    say "scenario $name (${DURATION}s)"
    start_sampler "$name"
    env "$@" BENCH_OFFSET=$(( RANDOM * 7 )) BENCH_WRK_JSON="$OUT/$name.json" \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$BENCH/wrk/$script" "$url" \
        >"$OUT/$name.wrk.txt" 2>&1 || { cat "$OUT/$name.wrk.txt" >&2; die "wrk failed in $name"; }
    stop_sampler
    [[ -s "$OUT/$name.json" ]] || die "wrk wrote no report for $name"
    if ! kill -0 "$app_pid" 2>/dev/null; then
        local why
        why=$(grep -o 'Terminating due to [^"]*' "$OUT/app.log" | tail -1 || true)
        say "the app died during $name (${why:-see $OUT/app.log}); restarting it"
        echo "${why:-the app exited}" >"$OUT/$name.died"
        cp "$OUT/app.log" "$OUT/app-died-in-$name.log"
        start_app "$OUT/app.log"
    fi
}

# pgbench NAME HOT
run_pgbench() {
    local name=$1 hot=$2
    say "scenario $name (${DURATION}s)"
    "$PGBENCH" -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -r \
        -D mfrom=$(( USERS + 1 )) -D mto=10000 -D cmin="$CMIN" -D cmax="$CMAX" -D hot="$hot" -D clients="$CONNECTIONS" -D k=0 -D lap0=0 -f "$BENCH/pgbench/vote.sql" agora \
        >"$OUT/$name.pgbench.txt" 2>&1 || { tail -20 "$OUT/$name.pgbench.txt" >&2; die "pgbench failed in $name"; }
    local tps lat failed
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/$name.pgbench.txt" | head -1)
    lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$OUT/$name.pgbench.txt" | head -1)
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/$name.pgbench.txt" | head -1)
    jq -n --arg tps "$tps" --arg lat "$lat" --arg failed "${failed:-0}" \
        '{tps: ($tps | tonumber), latency_ms: ($lat | tonumber), failed: ($failed | tonumber)}' >"$OUT/$name.json"
}

check_tallies() { # prints the number of comments, questions and reaction kinds whose counters differ from their rows
    psql_bench -c "select
      (select count(*) from comment c left join (select comment_id, count(*) filter (where value = 1) u,
              count(*) filter (where value = -1) d from comment_vote group by comment_id) v on v.comment_id = c.id
        where c.ups <> coalesce(v.u, 0) or c.downs <> coalesce(v.d, 0))
    + (select count(*) from question q left join (select question_id, count(*) filter (where value = 1) u,
              count(*) filter (where value = -1) d from question_vote group by question_id) v on v.question_id = q.id
        where q.ups <> coalesce(v.u, 0) or q.downs <> coalesce(v.d, 0))
    + (select count(*) from article_reaction_tally t
        where (select coalesce(sum(s.count), 0) from article_reaction_tally_slot s where s.article_id = t.article_id and s.kind = t.kind)
           <> (select count(*) from reaction r where r.article_id = t.article_id and r.kind = t.kind))"
}

# warm-up (not recorded): JIT and connection pool, on the paths the scenarios exercise most: the signed-in article
# page and 500-comment thread (page rendering), the anonymous article page (served from the page cache) and votes.
# The votes are real (they count in the tallies checked below) and use 5-6 of each member's 30 a minute, minutes
# before scenario C.
say "warming up (not recorded)"
WARM_UP=$( $QUICK && echo 3 || echo 10 )
warm_up() { env BENCH_WRK_DIR="$BENCH/wrk" BENCH_OFFSET=0 "${@:2}" \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM_UP}s" -s "$BENCH/wrk/$1" "$APP_URL" >/dev/null 2>&1 || true; }
warm_up page.lua BENCH_PATH="$ARTICLE" BENCH_TOKENS="$TOKENS"
warm_up page.lua BENCH_PATH="$(thread "$Q500")" BENCH_TOKENS="$TOKENS"
warm_up page.lua BENCH_PATH="$ARTICLE"
warm_up vote.lua BENCH_TOKENS="$TOKENS"
# Then the mixed workload (F) in rounds until the JIT has compiled what it runs: on 2 cores its one C2 thread took
# minutes of load to work through the signed-in thread page, and pages/s rose by half once it had (bench/README
# "What the runs showed"). A replica that has served for a while runs compiled code; the targets are about that.
# Stops when the compiler threads used under 5 % of a core in a round, or after 30 rounds. The mix uses about 7 of a
# member's 30 votes and 2 of their 10 reactions a minute.
jit_ticks() { # CPU of the JIT compiler threads so far, in clock ticks (1/100 s)
    local task sum=0
    for task in /proc/"$app_pid"/task/*; do
        case "$(cat "$task/comm" 2>/dev/null)" in
            C1\ Compiler*|C2\ Compiler*) sum=$(( sum + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0) )) ;;
        esac
    done
    echo "$sum"
}
WARM_ROUNDS=0 WARM_JIT_TICKS=0
if ! $QUICK; then
    for WARM_ROUNDS in $(seq 1 30); do
        jit_before=$(jit_ticks)
        warm_up mixed.lua BENCH_TOKENS="$TOKENS" BENCH_THREAD_PATH="$(thread "$Q500")"
        WARM_JIT_TICKS=$(( $(jit_ticks) - jit_before ))
        (( WARM_JIT_TICKS < WARM_UP * 5 )) && break
    done
    say "warm-up: $WARM_ROUNDS rounds of the mixed workload; the JIT compilers used $WARM_JIT_TICKS/100 s of CPU in the last"
fi
if $QUICK; then WARM_END="(--quick skips them)"
elif (( WARM_JIT_TICKS < WARM_UP * 5 )); then
    WARM_END="until the JIT compilers used under 5 % of a core in a round (last round: $WARM_JIT_TICKS/100 s of compiler CPU)"
else WARM_END="(the most; the JIT compilers still used $WARM_JIT_TICKS/100 s of CPU in the last, over 5 % of a core)"; fi

run_wrk A "$APP_URL" page.lua BENCH_PATH="$ARTICLE"
run_wrk A_nginx "$NGINX_URL" page.lua BENCH_PATH="$ARTICLE"
run_wrk B50 "$APP_URL" page.lua BENCH_PATH="$(thread "$Q50")" BENCH_TOKENS="$TOKENS"
run_wrk B500 "$APP_URL" page.lua BENCH_PATH="$(thread "$Q500")" BENCH_TOKENS="$TOKENS"
run_wrk B500_nginx "$NGINX_URL" page.lua BENCH_PATH="/b500.html"
run_wrk B2000 "$APP_URL" page.lua BENCH_PATH="$(thread "$Q2000")" BENCH_TOKENS="$TOKENS"
run_wrk B2000_nginx "$NGINX_URL" page.lua BENCH_PATH="/b2000.html"
run_wrk B5000 "$APP_URL" page.lua BENCH_PATH="$(thread "$Q5000")" BENCH_TOKENS="$TOKENS"
run_wrk C "$APP_URL" vote.lua BENCH_TOKENS="$TOKENS"
TALLY_C=$(check_tallies)
run_pgbench C_pgbench 0
run_wrk D "$APP_URL" vote.lua BENCH_TOKENS="$TOKENS" BENCH_HOT_COMMENT="$HOT"
TALLY_D=$(check_tallies)
run_pgbench D_pgbench "$HOT"
run_wrk E "$APP_URL" reaction.lua BENCH_TOKENS="$TOKENS"
TALLY_E=$(check_tallies)
run_wrk F "$APP_URL" mixed.lua BENCH_TOKENS="$TOKENS" BENCH_THREAD_PATH="$(thread "$Q500")"
TALLY_F=$(check_tallies)
HWM_KB=$(awk '/^VmHWM/ { print $2 }' "/proc/$app_pid/status")
$KEEP || stop_app   # --keep-running leaves the app up for profiling

# --- 7. the results file ---
RUN_SECONDS=$(( $(date +%s) - T0 ))
STAMP=$(date -u +%Y-%m-%dT%H%M)
RESULT="$BENCH/results/$STAMP.md"
j() { jq -r "$2" "$OUT/$1.json"; }
rps() { j "$1" '.requests / (.duration_us / 1e6) | floor'; }
ms() { j "$1" ".$2 / 1000 | . * 10 | round / 10"; }
errs() { j "$1" '.connect_errors + .read_errors + .write_errors + .status_errors - (.refused_429 // 0) + .timeouts'; }
refused() { j "$1" '.refused_429 // 0'; }
died() { [[ -f "$OUT/$1.died" ]] && echo " — **the app died: $(cat "$OUT/$1.died")**" || true; }
rss() { echo $(( $(cat "$OUT/$1.rss") / 1024 )); }
row() { echo "| $1$(died "$2") | $2 | $(rps "$2") | $(ms "$2" p50_us) | $(ms "$2" p90_us) | $(ms "$2" p99_us) | $(errs "$2") / $(refused "$2") / $(j "$2" .requests) | $(rss "$2" 2>/dev/null || echo -) |"; }
nrow() { echo "| $1 | $2 | $(rps "$2") | $(ms "$2" p50_us) | $(ms "$2" p90_us) | $(ms "$2" p99_us) | $(errs "$2") / 0 / $(j "$2" .requests) | (nginx) |"; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.1f %%", 100 * a / b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
verdict() { [[ "$1" == 1 ]] && echo "**met**" || echo "**not met**"; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b) ? 1 : 0 }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? 1 : 0 }'; }

A=$(rps A); AN=$(rps A_nginx); B5=$(rps B500); B5N=$(rps B500_nginx); B2=$(rps B2000); B2N=$(rps B2000_nginx)
P500=$(ms B500 p99_us); P5000=$(ms B5000 p99_us)
C=$(j C '(.requests - .status_errors) / (.duration_us / 1e6) | floor'); CP=$(j C_pgbench .tps); D=$(j D '(.requests - .status_errors) / (.duration_us / 1e6) | floor'); DP=$(j D_pgbench .tps)
MAXRSS=0; for s in A B50 B500 B2000 B5000 C D E F; do r=$(rss "$s"); (( r > MAXRSS )) && MAXRSS=$r; done
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

{
cat <<EOF
# Agora benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')

Produced by \`bench/run.sh$($QUICK && echo " --quick")\` in ${RUN_SECONDS} s. Scenarios ran ${DURATION} s each, after an unrecorded warm-up of ${WARM_UP} s each of the signed-in article page
and 500-comment thread, page A and votes, then $WARM_ROUNDS rounds of ${WARM_UP} s of the mixed workload (F) $WARM_END;
wrk with $THREADS threads and
$CONNECTIONS connections (the same for the app and nginx), pgbench with $CONNECTIONS clients and $THREADS threads (prepared statements, as the app's JDBC driver uses).

## Machine and build

- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; memory $(free -m | awk '/^Mem:/ { print $2 }') MiB; $(uname -sr)
- Load average at the end: $LOAD (app, PostgreSQL, Keycloak, wrk/pgbench and nginx share the machine; other work
  on the machine at the time shows up here and makes the absolute numbers noisy — the ratios are measured side by side)
- Java: $(java -version 2>&1 | head -1); PostgreSQL $("$PSQL" --version | awk '{ print $3 }') (default settings); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///')
- Commit: $COMMIT
- App: packaged jar, prod profile, \`${JAVA_OPTS[*]}\` and \`${MALLOC_ENV% }\` (what run-java.sh gives in the ${LIMIT_MI} MiB container of k8s/, read from docker/Dockerfile), run from the app's folder,
  with a replica's environment from k8s/base/configmap.yaml (\`$(printf '%s ' "${REPLICA_ENV[@]}" | sed 's/ $//')\`: connection pool $POOL,
  no migration at start) but this machine's database and Keycloak addresses; rate limits at their production defaults
- Data: members | comments | comment votes | reactions = $COUNTS (generated in ${GEN_SECONDS} s); threads of 50/500/2,000/5,000
  comments are questions $Q50/$Q500/$Q2000/$Q5000; hot comment $HOT; $USERS members signed in with real Keycloak tokens

## Figures

| Scenario | Run | Requests/s | p50 ms | p90 ms | p99 ms | Errors / refusals / requests | App max RSS MiB |
|---|---|---|---|---|---|---|---|
$(row "A: anonymous article page" A)
$(nrow "A: nginx, same bytes ($(stat -c %s "$OUT/www/a.html") B)" A_nginx)
$(row "B: signed-in thread, 50 comments, best" B50)
$(row "B: signed-in thread, 500 comments, best ($(stat -c %s "$OUT/www/b500.html") B)" B500)
$(nrow "B: nginx, same bytes as B 500" B500_nginx)
$(row "B: signed-in thread, 2,000 comments ($(stat -c %s "$OUT/www/b2000.html") B)" B2000)
$(nrow "B: nginx, same bytes as B 2,000" B2000_nginx)
$(row "B: signed-in thread, 5,000 comments ($(stat -c %s "$OUT/www/b5000.html") B)" B5000)
$(row "C: votes, distinct members, random comments" C)
$(row "D: votes, all members on one comment" D)
$(row "E: reaction changes" E)
$(row "F: mixed (60 % A, 15 % anon. thread, 10 % B 500, 12 % votes, 3 % reactions)" F)

| pgbench, the app's vote SQL | Transactions/s | Mean latency ms | Failed |
|---|---|---|---|
| C: random comments | $CP | $(j C_pgbench .latency_ms) | $(j C_pgbench .failed) |
| D: one comment | $DP | $(j D_pgbench .latency_ms) | $(j D_pgbench .failed) |

Errors are connection errors, timeouts and answers other than 2xx/3xx, not counting refusals. Refusals are answers
the app must give: 429 over a per-person rate limit (production defaults: 30 votes and 10 reactions per minute per
member, with $USERS members taking turns) and 403 for a member voting on their own comment (the target of D has an
author among the voters). Votes/s in the targets below count only accepted votes (200). The limit counts in fixed
windows of a minute from a member's first vote, so $USERS members can cast $(( USERS * 30 )) votes in a minute between
them: $(( USERS * 30 / DURATION )) a second over one ${DURATION} s scenario, $(( USERS * 30 / 60 )) a second sustained for a minute or more.

Tallies checked after C, D, E and F (counters that differ from their rows): $TALLY_C, $TALLY_D, $TALLY_E, $TALLY_F.

JVM start to ready (database up, from \`java -jar\` to /q/health/ready answering UP): ${MEASURED_START_MS} ms, the median of three starts (${START_SAMPLES[*]} ms; Quarkus said "${STARTED_LOG:-?}" in the last).
App RSS: highest sample under load $MAXRSS MiB; high-water mark over the whole run $(( HWM_KB / 1024 )) MiB.

## Ratios and targets

| Target | Measured | Verdict |
|---|---|---|
| Anonymous article page ≥ 50 % of nginx, same bytes | $(pct "$A" "$AN") ($A vs $AN req/s) | $(verdict "$(ge "$A" "$(awk -v n="$AN" 'BEGIN { print n / 2 }')")") |
| Thread page 500 vs nginx, same bytes (reference) | $(pct "$B5" "$B5N") | — |
| Thread page 2,000 vs nginx, same bytes (reference) | $(pct "$B2" "$B2N") | — |
| Signed-in thread 500, p99 ≤ 100 ms at $CONNECTIONS connections | $P500 ms | $(verdict "$(le "$P500" 100)") |
| Thread 5,000 p99 ≤ 1.5 × thread 500 p99 | $(ratio "$P5000" "$P500") × | $(verdict "$(le "$(ratio "$P5000" "$P500")" 1.5)") |
| Votes ≥ 1,500/s with exact tallies | $C/s, tallies off: $TALLY_C | $(verdict "$(( $(ge "$C" 1500) && TALLY_C == 0 ))") |
| Votes ≥ 40 % of pgbench, same SQL | $(pct "$C" "$CP") | $(verdict "$(ge "$C" "$(awk -v n="$CP" 'BEGIN { print n * 0.4 }')")") |
| Hot row ≥ 300 votes/s, no errors | $D/s, $(errs D) errors, hot row vs pgbench $(pct "$D" "$DP") | $(verdict "$(( $(ge "$D" 300) && $(errs D) == 0 ))") |
| App RSS ≤ 350 MB under load | $MAXRSS MiB | $(verdict "$(le "$MAXRSS" 334)") |
| JVM start to ready ≤ 3 s | ${MEASURED_START_MS} ms (median of ${START_SAMPLES[*]}) | $(verdict "$(le "$MEASURED_START_MS" 3000)") |

The raw wrk and pgbench outputs of this run were in \`bench/.work/out/\` (not committed).
EOF
} >"$RESULT"
say "results: $RESULT (the whole run took ${RUN_SECONDS} s)"
cat "$RESULT"
