#!/usr/bin/env bash
# Measures how a large sweep scales (docs/sweeps.md, "Memory"): 100 tiny programs x 1,000 values
# of a --set = 100,000 runs, written to a CSV table, then the same sweep as packed jobs (100 runs
# per job) run with GNU parallel and merged. Prints each step's wall time and peak memory (GNU
# time's maximum resident set size), and checks that the merged table equals the direct one.
#   scripts/sweep_scale.sh [PIPESIM] [PROGRAMS] [VALUES]   defaults: build/pipesim 100 1000
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pipesim=$(realpath "${1:-$root/build/pipesim}")
programs=${2:-100}
values=${3:-1000}
work=$(mktemp -d /tmp/pipesim-sweep-scale.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir progs
for ((p = 0; p < programs; ++p)); do
  # A few instructions each, different exit codes: runs of about ten cycles.
  printf '.globl _start\n_start:\n  li a0, %d\n  addi a0, a0, 1\n  li a7, 93\n  ecall\n' \
    "$((p % 200))" > "progs/p$(printf '%04d' "$p").s"
done
set_values=$(seq -s, 100 $((100 + values - 1)))
sweep=(sweep --programs 'progs/*.s' --configs 5-stage --set "stages[2].latency_ps=$set_values")

measure() {  # measure LABEL COMMAND...: wall time and peak RSS
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o time.txt "$@"
  read -r seconds kib < time.txt
  printf '%-28s %8.1f s %8.1f MiB\n' "$label" "$seconds" "$(echo "$kib / 1024" | bc -l)"
}

runs=$((programs * values))
echo "sweep of $runs runs ($programs programs x $values values), $(nproc) threads"
measure "sweep -o table.csv" "$pipesim" "${sweep[@]}" -o table.csv --quiet
printf '%-28s %8s   %8.1f MiB\n' "table.csv size" "" "$(echo "$(stat -c %s table.csv) / 1048576" | bc -l)"
measure "sweep --emit-jobs (100/job)" "$pipesim" "${sweep[@]}" --emit-jobs jobs.txt \
  --results-dir results --per-job 100 --quiet
measure "jobs by GNU parallel -j$(nproc)" parallel --will-cite -j"$(nproc)" :::: jobs.txt
measure "merge results -o merged.csv" "$pipesim" merge results -o merged.csv
cmp -s table.csv merged.csv && echo "merged table == direct table" || {
  echo "sweep_scale.sh: the merged table differs from the direct one" >&2
  exit 1
}
