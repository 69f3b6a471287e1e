#!/usr/bin/env bash
# Builds pipesim in Release (build-release/, tests off) for the measurement scripts
# (bench.sh), installing what is missing first.
#   scripts/release_build.sh [TARGET...]     default target: pipesim
# Prints nothing but errors; the binary is build-release/pipesim.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(pipesim)
bash "$root/scripts/deps.sh"
cmake -S "$root" -B "$root/build-release" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DPIPESIM_TESTS=OFF > /dev/null
cmake --build "$root/build-release" --target "${targets[@]}" > /dev/null
