#!/usr/bin/env bash
# Regenerates the answer keys of programs/exercises/ (keys/<exercise>.<machine>.txt) with
# `pipesim check --key`. tests/golden/classroom_exercises_test.cpp checks every key against a hand
# derivation and against a fresh run, so a model change that moves a cell fails a test until
# the keys are regenerated (and the derivations re-checked).
# Usage: scripts/exercise_keys.sh [PIPESIM]   (default: build/pipesim)
set -euo pipefail
cd "$(dirname "$0")/.."
pipesim=${1:-build/pipesim}
dir=programs/exercises

keys=(
  raw_forwarding:5-stage-no-forwarding raw_forwarding:5-stage
  load_use:5-stage
  branch_policies:5-stage branch_policies:5-stage-branch-in-id branch_policies:5-stage-2bit
  schedule_loads:5-stage
  loop_unrolling:5-stage
  deeper_pipeline:5-stage deeper_pipeline:7-stage
  no_interlocks:5-stage-no-interlocks
  speedup:5-stage speedup:multi-cycle
  jumps:5-stage jumps:5-stage-branch-in-id
  structural_memory_port:5-stage-unified-memory structural_memory_port:5-stage
  multicycle_waw:5-stage-mul-div multicycle_waw:5-stage-parallel-fu
  morning_routine:5-stage-mul-div morning_routine:5-stage-parallel-fu
  morning_routine:5-stage-two-dividers
  dual_issue_pairs:2-wide-any
)

for k in "${keys[@]}"; do
  name=${k%%:*} machine=${k#*:}
  "$pipesim" check "$dir/$name.s" --config "$machine" --key -o "$dir/keys/$name.$machine.txt"
done
echo "exercise_keys.sh: ${#keys[@]} keys in $dir/keys"
