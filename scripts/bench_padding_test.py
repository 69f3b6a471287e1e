#!/usr/bin/env python3
"""Checks scripts/bench.py's pad_with_nops (run by ctest as bench_padding): each assembly
benchmark of programs/bench, at a small size and padded, must give on every preset without
interlocks the result the unpadded benchmark gives on the functional model, while the unpadded
benchmark must not on at least one of them (so the padding is what makes it right, and the test
can fail). Usage: bench_padding_test.py PIPESIM"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

MACHINES = ["5-stage-no-interlocks", "ripes-5s-no-fw-hz"]


def result(pipesim, program, machine, tmp):
    out = os.path.join(tmp, "result.json")
    args = [pipesim, "run", program, "--quiet", "--json", out, "--max-cycles", "2000000"]
    proc = subprocess.run(args + (["--config", machine] if machine else []),
                          capture_output=True, text=True)
    with open(out) as f:
        return proc.returncode, json.load(f).get("stdout")


def main():
    pipesim = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(bench.BENCH_DIR)):
            if not name.endswith(".s"):
                continue
            b = bench.Benchmark(os.path.join(bench.BENCH_DIR, name), None, None)
            size = max(1, b.default_size // 1000)
            plain, padded = b.build(size, tmp), b.build(size, tmp, padded=True)
            expected = result(pipesim, plain, None, tmp)
            if result(pipesim, padded, None, tmp) != expected:
                failures.append(f"{name}: padded, the functional model's result changes")
            unpadded_right = 0
            for m in MACHINES:
                got = result(pipesim, padded, m, tmp)
                if got != expected:
                    failures.append(f"{name} padded on {m}: {got}, expected {expected}")
                unpadded_right += result(pipesim, plain, m, tmp) == expected
            if unpadded_right == len(MACHINES):
                failures.append(f"{name}: right without padding too, so this proves nothing")
            print(f"{name}: size {size}, result {expected}")
    for f in failures:
        print(f"FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
