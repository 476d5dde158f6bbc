#!/usr/bin/env bash
# Record-linkage benchmark (issue "Fuzzy identity linkage"): PEOPLE people of one register and a
# second source of PEOPLE records of which half are the same people, damaged the way registers
# are (bench/gen_people.cpp: one-digit id typos, swapped digits, legacy 15-digit ids, missing
# ids, separator and homophone name variants, traditional characters, dates a day off, phones
# missing or changed). Then:
#   Shanhai  bench/link_people.cpp: the linkage layer end to end on the raw text — normalising,
#            blocking, u estimation, comparing, EM training of m and λ, scoring, classifying —
#            timed as a whole (wall time includes training); precision, recall and F1 against
#            the generator's truth at the match threshold
#   DuckDB   bench/duckdb_linkage.mjs (@duckdb/node-api): the same blocking as equi-joins on the
#            keys Shanhai normalised (written by link_people --keys, so DuckDB is not charged for
#            normalising Chinese text), their union, and jaro_winkler_similarity(name) >= 0.85
# Prints both, and the ratio of the times.
#
#   bash bench/linkage_bench.sh [PEOPLE]          (default 1000000)
#
# Environment: THREADS (default every core), SHANHAI_BUILD (build directory holding
# bench/shanhai_gen_people and bench/shanhai_link_people; default build, built by scripts/build
# when missing), SEED (generator seed, default 20261123).
set -euo pipefail
cd "$(dirname "$0")/.."
people="${1:-1000000}"
threads="${THREADS:-$(nproc)}"
seed="${SEED:-20261123}"
build="${SHANHAI_BUILD:-build}"

if [[ ! -x "$build/bench/shanhai_link_people" || ! -x "$build/bench/shanhai_gen_people" ]]; then
  bash scripts/build >/dev/null
fi
# `npm ci` refuses this lock file here (see import_bench.sh); `npm install` installs the pins.
(cd bench && npm install --no-audit --no-fund --loglevel=error >/dev/null)

out="bench/out/linkage-$people"
mkdir -p "$out"
if [[ ! -f "$out/truth.csv" ]]; then
  "$build/bench/shanhai_gen_people" "$people" "$out/left.csv" "$out/right.csv" "$out/truth.csv" \
    "$seed"
fi

json() {  # json FILE EXPR: evaluates EXPR on the JSON document j of FILE
  node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
           console.log(eval(process.argv[2]))' "$1" "$2"
}

echo "== Shanhai linkage: $people × $people records, $threads threads =="
"$build/bench/shanhai_link_people" "$out/left.csv" "$out/right.csv" "$out/truth.csv" \
  --threads "$threads" --keys "$out" --json "$out/shanhai.json"

echo
echo "== DuckDB: the same blocking as equi-joins, jaro_winkler_similarity(name) >= 0.85 =="
/usr/bin/time -v -o "$out/duck-time.txt" \
  node bench/duckdb_linkage.mjs "$out/keys_left.csv" "$out/keys_right.csv" "$out/truth.csv" \
  "$threads" 0.85 >"$out/duckdb.json"
duck_rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/duck-time.txt")
cat "$out/duckdb.json"

s="$out/shanhai.json"
d="$out/duckdb.json"
echo
echo "== Summary / 汇总 =="
printf '%-44s %12s %12s\n' "" "Shanhai" "DuckDB"
printf '%-44s %12s %12s\n' "wall time, s (Shanhai incl. training / DuckDB join)" \
  "$(json "$s" 'j.seconds.toFixed(2)')" "$(json "$d" 'j.join_seconds.toFixed(2)')"
printf '%-44s %12s %12s\n' "candidate pairs" "$(json "$s" 'j.candidates')" \
  "$(json "$d" 'j.candidates')"
printf '%-44s %12s %12s\n' "pairs scored per second" "$(json "$s" 'j.pairs_per_second')" "-"
printf '%-44s %12s %12s\n' "peak memory, MiB" "$(json "$s" 'j.peak_mib')" \
  "$(awk -v k="$duck_rss_kb" 'BEGIN{printf "%.0f", k/1024}')"
for m in precision recall f1; do
  printf '%-44s %12s %12s\n' "$m" "$(json "$s" "j.$m.toFixed(4)")" "$(json "$d" "j.$m.toFixed(4)")"
done
ratio=$(node -e 'const fs=require("fs");const s=JSON.parse(fs.readFileSync(process.argv[1]));
  const d=JSON.parse(fs.readFileSync(process.argv[2]));console.log((s.seconds/d.join_seconds).toFixed(2))' \
  "$s" "$d")
echo "Shanhai time / DuckDB join time: ${ratio}×  (below 1: Shanhai faster, though it also normalises, trains and scores)"
