#!/usr/bin/env bash
# Builds every libFuzzer target in tests/fuzz with clang (ASan + UBSan) and runs each one
# for a bounded time. Exits non-zero if any target crashes or reports a sanitizer error.
#
#   tests/fuzz/run.sh [BUILD_DIR]            BUILD_DIR defaults to build-fuzz
#   FUZZ_SECONDS=60 tests/fuzz/run.sh        seconds per target (default 20)
#   FUZZ_SEED=7 tests/fuzz/run.sh            libFuzzer seed (default 1, so CI runs repeat)
#   FUZZ_TARGETS="date money" tests/fuzz/run.sh   only these targets (default: all)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:-build-fuzz}"
seconds="${FUZZ_SECONDS:-20}"
# Every tests/fuzz/<name>_fuzz.cpp is a target.
targets=()
if [[ -n "${FUZZ_TARGETS:-}" ]]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  for src in "$here"/*_fuzz.cpp; do
    name="$(basename "$src" .cpp)"
    targets+=("${name%_fuzz}")
  done
fi

export CC=clang CXX=clang++
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)"

# A few real spellings per normalize target to start from; libFuzzer adds what it finds.
seeds() {
  case "$1" in
    id_number) printf '%s\n' 11010519491231002x '１１０１０５１９４９１２３１００２Ｘ' 110105491231002 \
                 '110105 19491231 002X' 1.10105E+17 ;;
    uscc) printf '%s\n' 91350100M000100Y43 M000100Y-4 110108000000016 '９１３５０１００ｍ０００１００ｙ４３' ;;
    case_number) printf '%s\n' '（2023）浙0106刑初123号' '林罚决字〔2023〕第12号' '(2023)最高法民终45号' \
                   '（2023）沪72民初8号之一' '2023浙0106刑初123号' ;;
    date) printf '%s\n' 2023-08-21 2023/8/21 20230821 2023年8月21日 二〇二三年八月二十一日 45159.5 \
            '2023-08-21T14:30:05+08:00' '2023年8月21日下午3时30分' 2023-08 ;;
    money) printf '%s\n' 5,000.00 0.5万元 ￥5000 人民币伍仟元整 壹万贰仟叁佰肆拾伍元陆角柒分 1万2千元 -500 ;;
    bac) printf '%s\n' 186.5mg/100ml 186.5毫克/100毫升 '血液中乙醇含量为186.5mg/100ml' 1.865g/L 未检出 ;;
    *) ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  i=0
  while IFS= read -r line; do
    printf '%s' "$line" >"$corpus/seed-$i"
    i=$((i + 1))
  done < <(seeds "$t")
  log="$build/$t.log"
  echo "== $t: ${seconds}s"
  if (cd "$build" && "./${t}_fuzz" -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=4096 \
        -max_len=256 -print_final_stats=1 "corpus/$t") >"$log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^Done" "$log" | tr '\n' ' ' || true
    echo
  else
    echo "!! $t failed; the crashing input is in $build (crash-*); log: $log"
    tail -n 40 "$log"
    status=1
  fi
done
exit "$status"
