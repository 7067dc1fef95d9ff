#!/usr/bin/env bash
# Fills an Agora database with benchmark (or demo) data: 10,000 members, threads of 50/500/2,000/5,000 comments
# on the three questions of an article and a copy of it, 100,000 comment votes, question votes and reactions, with every
# denormalised counter recomputed from the rows. See bench/generate-data.sql. Runs once per database.
#
#   bench/generate-data.sh [PORT [SLUG]]
#
# PORT: the PostgreSQL port on 127.0.0.1 (default 5433, the database of scripts/run.sh; bench/run.sh passes its
# own). The schema and the seed article must exist: start the app once against that database first.
# Members get the subjects 00000000-0000-4000-8000-000000000001 … 010000 and user names member00001 … member10000;
# bench/keycloak-users.sh creates the matching Keycloak users, so that they can sign in.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
PORT=${1:-5433}
SLUG=${2:-why-is-nato-expanding-its-reach-to-the-asia-pacific-region}
PSQL=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)
start=$(date +%s)
"$PSQL" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d agora -v slug="$SLUG" -f "$HERE/generate-data.sql"
echo "generate-data.sh: done in $(( $(date +%s) - start )) s" >&2
