#!/usr/bin/env bash
# Creates the benchmark members in a Keycloak with the Agora demo realm and fetches one real access token each.
#
#   bench/keycloak-users.sh KC_URL COUNT TOKENS_FILE
#
# Users member00001 … member<COUNT> get the ids the data generator gave them as OIDC subjects
# (00000000-0000-4000-8000-00000000NNNN), first name "Member", last name NNNNN, and the password "bench".
# Tokens come from the demo realm's password grant (client agora-web) and are written one per line, in member
# order. This is setup, outside any timed part. Two settings of the *benchmark's own* Keycloak are changed so that
# setup takes seconds, not an hour: the password hash uses 1 PBKDF2 iteration (Keycloak's default, 210,000, costs
# ~0.2 s of CPU per sign-in) and access tokens live 12 h, so a token fetched here outlives the run. Neither touches
# the app; production Keycloak keeps its defaults. Existing users are kept (re-runs only fetch tokens).
set -euo pipefail
KC=${1:?KC_URL}; COUNT=${2:?COUNT}; OUT=${3:?TOKENS_FILE}
ADMIN_USER=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}; ADMIN_PASS=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}
say() { echo "keycloak-users.sh: $*" >&2; }

admin_token() {
    curl -fsS -d grant_type=password -d client_id=admin-cli -d "username=$ADMIN_USER" -d "password=$ADMIN_PASS" \
        "$KC/realms/master/protocol/openid-connect/token" | jq -r .access_token
}
AT=$(admin_token)
curl -fsS -X PUT -H "Authorization: Bearer $AT" -H 'Content-Type: application/json' \
    -d '{"accessTokenLifespan": 43200, "ssoSessionIdleTimeout": 43200, "ssoSessionMaxLifespan": 86400, "passwordPolicy": "hashIterations(1)"}' \
    "$KC/admin/realms/agora"

existing=$(curl -fsS -H "Authorization: Bearer $AT" "$KC/admin/realms/agora/users/count?username=member&exact=false")
if (( existing < COUNT )); then
    say "creating users member00001 … member$(printf %05d "$COUNT") ($existing exist)"
    start=$(date +%s)
    for (( from = 1; from <= COUNT; from += 1000 )); do
        to=$(( from + 999 > COUNT ? COUNT : from + 999 ))
        jq -n --argjson from "$from" --argjson to "$to" '{ifResourceExists: "SKIP", users: [range($from; $to + 1) as $n |
            ($n | tostring | ("00000" + .)[-5:]) as $five |
            ($n | tostring | ("000000000000" + .)[-12:]) as $twelve |
            {id: ("00000000-0000-4000-8000-" + $twelve), username: ("member" + $five), enabled: true,
             emailVerified: true, firstName: "Member", lastName: $five, email: ("member" + $five + "@bench.example"),
             credentials: [{type: "password", value: "bench", temporary: false}],
             requiredActions: [], realmRoles: ["default-roles-agora"]}]}' >"$OUT.import.json"
        AT=$(admin_token)
        curl -fsS -o /dev/null -H "Authorization: Bearer $AT" -H 'Content-Type: application/json' \
            --data-binary "@$OUT.import.json" "$KC/admin/realms/agora/partialImport"
    done
    rm -f "$OUT.import.json"
    say "users created in $(( $(date +%s) - start )) s"
fi

say "fetching $COUNT access tokens"
start=$(date +%s)
tmp=$(mktemp -d)
seq 1 "$COUNT" | xargs -P 6 -n 50 sh -c '
    for n in "$@"; do
        u=$(printf "member%05d" "$n")
        curl -fsS -d grant_type=password -d client_id=agora-web -d client_secret=agora-demo-secret-change-me \
             -d "username=$u" -d password=bench "$0/realms/agora/protocol/openid-connect/token" \
          | jq -r .access_token > "'"$tmp"'/$n" || exit 255
    done' "$KC"
for n in $(seq 1 "$COUNT"); do cat "$tmp/$n"; done >"$OUT"
rm -rf "$tmp"
[[ $(grep -c '^ey' "$OUT") -eq "$COUNT" ]] || { say "some tokens are missing in $OUT"; exit 1; }
say "$COUNT tokens in $(( $(date +%s) - start )) s -> $OUT"
