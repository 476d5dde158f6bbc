#!/usr/bin/env bash
# Lead-list API benchmark (issue "Web platform"): a workspace with LEADS leads (default 100000)
# of one procuratorate, `shanhai serve` on loopback, and wrk against
# GET /api/leads?status=…&sort=updated_at&page=K&page_size=20 as a logged-in prosecutor:
#   1. paced: 10 connections, each waiting 40 ms between requests (a little over 200 requests/s), for
#      the p99 latency at that rate (target: under 50 ms);
#   2. flat out: 8 connections without pause, for the throughput.
# For reference the same count + page query is timed in the sqlite3 CLI on the catalog (DuckDB
# cannot read the SQLite catalog without downloading its sqlite extension, which we do not do).
#
#   bash bench/api_bench.sh [LEADS]        environment: SHANHAI (binary), DURATION (seconds, 20)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
duration="${DURATION:-20}"
if [[ -z "${SHANHAI:-}" ]]; then
  bash scripts/build >/dev/null
  SHANHAI=build/shanhai
fi
gen="$(dirname "$SHANHAI")/bench/shanhai_gen_leads"
command -v wrk >/dev/null || { echo "wrk 未安装 / wrk is not installed (bash scripts/setup)"; exit 1; }

out="bench/out/api-$n"
rm -rf "$out"
mkdir -p "$out"
ws="$out/ws"
"$SHANHAI" init "$ws" >/dev/null
"$SHANHAI" org add "$ws" 330122 桐庐县人民检察院 >/dev/null
password="$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)"
echo "$password" | "$SHANHAI" user add "$ws" bench --org 330122 --role prosecutor --password-stdin >/dev/null
start=$(date +%s.%N)
"$gen" "$ws" 330122 "$n"
echo "生成线索 generated leads: $(echo "$(date +%s.%N) - $start" | bc) s"

"$SHANHAI" serve "$ws" --port 0 --quiet >"$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$out/serve.log" | head -1 || true)
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$out/serve.log"; exit 1; }
curl -s -c "$out/cookies" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench\",\"password\":\"$password\"}" "$url/api/session" >/dev/null
cookie=$(awk '$6 == "shanhai_session" {print $7}' "$out/cookies")
[[ -n "$cookie" ]] || { echo "登录失败 / login failed"; exit 1; }
total=$(curl -s -b "shanhai_session=$cookie" "$url/api/leads?status=new&page_size=1" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
pages=$(( (total + 19) / 20 ))
echo "待核查线索 leads with status new: $total ($pages pages of 20)"

script() {  # $1: milliseconds between a connection's requests (0: none)
  cat <<LUA
math.randomseed(7)
local statuses = {"new", "new,triaged", "verifying", "filed,recommended"}
request = function()
  local s = statuses[math.random(1, #statuses)]
  local page = math.random(1, $pages)
  return wrk.format("GET", "/api/leads?status=" .. s .. "&sort=updated_at&order=desc&page=" ..
                    page .. "&page_size=20", {["Cookie"] = "shanhai_session=$cookie"})
end
LUA
  if [[ "$1" != 0 ]]; then echo "delay = function() return $1 end"; fi
  cat <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d rate=%.1f p50=%.2f p99=%.2f max=%.2f\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
}
script 40 >"$out/paced.lua"
script 0 >"$out/flat.lua"
echo "== 限速约 200 次/秒 paced (~200 requests/s), ${duration}s"
paced=$(wrk -t2 -c10 -d"${duration}s" --latency -s "$out/paced.lua" "$url" | tee "$out/paced.txt" | grep RESULT)
echo "$paced"
echo "== 不限速 flat out, ${duration}s"
flat=$(wrk -t2 -c8 -d"${duration}s" --latency -s "$out/flat.lua" "$url" | tee "$out/flat.txt" | grep RESULT)
echo "$flat"

# The page query alone in the sqlite3 CLI (a middle page of status new), best of 5.
sql="SELECT count(*) FROM leads WHERE org IN ('330122') AND status IN ('new');
SELECT id, title_masked FROM leads WHERE org IN ('330122') AND status IN ('new')
 ORDER BY updated_at DESC, id DESC LIMIT 20 OFFSET $(( (pages / 2) * 20 ));"
best=""
for _ in 1 2 3 4 5; do
  t=$(printf '.timer on\n%s\n' "$sql" | sqlite3 "$ws/catalog.db" | awk '/Run Time/ {s += $4} END {print s * 1000}')
  if [[ -z "$best" ]] || (( $(echo "$t < $best" | bc) )); then best=$t; fi
done
p50=$(sed -E 's/.*p50=([0-9.]+).*/\1/' <<<"$paced")
p99=$(sed -E 's/.*p99=([0-9.]+).*/\1/' <<<"$paced")
rate=$(sed -E 's/.*rate=([0-9.]+).*/\1/' <<<"$paced")
flat_rate=$(sed -E 's/.*rate=([0-9.]+).*/\1/' <<<"$flat")
echo
echo "| 线索 leads | 限速 paced rate | p50 ms | p99 ms | 目标 target | 不限速吞吐 flat out req/s | sqlite3 同一查询 same query ms | API p50 / sqlite3 |"
echo "|---|---|---|---|---|---|---|---|"
echo "| $n | $rate | $p50 | $p99 | p99 < 50 ms at 200/s: $( (( $(echo "$p99 < 50" | bc) )) && echo yes || echo NO) | $flat_rate | $best | $(echo "scale=2; $p50 / $best" | bc 2>/dev/null || echo -) |"
