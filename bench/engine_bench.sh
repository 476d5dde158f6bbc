#!/usr/bin/env bash
# Engine benchmark (issue "Model language and collision engine"): two generated tables of ROWS
# rows each, keyed by a normalised id number, and three query shapes run through Shanhai
# (`shanhai run --dry-run --json` on the models of bench/models/), DuckDB (@duckdb/node-api) and
# SQLite (sqlite3 CLI) on the same data, in the same run:
#   absence  penalties whose party has no payment (anti-join)         bench/models/bench-absence
#   match    penalties × payments of the same party (inner join)      bench/models/bench-match
#   repeat   parties with >= 5 penalties, count and total (aggregate)  bench/models/bench-repeat
# Prints times, peak memory and Shanhai's ratios to the others.
#
#   bash bench/engine_bench.sh [ROWS]          (default 10000000)
#
# Environment: REPEAT (runs per engine and shape, the fastest reported; default 3),
# SQLITE_REPEAT (default REPEAT), THREADS (Shanhai and DuckDB threads; default every core),
# SHANHAI (binary to use; default: build with scripts/build and use build/shanhai),
# REUSE=1 (keep the workspace and databases of an earlier run of the same ROWS: no imports).
#
# What is timed (see docs/benchmarks.md):
#   Shanhai  the whole `shanhai run` process: opening the workspace, loading and decoding the
#            needed columns from the dataset files, every step, lead creation, JSON output
#   DuckDB   inside the process, around the statements of bench/sql/SHAPE.sql on the database
#            the load step wrote (tables l and r); the rows are materialised in a temp table
#            with the columns Shanhai's step carries. The *-count.sql variants only count.
#   SQLite   the sum of `.timer` times of the same statements, no indexes (the planner builds its
#            automatic index, as it would on data nobody prepared)
# Import/load times are printed separately and are not part of the comparison. Peak memory is
# the maximum resident set size of the whole process (/usr/bin/time), Node.js included.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-10000000}"
repeat="${REPEAT:-3}"
sqlite_repeat="${SQLITE_REPEAT:-$repeat}"
threads="${THREADS:-$(nproc)}"
reuse="${REUSE:-}"

if [[ -z "${SHANHAI:-}" ]]; then
  bash scripts/build >/dev/null
  SHANHAI=build/shanhai
fi
shanhai="$SHANHAI"
# `npm ci` refuses this lock file here (see import_bench.sh); `npm install` installs the pins.
(cd bench && npm install --no-audit --no-fund --loglevel=error >/dev/null)

out="bench/out/engine-$rows"
mkdir -p "$out"
left="$out/left.csv"
right="$out/right.csv"
ws="$out/ws"
duck="$out/duck.db"
lite="$out/sqlite.db"

# The generator: built with the project (build/bench/shanhai_gen_pairs), or compiled here.
gen="$(dirname "$shanhai")/bench/shanhai_gen_pairs"
if [[ ! -x "$gen" ]]; then
  gen="$out/gen_pairs"
  [[ "$gen" -nt bench/gen_pairs.cpp ]] || g++ -O2 -std=c++20 -o "$gen" bench/gen_pairs.cpp
fi
if [[ ! -f "$left" || ! -f "$right" ]]; then
  "$gen" "$rows" "$left" "$right"
fi

json() {  # json FILE EXPR: evaluates EXPR on the JSON document j of FILE
  node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
           console.log(eval(process.argv[2]))' "$1" "$2"
}

# once COMMAND...: runs it under /usr/bin/time; stdout → $out/stdout.txt; sets wall_s, rss_kb
once() {
  "/usr/bin/time" -v -o "$out/time.txt" "$@" >"$out/stdout.txt" 2>"$out/stderr.txt" || {
    cat "$out/stderr.txt" "$out/stdout.txt" >&2
    exit 1
  }
  wall_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); t=0; for(i=1;i<=n;i++) t=t*60+a[i]; print t}' "$out/time.txt")
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")
}
lt() { awk -v a="$1" -v b="$2" 'BEGIN{exit !(a < b)}'; }
mib() { awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }

# ---- load (not compared) -------------------------------------------------------------------
if [[ -n "$reuse" && -f "$out/loaded.ok" ]]; then
  echo "REUSE: workspace and databases of $out kept"
  # shellcheck disable=SC1091
  source "$out/loaded.ok"
