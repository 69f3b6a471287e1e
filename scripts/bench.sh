#!/usr/bin/env bash
# Measures simulation speed (Release build, one core): the functional model and the 5-stage
# pipeline on programs/bench/alu_loop.s (50 million instructions). Prints instructions or cycles
# per simulated second of host time, the median of several runs. Usage: scripts/bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
build=build-release
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPIPESIM_TESTS=OFF > /dev/null
cmake --build "$build" --target pipesim > /dev/null

python3 - "$build/pipesim" "$runs" <<'PY'
import json, os, statistics, subprocess, sys, tempfile, time
binary, runs = sys.argv[1], int(sys.argv[2])
prog = "programs/bench/alu_loop.s"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"machine: {os.cpu_count()} cores, {cpu}")
print(f"program: {prog}, median of {runs} runs")

def measure(label, key, extra):
    rates = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result.json")
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([binary, "run", prog, *extra, "--json", out], stdout=subprocess.DEVNULL)
            seconds = time.perf_counter() - start
            count = json.load(open(out))[key]
            rates.append(count / seconds)
    print(f"{label:<30} {count:>12,} {key:<13} {statistics.median(rates) / 1e6:8.1f} M/s")

measure("functional model", "instructions", [])
measure("pipeline, 5-stage preset", "cycles", ["--config", "5-stage"])
PY
