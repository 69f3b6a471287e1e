#!/usr/bin/env python3
"""Measures pipesim's simulation speed and memory (called by scripts/bench.sh, which builds it).

Three modes (--mode); the default, `table`:
For every benchmark in programs/bench, on the functional model and on every preset machine
(`pipesim configs`), and on the 5-stage preset with each trace format pipesim offers written to
/dev/null: simulated instructions/s, simulated cycles/s, host ns per simulated cycle and peak
resident memory, the median of several runs of the whole `pipesim run` process (loading and
assembling included; CPU time, wall time is recorded too), and which engine ran it (the timing
model or the cycle model: Ripes' dual issue and everything else the timing model declines run on the
cycle model). Every run's exit status and stdout must be the program's expected result. Presets
without interlocks (`hazard_detection: false`) compute wrong results on hazards by design, so
there each assembly benchmark runs padded with nops (pad_with_nops: as a programmer writes for
such a machine) and must give its own result; the C benchmark is not run there. In the summary a preset's speed counts only
runs of at least MIN_RATE_CYCLES cycles (shorter ones time the process, not the model).
Then the scaling check: alu_loop at 10^6, 10^7 and 10^8 simulated cycles (instructions on the
functional model); throughput must stay within 10 % and peak memory must not grow.
Writes the whole table as JSON to bench/results/.
`trace-speed`: alu_loop on 5-stage with each trace format written to /dev/null, wall time and
peak memory of the whole run, one run each (2,000,000 iterations, 14,000,009 cycles; --trace-json
assembles its document in memory, so it and a run without trace for comparison get 200,000).
`trace-memory`: the streaming JSONL trace in constant memory: alu_loop for about 200 million
cycles with --trace-jsonl /dev/null must peak below 50 MiB of resident memory (exit 1 if not).
`qemu`: the functional model next to qemu-user (qemu-riscv32, a JIT) on the same ELF of every
benchmark, at QEMU_SCALE times its size, interleaved runs: CPU times and their ratio (issue 21).
--quick runs a tenth of the iterations in the trace modes too. See docs/performance.md.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_DIR = os.path.join(ROOT, "programs", "bench")
LIB_DIR = os.path.join(ROOT, "programs", "lib")
# The line of each benchmark that sets its size, marked "scripts/bench.sh ..." in the source.
SIZE_LINE = re.compile(r"^(\s*\.equ\s+(\w+),\s*)(\d+)(.*scripts/bench\.sh.*)$|"
                       r"^(#define\s+(\w+)\s+)(\d+)(.*scripts/bench\.sh.*)$", re.M)
TRACED_PRESET = "5-stage"
SCALING_PROGRAM = "alu_loop"
SCALING_TOLERANCE = 0.10       # throughput may differ by this fraction between run lengths
RSS_GROWTH_LIMIT_KIB = 1024    # peak memory may grow by at most this much from 10^6 to 10^8
# The trace modes run SCALING_PROGRAM (5 instructions, 7 cycles per iteration on TRACED_PRESET).
TRACE_SPEED_ITERATIONS = 2_000_000      # 14,000,009 cycles
TRACE_JSON_ITERATIONS = 200_000         # --trace-json holds its whole document in memory
TRACE_MEMORY_ITERATIONS = 28_571_429    # 200,000,012 cycles
TRACE_MEMORY_LIMIT_KIB = 50 * 1024
# --mode qemu: qemu-riscv32 runs the default sizes in 10-30 ms, mostly start-up; at 20 times
# they take 0.2-0.6 s under qemu and 2-3 s on the functional model.
QEMU_SCALE = 20


def machine_info():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
            "load_average": os.getloadavg()[0], "commit": commit,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


# Machines without interlocks (`hazard_detection: false`) use stale values on every hazard, so
# the benchmarks, written for machines that interlock, compute other values there and end early.
# Their rows run each assembly benchmark as such a machine's programmer would write it: NOPS_AFTER
# nops after every instruction, so that no instruction reads a register within two instructions
# of its write (the distance at which 5-stage-no-interlocks and ripes-5s-no-fw-hz read it fresh,
# docs/config.md `forwarded_operands`), and the two-instruction pseudo-instructions `li` and `la`
# written as `lui`, nops, `addi`; an `ecall` gets one nop more before it (ripes-5s-no-fw-hz
# performs it in decode, reading a7 without waiting). The row's result must then be the
# benchmark's own.
NOPS_AFTER = 2
PAD_TWO_PART = re.compile(r"^(\s*)(li|la)\s+(\w+)\s*,\s*([^#]+?)\s*(#.*)?$")
PAD_SECTION = re.compile(r"^\s*\.(text|data|bss|section\s+\S+)")


def pad_with_nops(source):
    """The assembly program `source` with NOPS_AFTER nops after each instruction of its text."""
    out, in_text = [], True
    nops = ["        nop"] * NOPS_AFTER
    for line in source.splitlines():
        section = PAD_SECTION.match(line)
        if section:
            in_text = section.group(1) == "text"
        code = line.split("#", 1)[0].strip()
        if not in_text or not code or code.startswith(".") or code.endswith(":"):
            out.append(line)
            continue
        two = PAD_TWO_PART.match(line)
        if two:
            indent, _, rd, value, _ = two.groups()
            out += [f"{indent}lui     {rd}, %hi({value})", *nops,
                    f"{indent}addi    {rd}, {rd}, %lo({value})", *nops]
        elif code == "ecall":  # (Ripes performs it in decode: its a7 a cycle earlier)
            out += [*nops[:1], line, *nops]
        else:
            out += [line, *nops]
    return "\n".join(out) + "\n"


class Benchmark:
    """One program of programs/bench, buildable at any size."""

    def __init__(self, path, toolchain, default_elf):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.is_c = path.endswith(".c")
        self.toolchain = toolchain
        self.default_elf = default_elf
        self.source = open(path).read()
        m = SIZE_LINE.search(self.source)
        if not m:
            sys.exit(f"bench: {path} has no size line marked 'scripts/bench.sh'")
        self.size_name = m.group(2) or m.group(6)
        self.default_size = int(m.group(3) or m.group(7))
        with open(os.path.join(BENCH_DIR, self.name + ".expected"), "rb") as f:
            status, _, out = f.read().decode().partition("\n")
        self.expected = (int(status), out)  # exit status and the guest's stdout

    def build(self, size, tmp, padded=False):
        """A program file pipesim runs, `size` iterations or rounds. `padded`: the assembly
        benchmark with nops between its instructions (pad_with_nops), for machines without
        interlocks; None for a C benchmark."""
        if padded:
            if self.is_c:
                return None
            out = os.path.join(tmp, f"{self.name}-{size}-padded.s")
            with open(out, "w") as f:
                f.write(pad_with_nops(SIZE_LINE.sub(lambda m: m.group(1) + str(size) + m.group(4),
                                                    self.source, count=1)))
            return out
        if self.is_c:
            if size == self.default_size and os.path.exists(self.default_elf):
                return self.default_elf
            if not self.toolchain:
                return None
            out = os.path.join(tmp, f"{self.name}-{size}.elf")
            # The flags of programs/CMakeLists.txt, in one gcc invocation.
            subprocess.run([self.toolchain, "-march=rv32im", "-mabi=ilp32", "-ffreestanding",
                            "-nostdlib", "-O2", "-fno-tree-loop-distribute-patterns",
                            f"-I{LIB_DIR}", f"-D{self.size_name}={size}", "-static", "-T",
                            os.path.join(LIB_DIR, "link.ld"), "-Wl,--build-id=none", "-o", out,
                            os.path.join(LIB_DIR, "crt0.S"), self.path,
                            os.path.join(LIB_DIR, "rt.c"), "-lgcc"], check=True)
            return out
        if size == self.default_size:
            return self.path
        out = os.path.join(tmp, f"{self.name}-{size}.s")
        with open(out, "w") as f:
            f.write(SIZE_LINE.sub(lambda m: m.group(1) + str(size) + m.group(4), self.source,
                                  count=1))
        return out


def run_once(binary, args, stderr=None):
    """Runs pipesim; returns (CPU seconds, wall seconds, peak RSS in KiB, exit status, JSON).
    Its stderr goes to the file object `stderr` if given, else nowhere.

    CPU time (user + system) of the process measures the simulator even when other work shares
    the machine. Peak memory comes from GNU time: a child forked from this Python process would
    count Python's resident size in its own maximum (Linux keeps the high-water mark across
    exec), and time's rusage covers pipesim, which it waits for."""
    with tempfile.NamedTemporaryFile(suffix=".json") as result, \
            tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        start = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-q", "-f", "%M", "-o", rss.name, binary, "run",
                                 *args, "--json", result.name], stdout=subprocess.DEVNULL,
                                stderr=stderr or subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        kib = int(open(rss.name).read().split()[-1])
        try:
            doc = json.load(open(result.name))
        except ValueError:
            doc = {}
    return usage.ru_utime + usage.ru_stime, wall, kib, proc.returncode, doc


