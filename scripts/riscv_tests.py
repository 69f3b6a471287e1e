#!/usr/bin/env python3
"""Runs the official RISC-V unit tests (riscv-tests rv32ui and rv32um) on pipesim: a manual check,
outside the project (docs/testing.md, "The riscv-tests check").

    scripts/riscv_tests.py CHECKOUT [--pipesim build/pipesim] [--work DIR] [--only NAME,...]

CHECKOUT is a clone of github.com/riscv-software-src/riscv-tests (its env submodule is not needed:
the environment is our own, below). Each isa/rv32ui/*.S and isa/rv32um/*.S (they #include
../rv64ui/*.S and ../rv64um/*.S) is preprocessed by `riscv64-unknown-elf-gcc -E` into one flat
.s, then run four ways:

  qemu     the GNU-linked ELF on qemu-riscv32 (the reference: it must pass there)
  asm      the flat .s through pipesim's assembler and its functional model
  elf      the GNU-linked ELF (as + ld -T tests/asm/gnu.ld) on pipesim's functional model
  5-stage  the flat .s on `--config 5-stage --check` (cycle model checked against the
           functional model)

A test passes when it exits with status 0. It fails with status (TESTNUM << 1) | 1, the number of
the failing case. ma_data does misaligned loads and stores: it runs with
`--set memory.misaligned=allow`, which qemu-user allows too (Linux emulates them).

Nothing of riscv-tests is copied into the project: the tests are read from CHECKOUT, and the
environment (riscv_test.h) is this minimal bare one, written for pipesim:
  pass: exit 0 through ecall 93; fail: exit (TESTNUM << 1) | 1; `unimp` after the code; no CSRs.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GCC = "riscv64-unknown-elf-gcc"
AS = "riscv64-unknown-elf-as"
LD = "riscv64-unknown-elf-ld"
QEMU = "qemu-riscv32"
MARCH = "rv32im_zifencei"

# The bare environment: what the test sources expect of riscv_test.h, and nothing else. The
# tests start at _start in .text with every register as a Linux user process has it (they set
# what they use); TESTNUM is gp, as in the official environments.
RISCV_TEST_H = """\
#ifndef PIPESIM_RISCV_TEST_H
#define PIPESIM_RISCV_TEST_H
#define RVTEST_RV32U
#define RVTEST_RV64U
#define RVTEST_RV32M
#define RVTEST_RV64M
#define TESTNUM gp
#define RVTEST_CODE_BEGIN .text; .globl _start; _start:
#define RVTEST_CODE_END UNIMP
#define RVTEST_PASS li a0, 0; li a7, 93; ecall
#define RVTEST_FAIL slli a0, TESTNUM, 1; ori a0, a0, 1; li a7, 93; ecall
#define RVTEST_DATA_BEGIN .data; .balign 16
#define RVTEST_DATA_END
#endif
"""

# fence_i stores instructions into .data and jumps there: qemu-user (like Linux) fetches only from
# executable segments, so its ELF is linked with .data executable (same addresses as
# tests/asm/gnu.ld; pipesim fetches from any mapped memory either way).
CODE_IN_DATA_LD = """\
ENTRY(_start)
PHDRS { text PT_LOAD FLAGS(5); data PT_LOAD FLAGS(7); }
SECTIONS
{
  . = 0x10000;
  .text : { *(.text .text.*) } :text
  .rodata : { *(.rodata .rodata.* .srodata .srodata.*) } :text
  . = 0x100000;
  .data : { *(.data .data.* .sdata .sdata.*) } :data
  .bss : { *(.bss .bss.* .sbss .sbss.*) } :data
}
"""
CODE_IN_DATA = {"fence_i"}

# Tests that need something beyond the defaults: extra pipesim options.
EXTRA_OPTIONS = {"ma_data": ["--set", "memory.misaligned=allow"]}
TIMEOUT_SECONDS = 60


def run(cmd, **kw):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, **kw)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(cmd, -1, "", "timeout")


def verdict(proc):
    """'pass', or why not: the failing case number, or the first line of the error."""
    if proc.returncode == 0:
        return "pass"
    if proc.returncode > 0 and proc.returncode & 1 and not proc.stderr.strip():
        return f"FAIL case {proc.returncode >> 1}"
    first = (proc.stderr.strip() or proc.stdout.strip() or "?").splitlines()[0]
    return f"FAIL ({proc.returncode}): {first[:160]}"


def preprocess(src, env_dir, macros_dir, out, unimp):
    cmd = [GCC, f"-march={MARCH}", "-mabi=ilp32", "-E", "-P", "-x", "assembler-with-cpp",
           f"-DUNIMP={unimp}", f"-I{env_dir}", f"-I{macros_dir}", str(src), "-o", str(out)]
    return run(cmd)


def link(flat, work, script):
    obj, elf = work / (flat.stem + ".o"), work / (flat.stem + ".elf")
    p = run([AS, f"-march={MARCH}", "-mabi=ilp32", "-mno-relax", str(flat), "-o", str(obj)])
    if p.returncode != 0:
        return None, p
    p = run([LD, "-m", "elf32lriscv", "--no-warn-rwx-segments", "-T", str(script), str(obj), "-o",
             str(elf)])
    return (elf if p.returncode == 0 else None), p


def check_one(src, args, env_dir, work):
    script = ROOT / "tests/asm/gnu.ld"
    if src.stem in CODE_IN_DATA:
        script = env_dir / "code-in-data.ld"
        script.write_text(CODE_IN_DATA_LD)
    name = src.stem
    flat = work / f"{src.parent.name}-{name}.s"
    extra = EXTRA_OPTIONS.get(name, [])
    unimp = ".word 0xc0001073" if args.unimp_as_word else "unimp"
    p = preprocess(src, env_dir, args.checkout / "isa/macros/scalar", flat, unimp)
    if p.returncode != 0:
        return {k: verdict(p) for k in ("qemu", "asm", "elf", "5-stage")}
    row = {}
    elf, p = link(flat, work, script)
    row["qemu"] = verdict(run([QEMU, str(elf)])) if elf else "GNU: " + verdict(p)
    row["asm"] = verdict(run([args.pipesim, "run", str(flat), *extra]))
    row["elf"] = verdict(run([args.pipesim, "run", str(elf), *extra])) if elf else "no ELF"
    row["5-stage"] = verdict(
        run([args.pipesim, "run", str(flat), "--config", "5-stage", "--check", *extra]))
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("checkout", type=Path, help="a clone of riscv-software-src/riscv-tests")
    ap.add_argument("--pipesim", default=str(ROOT / "build/pipesim"))
    ap.add_argument("--work", type=Path, help="where the flat .s and ELFs go (default: a temp dir)")
    ap.add_argument("--only", help="comma-separated test names (add, ma_data, ...)")
    ap.add_argument("--unimp-as-word", action="store_true",
                    help="write unimp as its encoding, .word 0xc0001073 (for an assembler "
                    "without the unimp pseudo-instruction)")
    args = ap.parse_args()
    suites = [args.checkout / "isa" / s for s in ("rv32ui", "rv32um")]
    if not all(s.is_dir() for s in suites):
        sys.exit(f"error: {args.checkout} has no isa/rv32ui and isa/rv32um: not a riscv-tests clone")
    only = set(args.only.split(",")) if args.only else None
    sources = [s for suite in suites for s in sorted(suite.glob("*.S"))
               if only is None or s.stem in only]
    with tempfile.TemporaryDirectory() as tmp:
        env_dir = Path(tmp) / "env"
        env_dir.mkdir()
        (env_dir / "riscv_test.h").write_text(RISCV_TEST_H)
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        columns = ["qemu", "asm", "elf", "5-stage"]
        print(f"{'test':<16}" + "".join(f"{c:<10}" for c in columns))
        failures = []
        for src in sources:
            label = f"{src.parent.name}-{src.stem}"
            row = check_one(src, args, env_dir, work)
            print(f"{label:<16}" + "".join(f"{'pass' if row[c] == 'pass' else 'FAIL':<10}"
                                           for c in columns), flush=True)
            failures += [f"  {label} {c}: {row[c]}" for c in columns if row[c] != "pass"]
        passed = len(sources) * len(columns) - len(failures)
        print(f"\n{passed} of {len(sources) * len(columns)} runs pass ({len(sources)} tests)")
        if failures:
            print("failures:\n" + "\n".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
