#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp) with clang, AddressSanitizer and UBSan
# in build-fuzz/, and runs each for SECONDS (default 60) from its seeds: tests/fuzz/corpus/<name>/
# and what tests/fuzz/seeds.txt gathers (programs, presets, test corpora) at run time.
#   scripts/fuzz.sh [SECONDS] [HARNESS...]     e.g. scripts/fuzz.sh 30 fuzz_asm fuzz_run
# New inputs accumulate in build-fuzz/corpus/<harness>/ (kept between runs); a crash, leak,
# sanitizer report or time-out is saved in build-fuzz/crashes/<harness>/ and makes the script
# fail. Reproduce one with: build-fuzz/tests/fuzz/<harness> build-fuzz/crashes/<harness>/crash-…
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
case "${1:-}" in
  -h | --help) sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
esac
seconds=${1:-60}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS must be a number, got '$seconds'" >&2; exit 2; }
shift $(($# > 0 ? 1 : 0))

bash "$root/scripts/deps.sh"
build="$root/build-fuzz"
# Line tables only, as OSS-Fuzz builds: reports keep file:line, and the build is much faster than
# with full debug information. -O2 rather than -O1: fuzz_run gets about 20 % more executions.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -gline-tables-only -DNDEBUG" \
  -DCMAKE_CXX_COMPILER=clang++ -DPIPESIM_FUZZ=ON -DPIPESIM_TESTS=OFF >/dev/null
cmake --build "$build" --target fuzzers

harnesses=("$@")
if [[ ${#harnesses[@]} -eq 0 ]]; then
  for f in "$root"/tests/fuzz/fuzz_*.cpp; do harnesses+=("$(basename "$f" .cpp)"); done
fi

# gather_seeds NAME DIR: copies into DIR (emptied first) the seeds tests/fuzz/seeds.txt lists for
# the harness NAME, each named after its path (programs/examples/hello.s -> programs_examples_hello.s)
# so that files of the same name in different folders stay apart.
gather_seeds() {
  local name=$1 dir=$2 harness folder ending recursive file rel
  rm -rf "$dir" && mkdir -p "$dir"
  while read -r harness folder ending recursive; do
    [[ -z "$harness" || "$harness" == \#* || "$harness" != "$name" ]] && continue
    local depth=(-maxdepth 1)
    [[ "$recursive" == recursive ]] && depth=()
    while IFS= read -r -d '' file; do
      rel=${file#"$root/"}
      cp "$file" "$dir/${rel//\//_}"
    done < <(find "$root/$folder" "${depth[@]}" -type f -name "*$ending" -print0)
  done < "$root/tests/fuzz/seeds.txt"
}

# Each harness is one process on one core: they run as many at a time as there are cores (CI's
# 5 x 20 s take 60 s on two cores instead of 100), and are reported in order when all are done.
for h in "${harnesses[@]}"; do
  [[ -x "$build/tests/fuzz/$h" ]] || { echo "fuzz.sh: no harness '$h'" >&2; exit 2; }
done
fuzz_one() {  # fuzz_one HARNESS: runs it; its status goes to build-fuzz/HARNESS.status
  local h=$1 name=${1#fuzz_} status=0
  local corpus="$build/corpus/$name" crashes="$build/crashes/$name" seeds="$build/seeds/$name"
  # Its own scratch folder as TMPDIR: what a crash or a time-out leaves there is removed after.
  local scratch="$build/tmp/$name"
  rm -rf "$scratch" && mkdir -p "$corpus" "$crashes" "$scratch"
  gather_seeds "$name" "$seeds"
  local own="$root/tests/fuzz/corpus/$name"  # absent when the harness has no seeds of its own
  [[ -d "$own" ]] || own=""
  TMPDIR="$scratch" "$build/tests/fuzz/$h" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" $own "$seeds" \
    >"$build/$h.log" 2>&1 || status=$?
  rm -rf "$scratch"
  echo "$status" >"$build/$h.status"
}
at_once=$(nproc)
for h in "${harnesses[@]}"; do
  while (($(jobs -rp | wc -l) >= at_once)); do wait -n || true; done
  fuzz_one "$h" &
done
wait

failed=()
for h in "${harnesses[@]}"; do
  log="$build/$h.log"
  status=$(cat "$build/$h.status")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [[ $status -eq 0 ]]; then
    echo "fuzz.sh: $h: ${runs:-?} executions in ${seconds}s, nothing found"
  else
    echo "fuzz.sh: $h: FOUND A PROBLEM after ${runs:-?} executions (status $status); log $log" >&2
    grep -E "^==[0-9]+==|SUMMARY|terminate|what\(\)|Test unit written|#[0-9]+ .* in pipesim::" \
      "$log" | head -30 >&2 || true
    unit=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
    if [[ -n "$unit" && -f "$unit" && $(stat -c %s "$unit") -le 16384 ]]; then
      echo "fuzz.sh: the input, in base64:" >&2
      base64 -w 100 "$unit" >&2
    fi
    failed+=("$h")
  fi
done
[[ ${#failed[@]} -eq 0 ]] || { echo "fuzz.sh: problems found by: ${failed[*]}" >&2; exit 1; }