def traced_program(a, bench, size, cycles, cap, tmp):
    """A traced row's program: the benchmark at `size` if its run (`cycles` on the traced preset)
    ends within the row's cycle cap, else made smaller so that it ends at about 95 % of the cap.
    A run the cap cuts short is always the cycle model's (the timing model declines the cycle
    limit), so a whole run is what measures the default engine. Returns (program, size, the
    functional model's (exit status, stdout) for it); the program is None without a toolchain
    for a C benchmark, and then the row runs the full size into the cap."""
    fitted = size if cycles is None or cycles <= cap else max(1, int(size * 0.95 * cap / cycles))
    program = bench.build(fitted, tmp) or bench.build(size, tmp)
    if program is None:
        return None
    r = measure(a.binary, program, "functional", "off", 1, [])
    return (program, fitted, (r["exit_status"], r["stdout"]))


def measure(binary, program, machine, trace, runs, extra):
    times, walls, rss, hosts = [], [], [], []
    for _ in range(runs):
        seconds, wall, kib, status, doc = run_once(binary, [program, *extra])
        times.append(seconds)
        walls.append(wall)
        rss.append(kib)
        hosts.append(doc.get("host_seconds", 0.0))
    t = statistics.median(times)
    instructions = doc.get("instructions", 0)
    cycles = doc.get("cycles")  # absent on the functional model
    return {"machine": machine, "trace": trace, "instructions": instructions, "cycles": cycles,
            "seconds": t, "wall_seconds": statistics.median(walls),
            "host_seconds": statistics.median(hosts), "instructions_per_s": instructions / t,
            "cycles_per_s": cycles / t if cycles else None,
            "ns_per_cycle": t / cycles * 1e9 if cycles else None,
            "peak_rss_kib": max(rss), "exit_status": status, "stdout": doc.get("stdout"),
            "engine": doc.get("engine"),  # timing or cycle; absent on the functional model
            "runs": runs}


