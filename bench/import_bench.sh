#!/usr/bin/env bash
# Import benchmark (issue "Foundation"): a generated CSV of Chinese records imported by Shanhai,
# by DuckDB's read_csv (@duckdb/node-api) and by SQLite's .import, same file, same run.
# Prints wall time, rows/s and peak memory of each, and Shanhai's ratios to the others.
#
#   bash bench/import_bench.sh [ROWS] [--gbk]     (default 1000000 rows, UTF-8)
# With --gbk Shanhai imports a GB18030 file; DuckDB and SQLite read the same records in UTF-8.
#
# Each engine runs REPEAT times (default 3); the fastest run is reported. Peak memory is the
# maximum resident set size of the whole process (/usr/bin/time), Node.js included for DuckDB.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
gbk="${2:-}"
repeat="${REPEAT:-3}"
threads="${THREADS:-$(nproc)}"

bash scripts/build >/dev/null
# `npm ci` refuses this lock file here (the registry mirror lacks other platforms' optional
# DuckDB bindings, so they are not in the lock); `npm install` installs the pinned versions.
(cd bench && npm install --no-audit --no-fund --loglevel=error >/dev/null)

out=bench/out
mkdir -p "$out"
csv="$out/records-${rows}${gbk:+-gbk}.csv"
[[ -f "$csv" ]] || build/bench/shanhai_gen_records "$rows" "$csv" $gbk
bytes=$(stat -c %s "$csv")
# DuckDB reads GB18030 only through an extension it downloads, and SQLite not at all: with
# --gbk they read the same records as UTF-8, and Shanhai reads the GB18030 file.
ref_csv="$out/records-${rows}.csv"
[[ -f "$ref_csv" ]] || build/bench/shanhai_gen_records "$rows" "$ref_csv"

# run NAME COMMAND...: best wall seconds and its peak RSS (KiB) → globals best_s, best_kb
measure() {
  best_s=""; best_kb=""
  for _ in $(seq "$repeat"); do
    "$@" >/dev/null 2>"$out/time.txt" || { cat "$out/time.txt"; exit 1; }
    local s kb
    s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); t=0; for(i=1;i<=n;i++) t=t*60+a[i]; print t}' "$out/time.txt")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")
    if [[ -z "$best_s" ]] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_kb=$kb; fi
  done
}

shanhai_run() {
  rm -rf "$out/ws" && build/shanhai init "$out/ws" >/dev/null
  /usr/bin/time -v build/shanhai import "$out/ws" records "$csv"
}
duckdb_run() {
  rm -f "$out/duck.db" "$out/duck.db.wal"
  /usr/bin/time -v node bench/duckdb_read_csv.mjs "$ref_csv" "$out/duck.db" "$threads"
}
sqlite_run() {
  rm -f "$out/sqlite.db"
  /usr/bin/time -v sqlite3 "$out/sqlite.db" ".import --csv $ref_csv t"
}

measure shanhai_run;  sh_s=$best_s; sh_kb=$best_kb
measure duckdb_run;   dk_s=$best_s; dk_kb=$best_kb
measure sqlite_run;   sq_s=$best_s; sq_kb=$best_kb

mib() { awk "BEGIN{printf \"%.0f\", $1/1024}"; }
printf '\n导入基准 import benchmark: %s rows, %s MiB %s, %s threads, best of %s\n' \
  "$rows" "$(mib $((bytes / 1024)))" "${gbk:-utf-8}" "$threads" "$repeat"
printf '%-22s %9s %14s %12s\n' engine seconds rows/s "peak MiB"
for e in "shanhai:$sh_s:$sh_kb" "duckdb read_csv:$dk_s:$dk_kb" "sqlite3 .import:$sq_s:$sq_kb"; do
  IFS=: read -r name s kb <<<"$e"
  printf '%-22s %9.2f %14.0f %12s\n' "$name" "$s" "$(awk "BEGIN{print $rows/$s}")" "$(mib "$kb")"
done
awk -v a="$sh_s" -v b="$dk_s" -v c="$sq_s" -v m="$sh_kb" -v f="$bytes" 'BEGIN{
  printf "\nshanhai / duckdb time ratio: %.2fx (target <= 2x)\n", a/b;
  printf "shanhai / sqlite time ratio: %.2fx\n", a/c;
  printf "shanhai peak memory / file size: %.2fx (target < 3x)\n", m*1024/f }'
