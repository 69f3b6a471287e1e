#!/usr/bin/env bash
# Checks that the streaming JSONL trace runs in constant memory (docs/performance.md): a run of
# about 200 million cycles (programs/bench/alu_loop.s, 28,571,429 iterations: 7 cycles each on
# the 5-stage preset, 200,000,012 cycles) with --trace-jsonl /dev/null must peak below 50 MiB of
# resident memory (GNU time's "Maximum resident set size"). Prints the figure; exits 1 if over.
#   scripts/trace_memory.sh [PIPESIM]      default: a Release build in build-release/
# Takes about a minute per 10 M cycles/s of trace speed (20 s at 10 M cycles/s).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pipesim=${1:-}
if [[ -z "$pipesim" ]]; then
  bash "$root/scripts/release_build.sh"
  pipesim="$root/build-release/pipesim"
fi
iterations=28571429
limit_kib=$((50 * 1024))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s/^\(\s*\.equ\s*ITERATIONS,\s*\)[0-9]*/\1$iterations/" "$root/programs/bench/alu_loop.s" \
  > "$work/alu_loop.s"
grep -q "ITERATIONS, $iterations" "$work/alu_loop.s"

start=$(date +%s.%N)
# The guest exits with its checksum (not 0); pipesim's own failures are >= 2 with a message.
set +e
/usr/bin/time -v "$pipesim" run "$work/alu_loop.s" --config 5-stage -q --max-cycles 300000000 \
  --trace-jsonl /dev/null --json "$work/result.json" 2> "$work/time.txt"
status=$?
set -e
end=$(date +%s.%N)
if grep -q "^error:" "$work/time.txt"; then
  cat "$work/time.txt" >&2
  exit 1
fi
rss_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
python3 - "$rss_kib" "$limit_kib" "$start" "$end" "$work/result.json" "$status" <<'PY'
import json, sys
rss, limit, start, end, result, status = sys.argv[1:]
rss, limit = int(rss), int(limit)
cycles = json.load(open(result))["cycles"]
secs = float(end) - float(start)
print(f"--trace-jsonl /dev/null, 5-stage, {cycles:,} cycles (guest exit {status}): "
      f"peak RSS {rss / 1024:.1f} MiB (limit {limit / 1024:.0f} MiB), "
      f"{secs:.1f} s, {cycles / secs / 1e6:.2f} M cycles/s")
sys.exit(0 if rss < limit else 1)
PY
