#!/usr/bin/env python3
"""Fails when a production source file or function grows past the sizes docs/design.md sets.

A file of isa/, sim/ or cli/ may have at most MAX_FILE_LINES lines and a function at most
MAX_FUNCTION_LINES, unless it is listed in EXCEPTIONS with the reason (docs/design.md, "Size
limits", repeats the list). Functions are found by their braces: a line that ends a signature
with `{` opens one, its matching `}` closes it; lambdas and class bodies are counted inside the
function that holds them. Run by ctest (check_sizes) and so by CI.

    scripts/check_sizes.py [ROOT]         exit 0 if everything is within the limits, 1 otherwise
    scripts/check_sizes.py --self-test    shows that the check fails on a long function
"""
import re
import sys
from pathlib import Path

MAX_FILE_LINES = 500
MAX_FUNCTION_LINES = 120
FOLDERS = ["isa", "sim", "cli"]
# path (or path:function) -> why it may be larger. Keep docs/design.md in step.
EXCEPTIONS = {
    "isa/rv32im.def": "a table, one row per instruction, not code",
}

STRINGS = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'')
OPENS_FUNCTION = re.compile(
    r"\)\s*(?:const\s*)?(?:noexcept\s*)?(?:override\s*|final\s*)?(?:->\s*[\w:<>,\s*&]+)?\{\s*$")
CONTROL = re.compile(r"^\s*(?:\}\s*)?(?:if|for|while|switch|else|do|catch|return)\b")
NAME = re.compile(r"([~\w:]+)\s*\(")


def functions(text: str):
    """(first line, number of lines, name) of every function body in a C++ source."""
    depth = 0
    start = None
    start_depth = 0
    name = ""
    for i, line in enumerate(text.split("\n")):
        code = STRINGS.sub('""', re.sub(r"//.*", "", line))
        if start is None and OPENS_FUNCTION.search(code) and not CONTROL.match(code):
            start, start_depth = i, depth
            found = NAME.findall(code)
            name = found[0] if found else "?"
        depth += code.count("{") - code.count("}")
        if start is not None and depth <= start_depth:
            yield start + 1, i - start + 1, name
            start = None


def check(root: Path):
    problems = []
    for folder in FOLDERS:
        for source in sorted((root / folder).rglob("*")):
            if source.suffix not in (".cpp", ".hpp", ".def"):
                continue
            rel = source.relative_to(root).as_posix()
            text = source.read_text(encoding="utf-8", errors="replace")
            lines = text.count("\n")
            if lines > MAX_FILE_LINES and rel not in EXCEPTIONS:
                problems.append(f"{rel}: {lines} lines (at most {MAX_FILE_LINES}): split it by job")
            if source.suffix == ".def":
                continue
            for first, length, name in functions(text):
                if length > MAX_FUNCTION_LINES and f"{rel}:{name}" not in EXCEPTIONS:
                    problems.append(f"{rel}:{first}: function {name} has {length} lines "
                                    f"(at most {MAX_FUNCTION_LINES})")
    return problems


def self_test() -> int:
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "sim").mkdir()
        body = "".join(f"  x += {i};\n" for i in range(130))
        (root / "sim/long.cpp").write_text(
            f"int short_one(int x) {{\n  return x;\n}}\n\nint long_one(int x) {{\n{body}"
            "  if (x) {\n    x = 1;\n  }\n  return x;\n}\n")
        problems = check(root)
    expected = ["sim/long.cpp:5: function long_one has 136 lines (at most 120)"]
    if problems != expected:
        print(f"check_sizes self-test failed: {problems}", file=sys.stderr)
        return 1
    print("check_sizes self-test: a 136-line function is found, a 3-line one is not")
    return 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
    problems = check(root)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"check_sizes: {len(problems)} file(s) or function(s) too large; see docs/design.md",
              file=sys.stderr)
        return 1
    print("check_sizes: every file and function is within the limits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
