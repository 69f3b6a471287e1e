#!/usr/bin/env bash
# Builds pipesim and runs the whole test suite; exits non-zero on any failure.
#   scripts/test.sh              build/     (RelWithDebInfo), and the playground (build-web/)
#   scripts/test.sh --sanitize   build-san/ (-O1 -g1, AddressSanitizer + UBSan; no playground)
#   scripts/test.sh --release    build/     (Release, -O3: GCC warns about more; CI uses it)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

build="$root/build"
sanitize=OFF
type=RelWithDebInfo
flags=()
for arg in "$@"; do
  case "$arg" in
    # -O1 and line tables only, as the sanitizers' own documentation advises (and OSS-Fuzz
    # builds): the reports keep file:line, and the build takes about half the time of -O2 -g.
    # Precompiled headers too: this is CI's slowest build (CMakeLists.txt, PIPESIM_PCH).
    --sanitize) build="$root/build-san" sanitize=ON flags=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DPIPESIM_PCH=ON) ;;
    # One build that is both the test build and the -O3 warning check saves CI a second build.
    --release) type=Release ;;
    -h | --help) sed -n '2,5s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "test.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

bash "$root/scripts/deps.sh"
# playwright-core for the HTML view's browser test, pinned by tests/browser/package-lock.json.
if [[ ! -d "$root/tests/browser/node_modules" ]]; then
  (cd "$root/tests/browser" && npm ci --no-audit --no-fund)
fi
# The playground's WebAssembly module (scripts/web.sh), for its comparison with the command
# (tests/web/); once, in the unsanitized build.
web_site=""
if [[ $sanitize == OFF ]]; then
  bash "$root/scripts/web.sh"
  web_site="$root/build-web/site"
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=$type -DPIPESIM_WERROR=ON -DPIPESIM_SANITIZE="$sanitize" "-DPIPESIM_WEB_SITE=$web_site" "${flags[@]}"
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j2
