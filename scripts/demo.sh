#!/usr/bin/env bash
# Builds pipesim and runs the flagship example, programs/examples/pipeline_demo.s: a loop with a
# load-use hazard, a RAW chain and a taken branch.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build"

bash "$root/scripts/deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" >/dev/null

pipesim="$build/pipesim"
demo="$root/programs/examples/pipeline_demo.s"
echo "\$ pipesim run programs/examples/pipeline_demo.s"
args=(run)
# Show the final registers too, where this pipesim has the option.
if "$pipesim" run --help 2>/dev/null | grep -q -- '--regs'; then args+=(--regs); fi
status=0
"$pipesim" "${args[@]}" "$demo" || status=$?
echo "(exit status $status)"
