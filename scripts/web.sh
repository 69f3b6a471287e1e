#!/usr/bin/env bash
# Builds the playground (docs/web.md): pipesim compiled to WebAssembly by Emscripten, and the
# static site around it in build-web/site/, which works from file:// or any static host.
#   scripts/web.sh                 build into build-web/, assemble build-web/site/
#   scripts/web.sh --serve [PORT]  the same, then serve the site on http://127.0.0.1:PORT/ (8000)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build-web"
site="$build/site"

serve=false
port=8000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --serve)
      serve=true
      if [[ $# -gt 1 && "$2" != -* ]]; then
        [[ "$2" =~ ^[0-9]+$ && "$2" -ge 1 && "$2" -le 65535 ]] ||
          { echo "web.sh: '$2' is not a port number (1 to 65535)" >&2; exit 2; }
        port=$2
        shift
      fi
      ;;
    -h | --help) sed -n '2,5s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "web.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

bash "$root/scripts/deps.sh" --web
# Debian's Emscripten runs its JavaScript optimiser with the system's node, which finds Debian's
# node-acorn only on this path (a NodeSource node does not look there).
if [[ -d /usr/share/nodejs && ":${NODE_PATH:-}:" != *:/usr/share/nodejs:* ]]; then
  export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
fi

# -O2 and the third-party headers precompiled (PIPESIM_PCH): the build's time matters in CI
# (docs/web.md has the figures). ccache, when installed, caches what it can (not the header).
# Warnings are not errors here: -Werror holds for GCC (scripts/test.sh); clang's warnings differ.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
emcmake cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" -DPIPESIM_TESTS=OFF -DPIPESIM_WERROR=OFF -DPIPESIM_PCH=ON \
  "${launcher[@]}" >/dev/null
cmake --build "$build" --target pipesim_wasm

# The site: the module, its wrapper, the programs, the page (web/site/) and the HTML view's
# script and styles, which the page shares with `pipesim run --html`.
rm -rf "$site"
mkdir -p "$site"
cp "$build/web/pipesim.js" "$root/web/bind/pipesim-api.js" "$site/"
python3 "$root/scripts/web_programs.py" "$root" "$site/programs.js"
if [[ -d "$root/web/site" ]]; then
  cp -R "$root/web/site/." "$site/"
fi
cp "$root/sim/report/html/view.js" "$root/sim/report/html/view.css" "$site/"
echo "web.sh: the site is in $site ($(du -sh "$site" | cut -f1)); open $site/index.html"

if $serve; then
  echo "web.sh: serving http://127.0.0.1:$port/ (Ctrl-C stops)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site"
fi
