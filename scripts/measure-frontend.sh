#!/usr/bin/env bash
# Measures the front end of a running Agora (default http://localhost:8080, e.g. from scripts/run.sh):
#   - Lighthouse 12.2.3 (frontend/node_modules, Debian's Chromium, its default mobile profile with simulated
#     throttling) on the article page and on the "Why now?" thread: the four category scores;
#   - page weight: HTML + CSS + JS as sent with brotli (and gzip), fonts and images aside;
#   - time to first byte: median of 20 requests per page, measured with curl from this machine.
#
#   scripts/measure-frontend.sh [BASE_URL]
#
# Pages are read signed out. Reports go to target/measure/ (Lighthouse HTML and JSON). Prints a summary.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BASE=${1:-http://localhost:8080}
OUT=$REPO/target/measure
mkdir -p "$OUT"
LH=$REPO/frontend/node_modules/.bin/lighthouse
[[ -x "$LH" ]] || { echo "measure: no $LH; run scripts/install-prerequisites.sh" >&2; exit 1; }

slug=$(curl -fsS "$BASE/api/articles" | jq -r '.[0].slug')
qid=$(curl -fsS "$BASE/api/articles/$slug" | jq -r '[.questions[] | select(.label == "Why now?")][0].id // .questions[0].id')
pages=("article $BASE/articles/$slug" "thread $BASE/articles/$slug/questions/$qid")

weight() { # compressed bytes of a page plus the CSS and the JS modules it loads (agora.js imports the other three)
    local url=$1 enc=$2 version total n a
    total=$(curl -fsS -H "Accept-Encoding: $enc" -o /dev/null -w '%{size_download}' "$url")
    version=$(curl -fsS "$url" | grep -o '/assets/[0-9a-f]*/' | head -1)
    for a in css/agora.css js/agora.js js/enhance.js js/live.js js/minimap.js js/compose.js js/unread.js; do
        n=$(curl -fsS -H "Accept-Encoding: $enc" -o /dev/null -w '%{size_download}' "$BASE$version$a"); total=$((total + n))
    done
    echo "$total"
}
ttfb() { # median time to first byte in ms over 20 requests
    local url=$1
    for _ in $(seq 1 20); do curl -fsS -o /dev/null -w '%{time_starttransfer}\n' "$url"; done \
        | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] * 1000}'
}

for entry in "${pages[@]}"; do
    read -r name url <<<"$entry"
    CHROME_PATH=/usr/bin/chromium "$LH" "$url" --quiet --output=json --output=html --output-path="$OUT/lighthouse-$name" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
        >/dev/null 2>"$OUT/lighthouse-$name.log" || { tail "$OUT/lighthouse-$name.log" >&2; exit 1; }
    scores=$(jq -r '[.categories[] | "\(.title) \((.score * 100) | round)"] | join(", ")' "$OUT/lighthouse-$name.report.json")
    echo "measure: $name: Lighthouse $scores"
    echo "measure: $name: weight HTML+CSS+JS $(weight "$url" br) bytes with brotli, $(weight "$url" gzip) with gzip; TTFB median $(ttfb "$url") ms"
done
