#!/usr/bin/env bash
# Measures simulation speed and memory (docs/performance.md): builds pipesim and the benchmark
# programs in Release (build-release/), then runs scripts/bench.py, which prints one table and
# writes it as JSON under bench/results/.
#   scripts/bench.sh                 every benchmark on the functional model and every preset
#                                    `pipesim configs` lists (but those without interlocks), with
#                                    the engine that ran it (timing or cycle: Ripes' dual issue
#                                    run on the cycle model), median of 3 runs, scaling check at
#                                    10^6, 10^7, 10^8 cycles; each preset the timing model runs
#                                    again on the cycle model; the functional model against
#                                    qemu-user; then the summary with every target, met or missed
#   scripts/bench.sh --docs          the same, and the summary written into docs/performance.md
#   scripts/bench.sh --quick         a tenth of each program, 1 run, scaling up to 10^7
#   scripts/bench.sh --mode trace-speed    each trace format's speed (--quick: a tenth)
#   scripts/bench.sh --mode trace-memory   the streaming trace's peak memory over 200 M cycles
#   scripts/bench.sh --mode qemu     the functional model against qemu-riscv32 alone
#   scripts/bench.sh --help          all options (--runs N, --programs, --configs, -o FILE, ...)
# Exits non-zero if a run gives a wrong result, the scaling check fails or (trace-memory) the
# streaming trace reaches 50 MiB.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build-release"
if [[ " $* " != *" --help "* && " $* " != *" -h "* ]]; then
  bash "$root/scripts/deps.sh"  # first: it installs the cross compiler asked for below
  targets=(pipesim)
  if command -v riscv64-unknown-elf-gcc > /dev/null; then targets+=(programs); fi
  bash "$root/scripts/release_build.sh" "${targets[@]}"
fi
exec python3 "$root/scripts/bench.py" "$build/pipesim" --elf-dir "$build/programs" "$@"
