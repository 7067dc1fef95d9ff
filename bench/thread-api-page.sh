#!/usr/bin/env bash
# What one page of GET /api/questions/{id}/comments costs as the thread grows: a packaged Agora on its own throwaway
# PostgreSQL, the seed article's first question filled with N comments (a third answers, the rest replies), then the
# median of 30 anonymous requests for the first page (limit=20), a page deep in the thread and the largest page
# (limit=500), at each size. Nothing else is started: the app runs without a reachable Keycloak (anonymous reads).
#
#   bench/thread-api-page.sh [JAR] [SIZES]     defaults: target/quarkus-app/quarkus-run.jar, "500 5000"
#
# Ports: PostgreSQL 5496, the app 8097 (management 9197). State in bench/.work/thread-api-page (deleted first).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAR=$(realpath "${1:-target/quarkus-app/quarkus-run.jar}")
SIZES=${2:-"500 5000"}
WORK=bench/.work/thread-api-page
PG_PORT=5496 APP_PORT=8097 MGMT_PORT=9197

cleanup() {
    [[ -n "${APP_PID:-}" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    scripts/postgres.sh stop "$WORK/pg" >/dev/null 2>&1 || true
}
[[ -n "${BENCH_KEEP:-}" ]] || trap cleanup EXIT
rm -rf "$WORK" && mkdir -p "$WORK"
JDBC=$(scripts/postgres.sh start "$WORK/pg" "$PG_PORT" | tail -n 1)
sql() { psql -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U postgres -d agora -c "$1"; }

QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC QUARKUS_DATASOURCE_USERNAME=postgres \
QUARKUS_OIDC_AUTH_SERVER_URL=http://127.0.0.1:1/realms/agora QUARKUS_OIDC_CREDENTIALS_SECRET=bench-DEMO-secret \
AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET=bench-DEMO-secret QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    java -Xmx256m -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
    sql "select 1 from question limit 1" >/dev/null 2>&1 && curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/api/articles" && break
    sleep 1
done
Q=$(sql "select min(id) from question")
AUTHOR=$(sql "insert into member (subject, username, display_name) values ('bench', 'bench', 'Bench') returning id")

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timed() { # URL -> median seconds of 30 requests after 5 warm-ups
    for _ in $(seq 1 5); do curl -fs -o /dev/null "$1"; done
    for _ in $(seq 1 30); do curl -fs -o /dev/null -w '%{time_total}\n' "$1"; done | median
}

have=0
echo "| comments in the thread | first page (limit=20) | deep page (limit=20, offset=N-40) | limit=500 |"
echo "|---|---|---|---|"
for size in $SIZES; do
    sql "insert into comment (question_id, parent_id, author_id, depth, body, body_html, status)
         select $Q, null, $AUTHOR, 0, 'answer ' || g, '<p>answer ' || g || '</p>', 'published'
         from generate_series($have + 1, $have + ($size - $have) / 3) g" >/dev/null
    sql "insert into comment (question_id, parent_id, author_id, depth, body, body_html, status)
         select $Q, p.id, $AUTHOR, 1, 'reply', '<p>reply</p>', 'published'
         from (select id from comment where question_id = $Q and parent_id is null order by random()) p,
              generate_series(1, 2) g
         limit $size - (select count(*) from comment where question_id = $Q)" >/dev/null
    sql "update question set comment_count = (select count(*) from comment where question_id = $Q) where id = $Q" >/dev/null
    sql "analyze comment" >/dev/null   # as autovacuum would soon: fresh statistics for the planner
    have=$(sql "select count(*) from comment where question_id = $Q")
    base="http://127.0.0.1:$APP_PORT/api/questions/$Q/comments?sort=best"
    echo "| $have | $(timed "$base&limit=20") s | $(timed "$base&limit=20&offset=$((have - 40))") s | $(timed "$base&limit=500") s |"
done