def trace_flags(binary):
    """The --trace-FORMAT options this pipesim build has (issue 5)."""
    help_text = subprocess.run([binary, "run", "--help"], capture_output=True, text=True).stdout
    return sorted(set(re.findall(r"--trace-([a-z0-9]+)", help_text)))


def presets(binary):
    listing = subprocess.run([binary, "configs"], capture_output=True, text=True, check=True)
    return [line.split()[0] for line in listing.stdout.splitlines() if line.strip()]


def interlocked(binary, preset, tmp):
    """Whether the preset detects hazards: its resolved configuration, from a run of a
    three-instruction program, says so (every preset `pipesim configs` lists, new ones included)."""
    program = os.path.join(tmp, "probe.s")
    with open(program, "w") as f:
        f.write("    .globl _start\n_start:\n    li a0, 0\n    li a7, 93\n    ecall\n")
    result = os.path.join(tmp, "probe.json")
    subprocess.run([binary, "run", program, "--config", preset, "--json", result],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return json.load(open(result))["config"].get("hazard_detection", True)
    except (OSError, ValueError, KeyError):
        return True  # let the measurement itself report what is wrong


def fmt_rate(v):
    return f"{v / 1e6:9.1f}" if v else f"{'-':>9}"


def print_row(program, r, ok):
    cps = fmt_rate(r["cycles_per_s"])
    ns = f"{r['ns_per_cycle']:8.2f}" if r["ns_per_cycle"] else f"{'-':>8}"
    cycles = f"{r['cycles']:>13,}" if r["cycles"] else f"{'-':>13}"
    print(f"{program:<12} {r['machine']:<23} {r['engine'] or '-':<6} {r['trace']:<7} "
          f"{r['instructions']:>13,} {cycles} "
          f"{fmt_rate(r['instructions_per_s'])} {cps} {ns} {r['peak_rss_kib'] / 1024:8.1f}  "
          f"{'ok' if ok else 'WRONG'}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--mode", choices=("table", "trace-speed", "trace-memory", "qemu"),
                    default="table",
                    help="table (default): every benchmark, preset and trace, and the scaling "
                         "check; trace-speed: each trace format's speed; trace-memory: the "
                         "streaming trace's peak memory over 200 M cycles; qemu: the functional "
                         "model against qemu-riscv32 on each benchmark's ELF")
    ap.add_argument("--elf-dir", help="where the build put programs/bench's ELFs")
    ap.add_argument("--quick", action="store_true",
                    help="a tenth of each program, one run, scaling up to 10^7 only (trace "
                         "modes: a tenth of the iterations)")
    ap.add_argument("--runs", type=int, help="runs per measurement (median; default 3, quick 1)")
    ap.add_argument("--programs", help="comma-separated subset of programs/bench")
    ap.add_argument("--configs", help="comma-separated subset of the presets")
    ap.add_argument("--no-scaling", action="store_true", help="skip the scaling check")
    ap.add_argument("--no-traces", action="store_true", help="skip the traced runs")
    ap.add_argument("--no-qemu", action="store_true",
                    help="skip the functional model's comparison with qemu-user (--mode qemu)")
    ap.add_argument("--no-cycle-model", action="store_true",
                    help="skip the second run, on the cycle model (--engine cycle), of each "
                         "preset the timing model runs")
    ap.add_argument("--docs", action="store_true",
                    help="also write the summary table with its targets into "
                         "docs/performance.md (between its bench.sh markers)")
    ap.add_argument("--summary-from", metavar="JSON",
                    help="run nothing: print the summary table of a results file of this mode "
                         "(with --docs: write it into docs/performance.md)")
    ap.add_argument("-o", "--output", help="JSON file (default bench/results/DATE[-quick].json)")
    a = ap.parse_args()
    if a.mode in ("trace-speed", "trace-memory"):
        trace_bench = Benchmark(os.path.join(BENCH_DIR, SCALING_PROGRAM + ".s"), None, "")
        with tempfile.TemporaryDirectory() as tmp:
            if a.mode == "trace-speed":
                return trace_speed(a, trace_bench, tmp)
            return trace_memory(a, trace_bench, tmp)
    if a.summary_from:
        return publish_summary(json.load(open(a.summary_from)), a.summary_from, a.docs)
    runs = a.runs or (1 if a.quick else 3)
    scale = 10 if a.quick else 1
    toolchain = next((p for p in (os.path.join(d, "riscv64-unknown-elf-gcc")
                                  for d in os.environ["PATH"].split(":")) if os.path.exists(p)),
                     None)
    benches = [Benchmark(os.path.join(BENCH_DIR, f), toolchain,
                         os.path.join(a.elf_dir or "", os.path.splitext(f)[0] + ".elf"))
               for f in sorted(os.listdir(BENCH_DIR)) if f.endswith((".s", ".c"))]
    if a.programs:
        wanted = a.programs.split(",")
        benches = [b for b in benches if b.name in wanted]
    if a.mode == "qemu":
        with tempfile.TemporaryDirectory() as tmp:
            rows = qemu_compare(a, benches, toolchain, runs, tmp)
        return 0 if all(r["same_result"] for r in rows) else 1
    machines = presets(a.binary)
    if a.configs:
        machines = [m for m in machines if m in a.configs.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        # Machines without interlocks compute other values than the programs expect.
        values_exact = {m: interlocked(a.binary, m, tmp) for m in machines}
    traces = [] if a.no_traces else trace_flags(a.binary)
    info = machine_info()
    # Traced runs end within this many cycles (traced_program() makes the benchmark smaller):
    # every format is far slower than the model, so full-length runs would take long.
    # --trace-json holds the whole document in memory (about 650 bytes per cycle: 13 GiB at 20 M
    # cycles), so its runs are smaller still.
    trace_cycle_cap = 2_000_000 if a.quick else 20_000_000
    json_cycle_cap = 200_000

    print(f"machine: {info['cpu']}, {info['cores']} cores, load average {info['load_average']:.2f}"
          f"; pipesim {info['commit']}")
    print(f"median CPU time of {runs} run(s) of the whole process; rates in millions per "
          f"second; peak RSS in MiB")
    if not traces and not a.no_traces:
        print("trace formats: none in this build (no --trace-* options yet): traced rows skipped")
    print(f"{'program':<12} {'machine':<23} {'engine':<6} {'trace':<7} {'instructions':>13} "
          f"{'cycles':>13} "
          f"{'M insn/s':>9} {'M cyc/s':>9} {'ns/cycle':>8} {'RSS MiB':>8}  result")
    rows, failures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for b in benches:
            size = max(1, b.default_size // scale)
            program = b.build(size, tmp)
            if program is None:
                print(f"{b.name}: skipped (riscv64-unknown-elf-gcc not found)")
                continue
            reference = None
            # Machines without interlocks run the benchmark padded with nops (pad_with_nops),
            # which must give its own result; a C benchmark is not run there.
            padded = b.build(size, tmp, padded=True)
            plan = [("functional", "off", [], None)]
            plan += [(m, "off", ["--config", m],
                      None if values_exact.get(m, True) else (padded, size, None))
                     for m in machines if values_exact.get(m, True) or padded]
            while plan:
                machine, trace, extra, own = plan.pop(0)
                # `own`: a traced row's program, sized to end within its cycle cap, with its
                # size and the functional model's result for it.
                r = measure(a.binary, own[0] if own else program, machine, trace, runs, extra)
                r["engine_forced"] = "--engine" in extra
                if r["engine"] == "timing" and not a.no_cycle_model:
                    # The same run on the cycle model (what --check runs, and every trace the
                    # timing model does not reproduce), measured next.
                    plan.insert(0, (machine, trace, [*extra, "--engine", "cycle"], own))
                if machine == TRACED_PRESET and trace == "off" and not r["engine_forced"]:
                    plan += [(TRACED_PRESET, t, ["--config", TRACED_PRESET, f"--trace-{t}",
                                                 "/dev/null", "--max-cycles", str(cap)],
                              traced_program(a, b, size, r["cycles"], cap, tmp))
                             for t in traces
                             for cap in [json_cycle_cap if t == "json" else trace_cycle_cap]]
                if reference is None:  # the functional model's result, or the .expected file
                    reference = b.expected if size == b.default_size else (r["exit_status"],
                                                                           r["stdout"])
                expected = own[2] if own and own[2] else reference
                r["padded"] = own is not None and own[0] == padded
                if trace != "off":
                    ok = r["exit_status"] in (expected[0], 4)  # 4: stopped at the cycle cap
                else:
                    ok = (r["exit_status"], r["stdout"]) == expected
                print_row(b.name, r, ok)
                if not ok:
                    failures.append(f"{b.name} on {machine} (trace {trace}): exit status "
                                    f"{r['exit_status']}, expected {expected[0]}")
                r["program"], r["size"], r["correct"] = b.name, own[1] if own else size, ok
                del r["stdout"]
                rows.append(r)

        scaling = [] if a.no_scaling else scaling_check(a, benches, tmp, runs, failures)
        qemu = []
        if a.no_qemu:
            pass
        elif toolchain and shutil.which("qemu-riscv32"):
            print()
            qemu = qemu_compare(a, benches, toolchain, runs, tmp)
            failures += [f"{q['program']}: the functional model and qemu-riscv32 differ"
                         for q in qemu if not q["same_result"]]
        else:
            print("qemu-user comparison skipped: needs qemu-riscv32 and riscv64-unknown-elf-gcc")

    doc = {"schema": "pipesim.bench/1", "machine": info, "quick": a.quick, "runs": runs,
           "trace_cycle_cap": trace_cycle_cap, "json_cycle_cap": json_cycle_cap, "rows": rows,
           "scaling": scaling, "qemu": qemu, "failures": failures}
    out = a.output or os.path.join(ROOT, "bench", "results",
                                   info["date"][:10] + ("-quick" if a.quick else "") + ".json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out + ".tmp", "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    os.replace(out + ".tmp", out)
    print(f"wrote {os.path.relpath(out, ROOT)}")
    publish_summary(doc, out, a.docs)
    for f in failures:
        print(f"FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


# The summary (docs/performance.md's table): one row per thing the issues set a target for, each
# over every benchmark (its lowest figure decides), with the target and whether it is met.
DOCS = os.path.join(ROOT, "docs", "performance.md")
DOCS_BEGIN = "<!-- bench.sh summary: begin (scripts/bench.sh --docs writes this table) -->"
DOCS_END = "<!-- bench.sh summary: end -->"
MIN_RATE_CYCLES = 1_000_000  # shorter runs time the process start-up, not the model
PRESET_TARGET = 50e6        # issue 21: every preset at 50 M cycles/s (timing model or cycle model)
ALU_LOOP_TARGET = 100e6     # issue 7: 5-stage, alu_loop, no trace
CYCLE_MODEL_TARGET = 40e6   # issue 21: the cycle model itself on 5-stage
FUNCTIONAL_TARGET = 300e6   # issue 7: instructions/s
QEMU_RATIO_TARGET = 0.5     # issue 21: the functional model's speed over qemu-user's
TRACE_TARGETS = {"jsonl": 10e6, "konata": 20e6}  # issue 21, on 5-stage
STREAMING_RSS_LIMIT_KIB = 50 * 1024  # issue 7: peak memory with streaming output


def summary_lines(doc):
    """The Markdown summary of a table-mode results document."""
    rows = [r for r in doc["rows"] if r.get("correct", True)]
    lines = ["| what | measured (lowest – highest over the benchmarks) | target | |",
             "| --- | --- | --- | --- |"]

    def add(what, values, unit, target, source, scale=1e6):
        if not values:
            lines.append(f"| {what} | not measured | {target_text(target, unit, scale)} "
                         f"({source}) | — |")
            return
        lo, hi = min(values), max(values)
        digits = 2 if scale == 1 else 1  # a ratio needs two decimals
        measured = (f"{lo / scale:.{digits}f}" if lo == hi
                    else f"{lo / scale:.{digits}f} – {hi / scale:.{digits}f}")
        verdict = "—" if target is None else ("**met**" if lo >= target else "**missed**")
        lines.append(f"| {what} | {measured} {unit} | {target_text(target, unit, scale)}"
                     f"{f' ({source})' if source else ''} | {verdict} |")

    def target_text(target, unit, scale):
        return "none set" if target is None else f"{target / scale:g} {unit}"

    def pick(machine, trace="off", forced=False, program=None):
        return [r for r in rows if r["machine"] == machine and r["trace"] == trace
                and r.get("engine_forced", False) == forced
                and (program is None or r["program"] == program)
                and (r["cycles"] is None or r["cycles"] >= MIN_RATE_CYCLES
                     or trace == "json")]  # (--trace-json's runs are short by design)

    functional = pick("functional")
    add("functional model", [r["instructions_per_s"] for r in functional], "M instructions/s",
        FUNCTIONAL_TARGET, "issue 7")
    qemu = doc.get("qemu", [])
    add(f"functional model, speed against qemu-user (qemu's CPU time ÷ pipesim's, each benchmark "
        f"{QEMU_SCALE // (10 if doc.get('quick') else 1)} times its size)",
        [q["ratio"] for q in qemu], "×", QEMU_RATIO_TARGET,
        "issue 21", scale=1)
    machines = list(dict.fromkeys(r["machine"] for r in rows if r["machine"] != "functional"))
    for m in machines:
        own = pick(m)
        if not own:
            if any(r["machine"] == m and r["trace"] == "off" for r in rows):
                lines.append(f"| `{m}` | not measured: every benchmark ends within "
                             f"{MIN_RATE_CYCLES:,} cycles there (no interlocks: wrong values end "
                             f"it early) | {target_text(PRESET_TARGET, 'M cycles/s', 1e6)} "
                             f"(issue 21) | — |")
            continue
        engines = "/".join(sorted({r.get("engine") or "?" for r in own}))
        padded = ", the assembly benchmarks padded with nops" if any(
            r.get("padded") for r in own) else ""
        add(f"`{m}` ({engines} engine{padded})", [r["cycles_per_s"] for r in own], "M cycles/s",
            PRESET_TARGET, "issue 21")
        if m == TRACED_PRESET:
            add(f"`{m}`, `alu_loop`", [r["cycles_per_s"] for r in pick(m, program=SCALING_PROGRAM)],
                "M cycles/s", ALU_LOOP_TARGET, "issue 7")
    for m in machines:
        forced = pick(m, forced=True)
        if forced:
            add(f"`{m}` on the cycle model (`--engine cycle`)",
                [r["cycles_per_s"] for r in forced], "M cycles/s",
                CYCLE_MODEL_TARGET if m == TRACED_PRESET else None,
                "issue 21" if m == TRACED_PRESET else "")
    traces = list(dict.fromkeys(r["trace"] for r in rows if r["trace"] != "off"))
    for t in traces:
        own = pick(TRACED_PRESET, t)
        engines = "/".join(sorted({r.get("engine") or "?" for r in own}))
        add(f"`{TRACED_PRESET}` with `--trace-{t} /dev/null` ({engines} engine)" +
            (f" (runs of at most {doc['json_cycle_cap']:,} cycles)" if t == "json" else ""),
            [r["cycles_per_s"] for r in own], "M cycles/s",
            TRACE_TARGETS.get(t), "issue 21" if t in TRACE_TARGETS else "")
        on_cycle_model = pick(TRACED_PRESET, t, forced=True)
        if on_cycle_model:
            add(f"`{TRACED_PRESET}` with `--trace-{t} /dev/null` on the cycle model "
                f"(`--engine cycle`)", [r["cycles_per_s"] for r in on_cycle_model], "M cycles/s",
                None, "")
    streaming = [r["peak_rss_kib"] for r in rows if r["trace"] != "json"]
    if streaming:
        worst = max(streaming)
        lines.append(f"| peak memory, every run but `--trace-json` | at most {worst / 1024:.1f} MiB "
                     f"| under {STREAMING_RSS_LIMIT_KIB / 1024:g} MiB (issue 7) | "
                     f"{'**met**' if worst < STREAMING_RSS_LIMIT_KIB else '**missed**'} |")
    for s in doc.get("scaling", []):
        rates = [p["rate_per_s"] for p in s["points"]]
        spread = (max(rates) / min(rates) - 1) * 100
        lines.append(f"| throughput from 10^{s['points'][0]['exponent']} to "
                     f"10^{s['points'][-1]['exponent']} {s['unit']}, {s['machine']} | spread "
                     f"{spread:.1f} %, memory {'flat' if s['memory_flat'] else 'grows'} | within "
                     f"{SCALING_TOLERANCE * 100:g} %, memory flat (issue 7) | "
                     f"{'**met**' if s['throughput_flat'] and s['memory_flat'] else '**missed**'} |")
    m = doc["machine"]
    lines.append("")
    lines.append(f"{m['date'][:10]}, pipesim {m['commit']}, {m['cpu']} ({m['cores']} cores, load "
                 f"average {m['load_average']:.1f} at the start); median CPU time of "
                 f"{doc['runs']} run(s) of the whole process per benchmark"
                 f"{', a tenth of each benchmark (--quick)' if doc.get('quick') else ''}; traced "
                 f"runs end within {doc['trace_cycle_cap']:,} cycles. Every row: "
                 f"`{os.path.relpath(doc.get('path', ''), ROOT) if doc.get('path') else 'bench/results'}`.")
    return lines


def publish_summary(doc, path, write_docs):
    """Prints the summary; with write_docs, puts it into docs/performance.md too."""
    doc = dict(doc, path=path)
    lines = summary_lines(doc)
    print("\n" + "\n".join(lines))
    if not write_docs:
        return 0
    text = open(DOCS).read()
    begin, end = text.find(DOCS_BEGIN), text.find(DOCS_END)
    if begin < 0 or end < begin:
        print(f"bench: {DOCS} has no {DOCS_BEGIN!r} ... {DOCS_END!r} block", file=sys.stderr)
        return 1
    text = text[:begin + len(DOCS_BEGIN)] + "\n" + "\n".join(lines) + "\n" + text[end:]
    with open(DOCS + ".tmp", "w") as f:
        f.write(text)
    os.replace(DOCS + ".tmp", DOCS)
    print(f"wrote the summary into {os.path.relpath(DOCS, ROOT)}")
    return 0

def scaling_check(a, benches, tmp, runs, failures):
    """alu_loop at 10^6, 10^7 (and 10^8) cycles: per-cycle cost and memory must not grow."""
    bench = next((b for b in benches if b.name == SCALING_PROGRAM), None)
    if bench is None:
        return []
    exponents = [6, 7] if a.quick else [6, 7, 8]
    print(f"\nscaling: {SCALING_PROGRAM} (5 instructions, 7 cycles on {TRACED_PRESET} per "
          f"iteration); rates from the simulation's own time (host_seconds of the result, "
          f"wall clock, loading excluded), median of {max(runs, 5)} runs")
    print(f"{'machine':<23} {'simulated':>13} {'M/s':>9} {'RSS MiB':>8}")
    results = []
    for machine, extra, per_iteration, unit in (("functional", [], 5, "instructions"),
                                                (TRACED_PRESET, ["--config", TRACED_PRESET], 7,
                                                 "cycles")):
        key = "cycles" if unit == "cycles" else "instructions"
        points = []
        for e in exponents:
            r = measure(a.binary, bench.build(10**e // per_iteration, tmp), machine, "off",
                        max(runs, 5), extra)
            # The simulation's own time (the result's host_seconds, wall clock, without loading
            # and assembling): process CPU time, counted in scheduler ticks, cannot resolve the
            # few milliseconds a 10^6 run simulates after 25 ms of start-up.
            rate = r[key] / max(r["host_seconds"], 1e-9)
            points.append({"exponent": e, unit: r[key], "rate_per_s": rate,
                           "peak_rss_kib": r["peak_rss_kib"]})
            print(f"{machine:<23} {r[key]:>13,} {rate / 1e6:9.1f} {r['peak_rss_kib'] / 1024:8.1f}",
                  flush=True)
        rates = [p["rate_per_s"] for p in points]
        flat = max(rates) <= min(rates) * (1 + SCALING_TOLERANCE)
        rss_flat = points[-1]["peak_rss_kib"] - points[0]["peak_rss_kib"] <= RSS_GROWTH_LIMIT_KIB
        print(f"{machine}: throughput {'flat' if flat else 'NOT flat'} (spread "
              f"{(max(rates) / min(rates) - 1) * 100:.1f} %, limit 10 %), peak memory "
              f"{'flat' if rss_flat else 'GROWS'}")
        if not flat:
            failures.append(f"scaling: {machine} throughput varies by more than 10 %")
        if not rss_flat:
            failures.append(f"scaling: {machine} peak memory grows with run length")
        results.append({"machine": machine, "unit": unit,
                        "points": points, "throughput_flat": flat, "memory_flat": rss_flat})
    return results


def qemu_compare(a, benches, toolchain, runs, tmp, scale=QEMU_SCALE):
    """Each benchmark as an ELF (`scale` times its size, a tenth of that with --quick) run by the
    functional model and by qemu-riscv32, interleaved, `runs` times each: median CPU time of the
    whole process and pipesim's speed as a fraction of qemu's (qemu seconds / pipesim seconds).
    Prints a table; returns its rows ("seconds" is qemu's), each saying whether both exited with
    the same status and printed the same."""
    qemu = "qemu-riscv32"
    tools = [os.path.join(os.path.dirname(toolchain or ""), f"riscv64-unknown-elf-{t}")
             for t in ("as", "ld")]
    if not toolchain or not all(os.path.exists(t) for t in tools):
        sys.exit("bench: --mode qemu needs riscv64-unknown-elf-gcc, -as and -ld")
    if not any(os.path.exists(os.path.join(d, qemu)) for d in os.environ["PATH"].split(":")):
        sys.exit(f"bench: --mode qemu needs {qemu} (Debian package qemu-user)")

    def elf(b, size):
        program = b.build(size, tmp)
        if b.is_c:
            return program
        # The commands of programs/CMakeLists.txt; pipesim's assembler does not relax.
        obj, out = (os.path.join(tmp, f"{b.name}-{size}{e}") for e in (".o", ".elf"))
        subprocess.run([tools[0], "-march=rv32im_zicsr_zifencei", "-mabi=ilp32", "-mno-relax",
                        "-o", obj, program], check=True)
        subprocess.run([tools[1], "-m", "elf32lriscv", "-T", os.path.join(LIB_DIR, "link.ld"),
                        "--build-id=none", "-o", out, obj], check=True)
        return out

    def cpu_seconds(argv):
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        return usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status), out

    print(f"functional model against {qemu}: median CPU time of {runs} interleaved run(s) of "
          f"each whole process, ratio = qemu seconds / pipesim seconds")
    print(f"{'program':<12} {'instructions':>13} {'pipesim s':>9} {'M insn/s':>9} {'qemu s':>8} "
          f"{'M insn/s':>9} {'ratio':>6}  result")
    rows = []
    for b in benches:
        size = max(1, b.default_size * scale // (10 if a.quick else 1))
        program = elf(b, size)
        ours, theirs, results = [], [], set()
        for _ in range(runs):
            seconds, _, _, status, doc = run_once(a.binary, [program, "-q", "--max-instructions",
                                                              str(10**12)])
            ours.append(seconds)
            results.add((status, doc.get("stdout", "").encode()))
            seconds, status, out = cpu_seconds([qemu, program])
            theirs.append(seconds)
            results.add((status, out))
        t, q = statistics.median(ours), statistics.median(theirs)
        n = doc.get("instructions", 0)
        ok = len(results) == 1
        print(f"{b.name:<12} {n:>13,} {t:9.3f} {fmt_rate(n / t)} {q:8.3f} {fmt_rate(n / q)} "
              f"{q / t:6.3f}  {'ok' if ok else 'DIFFERENT'}", flush=True)
        rows.append({"program": b.name, "size": size, "instructions": n, "seconds": q,
                     "pipesim_seconds": t, "ratio": q / t, "same_result": ok})
    return rows


def trace_speed(a, bench, tmp):
    """Each trace format written to /dev/null: a Markdown table of whole-run wall time, cycles/s
    and peak memory (docs/performance.md, "Trace output")."""
    scale = 10 if a.quick else 1
    iterations, json_iterations = TRACE_SPEED_ITERATIONS // scale, TRACE_JSON_ITERATIONS // scale
    formats = trace_flags(a.binary)
    plan = [("no trace", iterations, [])]
    streaming = sorted((t for t in formats if t != "json"),  # the order of performance.md
                       key=lambda t: (["jsonl", "konata", "chrome"] + [t]).index(t))
    plan += [(f"--trace-{t} /dev/null", iterations, [f"--trace-{t}", "/dev/null"])
             for t in streaming]
    if "json" in formats:
        plan += [("--trace-json /dev/null", json_iterations, ["--trace-json", "/dev/null"]),
                 ("no trace", json_iterations, [])]
    print("| output | cycles | wall time | cycles/s | peak RSS |")
    print("| --- | --- | --- | --- | --- |")
    for label, n, extra in plan:
        _, wall, kib, _, doc = run_once(a.binary, [bench.build(n, tmp), "--config", TRACED_PRESET,
                                                   "-q", *extra])
        cycles = doc["cycles"]
        print(f"| {label} | {cycles:,} | {wall:.2f} s | {cycles / wall / 1e6:.2f} M | "
              f"{kib / 1024:.1f} MiB |", flush=True)
    return 0


def trace_memory(a, bench, tmp):
    """The streaming JSONL trace over about 200 M cycles (20 M with --quick): one line with the
    peak resident memory; 1 if it reaches TRACE_MEMORY_LIMIT_KIB or pipesim fails."""
    iterations = TRACE_MEMORY_ITERATIONS // (10 if a.quick else 1)
    with tempfile.TemporaryFile(mode="w+") as err:
        # The guest exits with its checksum (not 0); pipesim's own failures say "error:".
        _, wall, kib, status, doc = run_once(
            a.binary, [bench.build(iterations, tmp), "--config", TRACED_PRESET, "-q",
                       "--max-cycles", "300000000", "--trace-jsonl", "/dev/null"], stderr=err)
        err.seek(0)
        errors = [line for line in err.read().splitlines() if line.startswith("error:")]
    if errors or "cycles" not in doc:
        print("\n".join(errors) or f"pipesim ended with status {status} and no result",
              file=sys.stderr)
        return 1
    cycles = doc["cycles"]
    print(f"--trace-jsonl /dev/null, {TRACED_PRESET}, {cycles:,} cycles (guest exit {status}): "
          f"peak RSS {kib / 1024:.1f} MiB (limit {TRACE_MEMORY_LIMIT_KIB / 1024:.0f} MiB), "
          f"{wall:.1f} s, {cycles / wall / 1e6:.2f} M cycles/s")
    return 0 if kib < TRACE_MEMORY_LIMIT_KIB else 1


if __name__ == "__main__":
    sys.exit(main())