else
  rm -rf "$ws" "$duck" "$duck.wal" "$lite" "$out/loaded.ok"
  # The workspace holds only the benchmark models: no built-in models (an empty models dir), so
  # the run does not depend on models/ being edited at the same time.
  mkdir -p "$out/no-builtin-models"
  SHANHAI_MODELS_DIR="$out/no-builtin-models" "$shanhai" init "$ws" >/dev/null
  for m in bench-absence bench-match bench-repeat; do "$shanhai" model add "$ws" "bench/models/$m" >/dev/null; done
  once "$shanhai" import "$ws" penalties "$left" --element id=integer --element party_id=id_number \
    --element amount=money --element decision_date=date
  imp_l_s=$wall_s imp_l_kb=$rss_kb
  once "$shanhai" import "$ws" payments "$right" --element pay_id=integer \
    --element party_id=id_number --element amount=money --element paid_date=date
  imp_r_s=$wall_s imp_r_kb=$rss_kb
  once node bench/duckdb_engine.mjs load "$duck" "$left" "$right" "$threads"
  duck_load_s=$(json "$out/stdout.txt" j.seconds) duck_load_kb=$rss_kb
  once sqlite3 "$lite" \
    "CREATE TABLE l(id INTEGER, party_id TEXT, party_name TEXT, amount REAL, decision_date TEXT)" \
    "CREATE TABLE r(pay_id INTEGER, party_id TEXT, amount REAL, paid_date TEXT)" \
    ".import --csv --skip 1 $left l" ".import --csv --skip 1 $right r"
  lite_load_s=$wall_s lite_load_kb=$rss_kb
  declare -p imp_l_s imp_l_kb imp_r_s imp_r_kb duck_load_s duck_load_kb lite_load_s lite_load_kb \
    | sed 's/^declare -- //' >"$out/loaded.ok"
fi

# ---- queries -------------------------------------------------------------------------------
# shanhai SHAPE → sh_s (process wall), sh_kb, sh_ms (duration_ms), sh_rows, sh_sample
shanhai_best() {
  sh_s=""
  for _ in $(seq "$repeat"); do
    once "$shanhai" run "$ws" "bench-$1" --dry-run --json --threads "$threads"
    if [[ -z "$sh_s" ]] || lt "$wall_s" "$sh_s"; then
      sh_s=$wall_s sh_kb=$rss_kb
      sh_ms=$(json "$out/stdout.txt" j.duration_ms)
      sh_rows=$(json "$out/stdout.txt" 'j.steps[0].rows')
      sh_sample=$(json "$out/stdout.txt" 'j.steps[1].rows')
    fi
  done
}
# duck SQLFILE → dk_s (in-process), dk_wall, dk_kb, dk_res ("rows sample")
duck_best() {
  dk_s=""
  for _ in $(seq "$repeat"); do
    once node bench/duckdb_engine.mjs query "$duck" "$1" "$threads"
    local s
    s=$(json "$out/stdout.txt" j.seconds)
    if [[ -z "$dk_s" ]] || lt "$s" "$dk_s"; then
      dk_s=$s dk_wall=$wall_s dk_kb=$rss_kb
      dk_res=$(json "$out/stdout.txt" 'j.results.join(" ")')
    fi
  done
}
# lite SQLFILE → sq_s (sum of .timer), sq_wall, sq_kb, sq_res
lite_best() {
  sq_s=""
  { echo ".timer on"; cat "$1"; } >"$out/query.sql"
  for _ in $(seq "$sqlite_repeat"); do
    once sqlite3 -bail "$lite" ".read $out/query.sql"
    local s
    s=$(awk '/^Run Time: real/ {t += $4} END {print t}' "$out/stdout.txt")
    if [[ -z "$sq_s" ]] || lt "$s" "$sq_s"; then
      sq_s=$s sq_wall=$wall_s sq_kb=$rss_kb
      sq_res=$(grep -v '^Run Time' "$out/stdout.txt" | paste -sd' ')
    fi
  done
}

