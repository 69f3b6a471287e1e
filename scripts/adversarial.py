#!/usr/bin/env python3
"""The adversarial pass of docs/reliability.md: runs about 360 hostile inputs through a pipesim
binary, as a user or a script would, and classifies each outcome. A case is bad when pipesim dies
of a signal, exits 70 (internal error), runs past its time-out, takes more memory than the
case's bound, replaces a device or FIFO it was asked to write, overwrites one of its inputs,
ignores a write error, or ends with an exit status the case does not allow.

  scripts/adversarial.py [--binary build/pipesim] [--no-memory] [--json OUT]

Exits 1 if any case is bad. Not part of ctest: it takes a few minutes and some cases use
hundreds of MB; every class it covers has reproducers in tests/hardening_*_test.cpp."""
import argparse, os, shutil, stat, subprocess, sys, tempfile, time, json, signal

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--binary", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "pipesim"))
parser.add_argument("--no-memory", action="store_true", help="skip the cases that measure peak memory")
parser.add_argument("--json", help="write every case's outcome here")
args = parser.parse_args()
B = os.path.abspath(args.binary)
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "programs", "examples")
T = tempfile.mkdtemp(prefix="pipesim-adversarial-")
os.chdir(T)
results = []
class _NZ(set):
    def __contains__(self, x): return x != 0 and x != 70
    def __repr__(self): return "nonzero"
NONZERO = _NZ()

def w(name, text, mode="w"):
    with open(name, mode) as f: f.write(text)
    return name

OK_S = w("ok.s", "li a0, 0\nli a7, 93\necall\n")
LOOP_S = w("loop.s", "1: j 1b\n")
w("fault.s", "li a0, 0\nlw a0, 0(a0)\nebreak\n")
w("e.s", "li a0,0\nebreak\n")

def run(cat, name, argv, stdin=None, timeout=30, rss_mb=1024, stdout=subprocess.DEVNULL,
        expect=None, sig=None, sig_after=None, check=None, env=None):
    t0 = time.time()
    try:
        p = subprocess.Popen([B] + argv, stdin=subprocess.DEVNULL if stdin is None else stdin,
                             stdout=stdout, stderr=subprocess.PIPE, env=env)
        if sig is not None:
            time.sleep(sig_after)
            p.send_signal(sig)
        _, err = p.communicate(timeout=timeout)
        rc = p.returncode
        timed = False
    except subprocess.TimeoutExpired:
        p.kill(); _, err = p.communicate(); rc = p.returncode; timed = True
    dt = time.time() - t0
    err = err.decode("utf-8", "replace")
    first = err.strip().splitlines()[0] if err.strip() else ""
    bad = []
    if timed: bad.append("hang")
    elif rc < 0: bad.append(f"signal {-rc}")
    elif rc == 70: bad.append("exit 70")
    if expect is not None and not timed and rc not in expect: bad.append(f"exit {rc} not in {expect}")
    if check:
        msg = check()
        if msg: bad.append(msg)
    results.append(dict(cat=cat, name=name, rc=rc, secs=round(dt, 2), first=first[:160], bad=bad))
    print(f"{'BAD ' if bad else 'ok  '} [{cat}] {name}: rc={rc} {dt:.1f}s {first[:120]} {' '.join(bad)}", flush=True)

def rss_run(cat, name, argv, bound_mb, **kw):
    # Peak RSS via /usr/bin/time -f %M (KiB).
    out = subprocess.run(["/usr/bin/time", "-f", "RSS %M", B] + argv, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, timeout=kw.get("timeout", 120))
    err = out.stderr.decode("utf-8", "replace")
    rss = int([l for l in err.splitlines() if l.startswith("RSS ")][-1].split()[1]) // 1024
    rc = out.returncode
    bad = []
    if rc == 70 or "terminated by signal" in err or rc > 128: bad.append(f"rc {rc}")
    if rss > bound_mb: bad.append(f"rss {rss} MB > {bound_mb}")
    first = err.strip().splitlines()[0] if err.strip() else ""
    results.append(dict(cat=cat, name=name, rc=rc, rss_mb=rss, first=first[:160], bad=bad))
    print(f"{'BAD ' if bad else 'ok  '} [{cat}] {name}: rc={rc} rss={rss}MB {first[:120]} {' '.join(bad)}", flush=True)

