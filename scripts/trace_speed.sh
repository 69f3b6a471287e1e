#!/usr/bin/env bash
# Measures simulation speed with each trace format written to /dev/null (docs/performance.md,
# "Trace output"): programs/bench/alu_loop.s on the 5-stage preset (7 cycles per iteration),
# wall time of the whole `pipesim run`, one run each, Release build (build-release/).
#   scripts/trace_speed.sh [PIPESIM]
# The streaming formats run 2,000,000 iterations (14,000,009 cycles); --trace-json assembles its
# document in memory, so it runs 200,000 iterations (1,400,009 cycles).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pipesim=${1:-}
if [[ -z "$pipesim" ]]; then
  bash "$root/scripts/release_build.sh"
  pipesim="$root/build-release/pipesim"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
program() {  # program ITERATIONS -> path
  sed "s/^\(\s*\.equ\s*ITERATIONS,\s*\)[0-9]*/\1$1/" "$root/programs/bench/alu_loop.s" \
    > "$work/loop_$1.s"
  echo "$work/loop_$1.s"
}
measure() {  # measure LABEL ITERATIONS [OPTION FILE]; cycles from the run's --json result
  local label=$1 iterations=$2
  shift 2
  local prog
  prog=$(program "$iterations")
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$pipesim" run "$prog" --config 5-stage -q \
    --json "$work/result.json" "$@" || true
  end=$(date +%s.%N)
  python3 - "$label" "$work/result.json" "$start" "$end" "$(tail -1 "$work/rss")" <<'PY'
import json, sys
label, result, start, end, rss = sys.argv[1:]
cycles = json.load(open(result))["cycles"]
secs = float(end) - float(start)
print(f"| {label} | {cycles:,} | {secs:.2f} s | {cycles / secs / 1e6:.2f} M | "
      f"{int(rss) / 1024:.1f} MiB |")
PY
}
echo "| output | cycles | wall time | cycles/s | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
measure "no trace" 2000000
measure "--trace-jsonl /dev/null" 2000000 --trace-jsonl /dev/null
measure "--trace-konata /dev/null" 2000000 --trace-konata /dev/null
measure "--trace-chrome /dev/null" 2000000 --trace-chrome /dev/null
measure "--trace-json /dev/null" 200000 --trace-json /dev/null
measure "no trace" 200000
