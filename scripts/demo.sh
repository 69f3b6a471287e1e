#!/usr/bin/env bash
# Builds pipesim and runs the flagship example, programs/examples/pipeline_demo.s: a loop with a
# load-use hazard, a RAW chain and a taken branch. Shows the program's output, then (where this
# pipesim has them) its pipeline diagram on the 5-stage machine and the final registers.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build"

bash "$root/scripts/deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" >/dev/null

pipesim="$build/pipesim"
demo="programs/examples/pipeline_demo.s"
cd "$root"
help=$("$pipesim" run --help 2>/dev/null || true)
has() { grep -q -- "$1" <<<"$help"; }

# Runs pipesim with the given arguments, echoing the command; its exit status (the program's
# exit status, 90 for the demo) is reported rather than treated as a failure.
show() {
  echo "\$ pipesim $*"
  local status=0
  "$pipesim" "$@" || status=$?
  echo "(exit status $status)"
  echo
}

show run "$demo"
if has --diagram && has --config; then
  show run "$demo" --config 5-stage --diagram
fi
show compare "$demo"
if has --regs; then
  show run "$demo" --regs
fi
