#!/usr/bin/env bash
# Formats our C++ sources with clang-format (.clang-format at the repository root).
#   scripts/format.sh           rewrite the files in place
#   scripts/format.sh --check   change nothing; list unformatted files and fail if there are any
# Files: isa/, sim/, cli/, web/ (recursively) and tests/ (*.cpp, *.hpp, including tests/support/).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

check=false
case "${1:-}" in
  "") ;;
  --check) check=true ;;
  *) echo "format.sh: unknown option '$1' (use --check)" >&2; exit 2 ;;
esac

mapfile -t files < <(find isa sim cli web tests -type f \( -name '*.cpp' -o -name '*.hpp' \) \
                       -not -path 'tests/asm/*' | sort)
[[ ${#files[@]} -gt 0 ]] || exit 0

if ! $check; then
  clang-format -i "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [[ ${#bad[@]} -gt 0 ]]; then
  echo "format.sh: not formatted (run scripts/format.sh):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
