#!/bin/sh
# Measures how long `pipesim tasks` takes on a generated 10,000-task graph (docs/tasks.md,
# "Speed"): each task waits for up to three random earlier ones and needs one of four resources
# (capacities 1 to 4) or none; the graph runs twice (two iterations, after_previous on every
# tenth task), so the pipelined schedule handles 20,000 instances. Prints the CPU time (user +
# system) of each of `runs` runs: on a shared machine CPU time, not wall time, is the figure.
#
#   scripts/tasks_scale.sh [PIPESIM] [TASKS] [RUNS]     defaults: build/pipesim 10000 3
set -eu
pipesim=${1:-build/pipesim}
tasks=${2:-10000}
runs=${3:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$tasks" > "$dir/graph.json" <<'PY'
import json, random, sys
n = int(sys.argv[1])
rng = random.Random(22)
resources = {"r0": 1, "r1": 2, "r2": 3, "r3": 4}
tasks = []
for i in range(n):
    t = {"name": f"t{i}", "duration": rng.randint(1, 20)}
    if i:
        t["after"] = sorted({f"t{rng.randrange(i)}" for _ in range(rng.randint(0, 3))})
    if i % 10 == 0:
        t["after_previous"] = [f"t{i}"]
    r = rng.randrange(5)
    if r < 4:
        t["needs"] = f"r{r}"
    tasks.append(t)
json.dump({"schema": "pipesim.tasks/1", "name": f"{n} random tasks", "unit": "us",
           "iterations": 2, "resources": resources, "tasks": tasks}, sys.stdout)
PY
i=0
while [ "$i" -lt "$runs" ]; do
  /usr/bin/time -f "%U %S" -o "$dir/time" "$pipesim" tasks "$dir/graph.json" -o "$dir/out.txt"
  awk -v n="$tasks" '{ printf "%d tasks (2 iterations): %.2f s CPU\n", n, $1 + $2 }' "$dir/time"
  i=$((i + 1))
done
grep -E "^(Sequential|Overlapped|2 iterations pipelined):" "$dir/out.txt"
