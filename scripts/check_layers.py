#!/usr/bin/env python3
"""Fails on any #include that goes up a layer (docs/design.md, "Layers").

Each folder of production code is one layer and may include only itself and the layers listed
for it below; the libraries in CMakeLists.txt link the same graph. Tests (tests/) sit above
everything and may include anything. Run by ctest (check_layers) and so by CI.

    scripts/check_layers.py [ROOT]     exit 0 if every include keeps to the layers, 1 otherwise
    scripts/check_layers.py --self-test   shows that the check fails on an upward include
"""
import re
import sys
from pathlib import Path

# folder -> the folders it may include (besides itself). Keep in step with CMakeLists.txt.
ALLOWED = {
    "isa": [],
    "sim/json": ["isa"],
    "sim/load": ["isa"],
    "sim/machine": ["isa"],
    "sim/iss": ["isa", "sim/machine"],
    "sim/config": ["isa", "sim/json", "sim/load"],
    "sim/pipe": ["isa", "sim/machine", "sim/iss", "sim/config"],
    "sim/report": ["isa", "sim/json", "sim/machine", "sim/iss", "sim/config", "sim/pipe"],
    # Task graphs (docs/tasks.md): above the reports, whose text and colour helpers they share,
    # and below the classroom, whose `pipesim deps` analysis turns a basic block into a graph
    # (sim/classroom/deps_tasks.*, for `pipesim tasks --from`).
    "sim/tasks": ["isa", "sim/json", "sim/load", "sim/machine", "sim/iss", "sim/config",
                  "sim/pipe", "sim/report"],
    "sim/classroom": ["isa", "sim/json", "sim/load", "sim/machine", "sim/iss", "sim/config",
                      "sim/pipe", "sim/report", "sim/tasks"],
    "sim/sweep": ["isa", "sim/json", "sim/load", "sim/machine", "sim/iss", "sim/config",
                  "sim/pipe", "sim/report"],
    "cli": ["isa", "sim/json", "sim/load", "sim/machine", "sim/iss", "sim/config", "sim/pipe",
            "sim/report", "sim/tasks", "sim/classroom", "sim/sweep"],
    # The playground's API (web/api/) sits beside cli/, over the same libraries but the sweeps
    # (POSIX glob and processes: not in WebAssembly; CMakeLists.txt links it without them).
    "web/api": ["isa", "sim/json", "sim/load", "sim/machine", "sim/iss", "sim/config",
                "sim/pipe", "sim/report", "sim/tasks", "sim/classroom"],
    # The WebAssembly module's binding (web/bind/): the API's one function, exported.
    "web/bind": ["web/api"],
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of(path: str):
    """The layer a repository-relative path belongs to (the longest matching folder)."""
    best = None
    for folder in ALLOWED:
        if path == folder or path.startswith(folder + "/"):
            if best is None or len(folder) > len(best):
                best = folder
    return best


def self_test() -> int:
    """A tree with one include down and one up: the check must pass the first, fail the second."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ALLOWED:
            (root / folder).mkdir(parents=True, exist_ok=True)
        (root / "sim/pipe/a.hpp").write_text('#include "sim/config/b.hpp"\n')
        (root / "sim/config/b.hpp").write_text("\n")
        good = subprocess.run([sys.executable, __file__, tmp], capture_output=True, text=True)
        (root / "sim/config/b.hpp").write_text('#include "sim/report/c.hpp"\n')
        bad = subprocess.run([sys.executable, __file__, tmp], capture_output=True, text=True)
    expected = 'sim/config/b.hpp:1: sim/config includes "sim/report/c.hpp" from sim/report'
    if good.returncode != 0 or bad.returncode != 1 or expected not in bad.stderr:
        print(f"check_layers self-test failed:\n{good}\n{bad}", file=sys.stderr)
        return 1
    print("check_layers self-test: a downward include passes, an upward one fails")
    return 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
    problems = []
    checked = 0
    for folder in ALLOWED:
        for source in sorted((root / folder).rglob("*")):
            if source.suffix not in (".cpp", ".hpp", ".h", ".in"):
                continue
            rel = source.relative_to(root).as_posix()
            here = layer_of(rel)
            text = source.read_text(encoding="utf-8", errors="replace")
            for match in INCLUDE.finditer(text):
                target = match.group(1)
                line = text.count("\n", 0, match.start()) + 1
                there = layer_of(target)
                checked += 1
                if there is None:
                    # A path relative to the including file's folder, or outside every layer.
                    if (source.parent / target).exists():
                        there = layer_of((source.parent / target).resolve()
                                         .relative_to(root.resolve()).as_posix())
                    if there is None:
                        problems.append(f"{rel}:{line}: includes \"{target}\", which is in no "
                                        f"layer (use a path from the repository root)")
                        continue
                if there != here and there not in ALLOWED[here]:
                    problems.append(f"{rel}:{line}: {here} includes \"{target}\" from {there}, "
                                    f"which is not below it (allowed: "
                                    f"{', '.join(ALLOWED[here]) or 'nothing'})")
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"check_layers: {len(problems)} include(s) go up a layer; see docs/design.md",
              file=sys.stderr)
        return 1
    print(f"check_layers: {checked} includes keep to the layers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