# --- nesting -------------------------------------------------------------------------------------
for n in (1000, 20000, 200000):
    w(f"paren{n}.s", "li a0, " + "(" * n + "1" + ")" * n + "\nebreak\n")
    run("nesting", f"asm parens {n}", ["run", f"paren{n}.s"], expect={0, 2})
    w(f"unary{n}.s", "li a0, " + "-~" * (n // 2) + "1\nebreak\n")
    run("nesting", f"asm unary {n}", ["run", f"unary{n}.s"], expect={0, 2})
    lines = [".word s0"] + [f".equ s{i}, s{i+1}+1" for i in range(n)] + [f".equ s{n}, 0", "ebreak"]
    w(f"equ{n}.s", "nop\nebreak\n" + "\n".join(lines) + "\n")
    run("nesting", f"asm forward .equ chain {n}", ["run", f"equ{n}.s"], expect={0, 2})
    lines = [f".equ s0, 0"] + [f".equ s{i+1}, s{i}+1" for i in range(n)]
    w(f"bequ{n}.s", "\n".join(lines) + f"\nli a0, s{n}\nebreak\n")
    run("nesting", f"asm backward .equ chain {n}", ["run", f"bequ{n}.s"], expect={0, 2})
    w(f"jequ{n}.s", "j s0\n" + "\n".join(f".equ s{i}, s{i+1}" for i in range(n)) + f"\n.equ s{n}, 0x10000\nebreak\n")
    run("nesting", f"asm .equ chain as jump target {n}", ["run", f"jequ{n}.s"], expect={0, 2, 3, 4})
w("cycle.s", ".equ a, b\n.equ b, a\nli a0, a\nebreak\n")
run("nesting", "asm .equ cycle", ["run", "cycle.s"], expect={2})
for n in (100, 70000):
    w(f"deep{n}.json", '{"extends":"5-stage","forwarding":' + "[" * n + "]" * n + "}")
    run("nesting", f"config arrays {n}", ["run", OK_S, "-c", f"deep{n}.json"], expect={2})
    w(f"deepo{n}.json", '{"extends":"5-stage","x":' + '{"a":' * n + "1" + "}" * n + "}")
    run("nesting", f"config objects {n}", ["run", OK_S, "-c", f"deepo{n}.json"], expect={2})
    run("nesting", f"--set arrays {n}", ["run", OK_S, "-c", "5-stage", "--set", "forwarding=" + "[" * min(n, 60000) + "]" * min(n, 60000)], expect={2})
    run("nesting", f"sweep --configs deep file {n}", ["sweep", "--programs", OK_S, "--configs", f"deep{n}.json"], expect={2})
    w(f"task{n}.json", '{"x":' + "[" * n + "]" * n + "}")
    run("nesting", f"task file {n}", ["task", "run", f"task{n}.json", OK_S], expect={2})
    run("nesting", f"merge deep {n}", ["merge", f"task{n}.json"], expect={2})

# --- devices and huge files as inputs -------------------------------------------------------------
os.mkdir("adir")
subprocess.run(["truncate", "-s", "300M", "huge.s"])
subprocess.run(["truncate", "-s", "300M", "huge.json"])
for src in ("/dev/zero", "/dev/urandom", "adir", "huge.json", "/dev/null"):
    run("input", f"--config {src}", ["run", OK_S, "-c", src], expect={2}, timeout=30)
    run("input", f"program {src}", ["run", src if src != "huge.json" else "huge.s"], expect={2}, timeout=30)
    run("input", f"merge {src}", ["merge", src], expect={2}, timeout=30)
    run("input", f"answer {src}", ["check", OK_S, "-c", "5-stage", "--answer", src], expect={2}, timeout=30)
    run("input", f"task {src}", ["task", "run", src, OK_S], expect={2}, timeout=30)
    w("ext.json", json.dumps({"extends": os.path.abspath(src) if not src.startswith("/") else src}))
    run("input", f"extends {src}", ["run", OK_S, "-c", "ext.json"], expect={2}, timeout=30)

# --- outputs: FIFOs and device nodes are written in place ------------------------------------------
def is_kind(path, pred):
    return lambda: None if pred(os.stat(path).st_mode) else f"{path} replaced"
have_mknod = subprocess.run(["mknod", "mynull", "c", "1", "3"]).returncode == 0
outs = [("run --json", ["run", OK_S, "-c", "5-stage", "--json"]), ("run --html", ["run", OK_S, "-c", "5-stage", "--html"]),
        ("run --trace-json", ["run", OK_S, "-c", "5-stage", "--trace-json"]), ("run --trace-jsonl", ["run", OK_S, "-c", "5-stage", "--trace-jsonl"]),
        ("run --trace-konata", ["run", OK_S, "-c", "5-stage", "--trace-konata"]), ("run --trace-chrome", ["run", OK_S, "-c", "5-stage", "--trace-chrome"]),
        ("asm -o", ["asm", OK_S, "-o"]), ("compare --html", ["compare", OK_S, "--html"]),
        ("deps -o", ["deps", OK_S, "-o"]), ("schedule -o", ["schedule", OK_S, "-c", "5-stage", "-o"]),
        ("sweep -o", ["sweep", "--programs", OK_S, "--configs", "5-stage", "-o"]),
        ("check -o", ["check", OK_S, "-c", "5-stage", "--template", "-o"])]
if have_mknod:
    for name, argv in outs:
        run("output", f"{name} onto a char device", argv + ["mynull"], check=is_kind("mynull", stat.S_ISCHR))
for name, argv in outs:
    if os.path.exists("fifo"): os.unlink("fifo")
    os.mkfifo("fifo")
    reader = subprocess.Popen(["cat", "fifo"], stdout=subprocess.DEVNULL)
    run("output", f"{name} onto a FIFO", argv + ["fifo"], check=is_kind("fifo", stat.S_ISFIFO), timeout=15)
    try: reader.wait(timeout=5)
    except subprocess.TimeoutExpired: reader.kill()

# --- stdout write errors ---------------------------------------------------------------------------
full = open("/dev/full", "w")
for name, argv in [("compare", ["compare", OK_S]), ("run -c", ["run", OK_S, "-c", "5-stage"]), ("run --diagram", ["run", OK_S, "-c", "5-stage", "--diagram"]),
                   ("asm", ["asm", OK_S]), ("disasm", ["disasm", OK_S]), ("configs", ["configs"]), ("explain", ["explain", OK_S, "-c", "5-stage"]),
                   ("deps", ["deps", OK_S]), ("sweep", ["sweep", "--programs", OK_S, "--configs", "5-stage"]),
                   ("check --key", ["check", OK_S, "-c", "5-stage", "--key"]), ("run --json -", ["run", OK_S, "-c", "5-stage", "--json", "-"]),
                   ("run --trace-jsonl -", ["run", OK_S, "-c", "5-stage", "--trace-jsonl", "-"]), ("hello functional", ["run", os.path.join(EXAMPLES, "hello.s")])]:
    run("stdout", f"{name} >/dev/full", argv, stdout=full, expect=NONZERO)

# --- same file in and out, two outputs one path ------------------------------------------------------
w("x.s", open(OK_S).read())
for name, argv in [("deps -o input", ["deps", "x.s", "-o", "x.s"]), ("schedule -o input", ["schedule", "x.s", "-c", "5-stage", "-o", "x.s"]),
                   ("asm -o input", ["asm", "x.s", "-o", "x.s"]), ("run --json input", ["run", "x.s", "--json", "x.s"])]:
    before = open("x.s").read()
    run("same-file", name, argv, expect={2}, check=lambda b=before: None if open("x.s").read() == b else "input overwritten")
w("two.s", open(OK_S).read())
run("same-file", "--json a --trace-jsonl a", ["run", OK_S, "-c", "5-stage", "--json", "a", "--trace-jsonl", "a"], expect={2})
run("same-file", "--html a --trace-json ./a", ["run", OK_S, "-c", "5-stage", "--html", "a", "--trace-json", "./a"], expect={2})

# --- signals in every phase ------------------------------------------------------------------------
with open("big.s", "w") as f:
    # Slow to assemble (a couple of seconds): the signal comes while pipesim is still reading.
    f.write("ebreak\n.data\n")
    for i in range(1000000): f.write(f".word {i} + {i} * 3 - ({i} >> 2)\n")
for sig, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
    run("signal", f"{sig.name} while assembling", ["run", "big.s", "-c", "5-stage"], sig=sig, sig_after=0.3, timeout=10, expect={code, 130})
    if os.path.exists("cfifo"): os.unlink("cfifo")
    os.mkfifo("cfifo")
    run("signal", f"{sig.name} while waiting on a FIFO config", ["run", OK_S, "-c", "cfifo"], sig=sig, sig_after=0.5, timeout=10, expect={code, 130})
    run("signal", f"{sig.name} during a run", ["run", LOOP_S, "-c", "5-stage"], sig=sig, sig_after=0.5, timeout=10, expect={code, 130})

if not args.no_memory:
    # --- memory ----------------------------------------------------------------------------------------
    w("bigline.s", ".word " + ",".join(str(i) for i in range(1_500_000)) + "\nebreak\n")
    rss_run("memory", "10 MB one-line .word", ["asm", "bigline.s", "-o", "bigline.bin"], 250)
    w("out1g.s", """  li s0, 4096
      li a7, 64
    1: li a0, 1
      lui a1, 0x10
      lui a2, 0x40
      ecall
      addi s0, s0, -1
      bnez s0, 1b
      li a0, 0
      li a7, 93
      ecall
    """)
    rss_run("memory", "1 GiB guest output, functional", ["run", "out1g.s"], 128)
    rss_run("memory", "1 GiB guest output, 5-stage", ["run", "out1g.s", "-c", "5-stage"], 128)
    w("loop6k.s", "li t0, 6000\n1: addi t0, t0, -1\nbnez t0, 1b\nebreak\n")
    rss_run("memory", "--diagram 6000 iterations", ["run", "loop6k.s", "-c", "5-stage", "--diagram"], 200)
    rss_run("memory", "--html --max-cycles 1e7", ["run", LOOP_S, "-c", "5-stage", "--html", "h.html", "--max-cycles", "10000000"], 2000, timeout=300)
    rss_run("memory", "--trace-json --max-cycles 1e7", ["run", LOOP_S, "-c", "5-stage", "--trace-json", "h.json", "--max-cycles", "10000000"], 2000, timeout=300)
    w("rept.s", ".rept 1000\n.rept 1000\n.rept 1000\n.balign 4\n.endr\n.endr\n.endr\nebreak\n")
    run("hang", "nested .rept 10^9", ["run", "rept.s"], timeout=30, expect={2})


# --- small ones ------------------------------------------------------------------------------------
w("three.bin", "abc")
run("small", "3-byte .bin", ["run", "three.bin"], expect={2})
run("small", "--set name=", ["run", OK_S, "-c", "5-stage", "--set", "name="], expect={2})
run("small", "--configs a,,a", ["compare", OK_S, "--configs", "5-stage,,5-stage"], expect={2})
w("dup.json", '{"extends":"5-stage","forwarding":"none","forwarding":"full"}')
run("small", "duplicate JSON key", ["run", OK_S, "-c", "dup.json"], expect={2})
run("small", "--from-cycle 10 --to-cycle 5", ["run", OK_S, "-c", "5-stage", "--diagram", "--from-cycle", "10", "--to-cycle", "5"], expect={2})
run("small", "-j 0", ["sweep", "--programs", OK_S, "--configs", "5-stage", "-j", "0"], expect={2})
run("small", "explain on a fault", ["explain", "fault.s", "-c", "5-stage"], expect={3})
run("small", "check --key on a fault", ["check", "fault.s", "-c", "5-stage", "--key"], expect={3})
os.mkdir("ex")
subprocess.run([B, "exercise", "new", "--topic", "raw", "--seed", "1", "-o", "ex"], capture_output=True)
files = sorted(os.listdir("ex"))
if files:
    w(os.path.join("ex", files[0]), "teacher edit\n")
    run("small", "exercise new over edited files", ["exercise", "new", "--topic", "raw", "--seed", "1", "-o", "ex"], expect={2},
        check=lambda: None if open(os.path.join("ex", files[0])).read() == "teacher edit\n" else "teacher's file overwritten")


# --- breadth: every command's program input --------------------------------------------------------
w("empty.s", "")
w("garbage.s", "\x00\x01\x02 this is not assembly \xff\n")
with open("garbage.elf", "wb") as f: f.write(b"\x7fELF" + os.urandom(200))
with open("noutf8-\xe9.s".encode("latin-1"), "w") as f: f.write("li a0,0\nebreak\n")
os.mkfifo("pfifo")
cmds = {"run": ["run"], "run -c": ["run", "-c", "5-stage", "X"], "compare": ["compare"], "asm": ["asm"], "disasm": ["disasm"],
        "check --key": ["check", "-c", "5-stage", "--key", "X"], "explain": ["explain", "-c", "5-stage", "X"], "deps": ["deps"],
        "schedule": ["schedule", "-c", "5-stage", "X"], "sweep": ["sweep", "--configs", "5-stage", "--programs"]}
def with_prog(argv, prog):
    return argv[:-1] + [prog] if argv[-1] == "X" else (argv + [prog] if argv[0] != "run" or len(argv) == 1 or argv[-1] != "X" else argv)
for cname, argv in cmds.items():
    for label, prog in [("/dev/zero", "/dev/zero"), ("a directory", "adir"), ("a missing file", "nope.s"), ("an empty file", "empty.s"),
                        ("garbage text", "garbage.s"), ("a garbage ELF", "garbage.elf"), ("a 300 MB file", "huge.s"), ("/dev/null", "/dev/null")]:
        full_argv = [a if a != "X" else prog for a in argv]
        if "X" not in argv: full_argv = argv + [prog]
        if cname == "run -c": full_argv = ["run", prog, "-c", "5-stage"]
        run("input-breadth", f"{cname} on {label}", full_argv, expect={2}, timeout=30)
    full_argv = [a if a != "X" else "noutf8-\xe9.s" for a in argv]
    if "X" not in argv: full_argv = argv + ["noutf8-\xe9.s"]
    if cname == "run -c": full_argv = ["run", "noutf8-\xe9.s", "-c", "5-stage"]
    run("input-breadth", f"{cname} on a file name that is not UTF-8", [a.encode("latin-1") if isinstance(a, str) and "\xe9" in a else a for a in full_argv], expect={0, 2, 3} if cname != "sweep" else {0, 2})

# --- breadth: every output option onto a directory, a missing folder, the config file ---------------
w("cfg.json", json.dumps({"extends": "5-stage", "name": "mine"}))
for name, argv in outs:
    for label, target in [("a directory", "adir"), ("a missing folder", "nodir/out.json"), ("an empty name", "")]:
        run("output-breadth", f"{name} onto {label}", argv + [target], expect={2})
for name, argv in outs:
    if "-c" in argv and "5-stage" in argv:
        argv2 = [a if a != "5-stage" else "cfg.json" for a in argv]
        before = open("cfg.json").read()
        tgt = "cfg.json"
        run("output-breadth", f"{name} onto its own --config file", argv2 + [tgt], expect={2},
            check=lambda b=before: None if open("cfg.json").read() == b else "config overwritten")

# --- breadth: signals in more phases ---------------------------------------------------------------
w("long.s", "li t0, 3000000\n1: addi t0, t0, -1\nbnez t0, 1b\nebreak\n")
for sig, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
    for name, argv, after in [("compare", ["compare", LOOP_S], 0.5), ("sweep", ["sweep", "--programs", LOOP_S, "--configs", "5-stage,7-stage"], 0.5),
                              ("check --key", ["check", LOOP_S, "-c", "5-stage", "--key"], 0.5),
                              ("explain", ["explain", LOOP_S, "-c", "5-stage"], 0.5),
                              ("run --trace-jsonl", ["run", "long.s", "-c", "5-stage", "--trace-jsonl", "t.jsonl"], 0.3),
                              ("functional run", ["run", LOOP_S], 0.5),
                              ("run --html", ["run", LOOP_S, "-c", "5-stage", "--html", "s.html"], 0.5)]:
        run("signal-breadth", f"{sig.name} during {name}", argv, sig=sig, sig_after=after, timeout=15, expect={code, 2, 4},
            check=lambda: None if not any(n.startswith(".") and ".tmp-" in n for n in os.listdir(".")) else "temporary left")

# --- breadth: hostile configuration values ---------------------------------------------------------
for label, value in [("a 1 MB name", '"' + "n" * 1_000_000 + '"'), ("a 300-digit number", "1" + "0" * 300), ("-1 stages", "-1"),
                     ("NaN", "NaN"), ("1e308", "1e308"), ("a huge latency", "4294967296"), ("null", "null"), ("a string with NUL", '"a\\u0000b"')]:
    for key in ("name", "latch_overhead_ps", "forwarding"):
        w("v.json", '{"extends":"5-stage","%s":%s}' % (key, value))
        run("config-values", f"{key} = {label}", ["run", OK_S, "-c", "v.json"], expect={0, 2})
for path in ["stages[99999999999].latency_ps=1", "stages[-1].latency_ps=1", "memory.data_latency=99999999999", "memory.data_latency=1000000",
             "functional_units[0].latency=1000000", "branches.policy=", "=5", "a.b.c.d.e.f=1", "stages=[]", "stages[0]={}"]:
    run("config-values", f"--set {path}", ["run", OK_S, "-c", "5-stage", "--set", path], expect={0, 2, 4}, timeout=30)

# --- breadth: hostile answer files -----------------------------------------------------------------
w("k.txt", "")
for label, text in [("binary", "\x00\xff" * 1000), ("a 2 MB line", "IF " * 700000), ("10^5 rows", "1 2 3\n" + "x IF ID\n" * 100000),
                    ("a header of 10^5 cycles", " ".join(str(i) for i in range(1, 100001)) + "\n"), ("only a header", "1 2 3 4 5\n"),
                    ("CRLF and tabs", "1\t2\t3\r\nli a0, 0\tIF\tID\tEX\r\n"), ("not UTF-8", "1 2\n\xe9\xe9 IF ID\n")]:
    with open("ans.txt", "w", encoding="latin-1") as f: f.write(text)
    run("answer", label, ["check", OK_S, "-c", "5-stage", "--answer", "ans.txt"], expect={0, 1, 2}, timeout=30)

# --- breadth: hostile guests -----------------------------------------------------------------------
guests = {
 "write 4 GiB length": "li a0,1\nli a1,0x10000\nli a2,-1\nli a7,64\necall\nebreak\n",
 "print-string without NUL into unmapped": "li a0,0x100000\nli a7,4\necall\nebreak\n.data\n.fill 16,1,65\n",
 "jump to 0": "jr zero\n",
 "jump to misaligned": "li t0,0x10002\njr t0\n",
 "unbounded recursion": "f: addi sp,sp,-16\nsw ra,0(sp)\ncall f\n",
 "store into code then run it": "la t0,1f\nli t1,0x00700513\nsw t1,0(t0)\n1: li a0,2\nli a7,93\necall\n",
 "unknown syscall": "li a7,12345\necall\n",
 "endless output": "1: li a0,1\nla a1,m\nli a2,1\nli a7,64\necall\nj 1b\n.data\nm: .ascii \"x\"\n",
 "sbrk huge": "li a0,0x7fffffff\nli a7,214\necall\nebreak\n",
 "read from stdin": "li a0,0\nla a1,b\nli a2,16\nli a7,63\necall\nebreak\n.data\nb: .space 16\n",
}
for gname, text in guests.items():
    w("g.s", text)
    for cfg in (None, "5-stage", "7-stage", "multi-cycle", "single-cycle"):
        argv = ["run", "g.s"] + (["--max-cycles", "2000000", "-c", cfg, "--check"] if cfg else ["--max-instructions", "1000000"])
        run("guest", f"{gname} on {cfg or 'functional'}", argv, expect=set(range(0, 256)) - {70}, timeout=30)

bad = [r for r in results if r["bad"]]
by_class = {}
for r in results:
    c = by_class.setdefault(r["cat"], [0, 0])
    c[0] += 1
    c[1] += bool(r["bad"])
print()
for cat, (n, nbad) in by_class.items():
    print(f"{cat:16} {n:4} cases, {nbad} bad")
print(f"{len(results)} cases, {len(bad)} bad")
if args.json:
    with open(args.json, "w") as f: json.dump(results, f, indent=1)
os.chdir("/")
shutil.rmtree(T, ignore_errors=True)
sys.exit(1 if bad else 0)
