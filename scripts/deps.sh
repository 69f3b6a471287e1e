#!/usr/bin/env bash
# Installs the Debian packages pipesim needs to build, test and run its guest programs (Debian 12).
# Idempotent: installs only what is missing, and prints nothing when nothing is.
#   scripts/deps.sh [--web]
set -euo pipefail

packages=(
  build-essential cmake ninja-build g++ clang-format        # build and format
  catch2 libcli11-dev nlohmann-json3-dev libfmt-dev         # libraries
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf      # guest programs (programs/)
  qemu-user                                                 # reference model (qemu-riscv32)
  python3 python3-jsonschema                                # config schema checks
  time parallel                                             # bench.sh peak memory; sweeps test
  chromium chromium-driver                                  # HTML view browser test (tests/browser)
  clang libclang-rt-dev                                     # libFuzzer (scripts/fuzz.sh)
)
# --web: also Emscripten for the playground's WebAssembly build (scripts/web.sh; it brings
# node-acorn for its JavaScript optimiser).
for arg in "$@"; do
  case "$arg" in
    --web) packages+=(emscripten) ;;
    *) echo "deps.sh: unknown option '$arg' (--web)" >&2; exit 2 ;;
  esac
done
# Node and npm drive the browser test: any installation will do (Debian's nodejs and npm, or
# NodeSource's nodejs, which bundles npm and conflicts with Debian's npm package).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "deps.sh: installing ${missing[*]}"
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