results="$out/results.txt"
{
  printf '引擎基准 engine benchmark: %s rows per table, %s threads (SQLite 1), best of %s (SQLite %s)\n' \
    "$rows" "$threads" "$repeat" "$sqlite_repeat"
  printf '%s\n' "$(uname -m), $(nproc) cores, shanhai $("$shanhai" --version 2>/dev/null | head -1 || true), DuckDB $(cd bench && node -p 'require("@duckdb/node-api/package.json").version' 2>/dev/null || true) (node-api), SQLite $(sqlite3 --version | cut -d' ' -f1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '\n导入（不参与比较）/ load, not compared: Shanhai import penalties %.2f s (%s MiB) + payments %.2f s (%s MiB); DuckDB read_csv both %.2f s (%s MiB); SQLite .import both %.2f s (%s MiB)\n' \
    "$imp_l_s" "$(mib "$imp_l_kb")" "$imp_r_s" "$(mib "$imp_r_kb")" "$duck_load_s" \
    "$(mib "$duck_load_kb")" "$lite_load_s" "$(mib "$lite_load_kb")"
} | tee "$results"

declare -A row
for shape in absence match repeat; do
  shanhai_best "$shape"
  duck_best "bench/sql/$shape.sql";        d_s=$dk_s d_wall=$dk_wall d_kb=$dk_kb d_res=$dk_res
  duck_best "bench/sql/$shape-count.sql";  dc_s=$dk_s dc_kb=$dk_kb dc_res=$dk_res
  lite_best "bench/sql/$shape.sql";        q_s=$sq_s q_kb=$sq_kb q_res=$sq_res
  lite_best "bench/sql/$shape-count.sql";  qc_s=$sq_s qc_kb=$sq_kb qc_res=$sq_res
  check="ok"
  for r in "$d_res" "$q_res"; do [[ "$r" == "$sh_rows $sh_sample" ]] || check="MISMATCH"; done
  for r in "$dc_res" "$qc_res"; do [[ "$r" == "$sh_rows" ]] || check="MISMATCH"; done
  row[$shape]=$(printf '%s %s %s %s %s %s %s %s %s %s %s %s %s %s %s' "$sh_s" "$sh_ms" "$d_s" "$q_s" \
    "$sh_kb" "$d_kb" "$q_kb" "$d_wall" "$dc_s" "$dc_kb" "$qc_s" "$qc_kb" "$sh_rows" "$check" \
    "$sh_sample")
done

{
  printf '\n%-8s %10s %9s %9s %9s %10s %10s %8s %8s %8s %11s %s\n' shape "Shanhai s" "(run ms)" \
    "DuckDB s" "SQLite s" "Sh/DuckDB" "Sh/SQLite" "Sh MiB" "Dk MiB" "Sq MiB" rows check
  for shape in absence match repeat; do
    read -r s ms d q skb dkb qkb dwall dc dckb qc qckb n check _ <<<"${row[$shape]}"
    printf '%-8s %10.2f %9s %9.2f %9.2f %9.2fx %9.2fx %8s %8s %8s %11s %s\n' "$shape" "$s" "$ms" "$d" \
      "$q" "$(awk "BEGIN{print $s/$d}")" "$(awk "BEGIN{print $s/$q}")" "$(mib "$skb")" \
      "$(mib "$dkb")" "$(mib "$qkb")" "$n" "$check"
  done
  printf '\ncount(*) only (no materialised result) and DuckDB whole-process wall time:\n'
  printf '%-8s %16s %10s %16s %10s %18s\n' shape "DuckDB count s" "Dk MiB" "SQLite count s" "Sq MiB" \
    "DuckDB process s"
  for shape in absence match repeat; do
    read -r s ms d q skb dkb qkb dwall dc dckb qc qckb n check _ <<<"${row[$shape]}"
    printf '%-8s %16.2f %10s %16.2f %10s %18.2f\n' "$shape" "$dc" "$(mib "$dckb")" "$qc" \
      "$(mib "$qckb")" "$dwall"
  done
  printf '\nShanhai s: whole `shanhai run --dry-run --json` process; (run ms): its duration_ms. DuckDB s and\n'
  printf 'SQLite s: the statements of bench/sql/SHAPE.sql, timed inside the process. Ratios > 1: Shanhai slower.\n'
} | tee -a "$results"
