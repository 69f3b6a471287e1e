#!/usr/bin/env bash
# Installs the Debian packages the playground's WebAssembly build needs (scripts/web.sh), beyond
# scripts/deps.sh's: Emscripten (em++, emcmake; it brings node-acorn for its JS optimiser).
# Idempotent: installs only what is missing, and prints nothing when nothing is.
set -euo pipefail

packages=(emscripten)
# Node runs the golden test and python3 serves the site (--serve); any node will do.
command -v node >/dev/null || packages+=(nodejs)
command -v python3 >/dev/null || packages+=(python3)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "deps_web.sh: installing ${missing[*]}"
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
