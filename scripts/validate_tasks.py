#!/usr/bin/env python3
"""Validates task graphs against docs/tasks.schema.json and `pipesim tasks --json` results
against docs/tasks-result.schema.json (JSON Schema draft 2020-12; docs/tasks.md).

usage: validate_tasks.py FILE...
       validate_tasks.py --examples PIPESIM
A FILE whose "schema" is "pipesim.tasks-result/1" is a result, any other a task graph. Prints one
line per problem and exits 1 if there is any, else 0.
--examples (ctest tasks_schemas): every programs/taskgraphs/*.json, and what PIPESIM writes with
--json for each (and with --set, which adds the "more" schedule) and for --from a program; then
graphs and results that the schemas must refuse, so that the check can fail.
Needs python3-jsonschema (Debian; scripts/deps.sh installs it).
"""
import copy
import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
GRAPH_SCHEMA = ROOT / "docs" / "tasks.schema.json"
RESULT_SCHEMA = ROOT / "docs" / "tasks-result.schema.json"
RESULT_TAG = "pipesim.tasks-result/1"


def load(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


def validators():
    """(graph validator, result validator); the result's "graph" refers to the graph schema."""
    graph, result = load(GRAPH_SCHEMA), load(RESULT_SCHEMA)
    for s in (graph, result):
        jsonschema.Draft202012Validator.check_schema(s)
    try:  # jsonschema >= 4.18
        import referencing
        registry = referencing.Registry().with_resource(
            graph["$id"], referencing.Resource.from_contents(graph))
        make = lambda s: jsonschema.Draft202012Validator(s, registry=registry)  # noqa: E731
    except ImportError:  # Debian 12's jsonschema 4.10
        store = {graph["$id"]: graph, result["$id"]: result}
        make = lambda s: jsonschema.Draft202012Validator(  # noqa: E731
            s, resolver=jsonschema.RefResolver.from_schema(s, store=store))
    return make(graph), make(result)


def problems(validator, instance, where):
    for err in sorted(validator.iter_errors(instance), key=lambda e: list(e.path)):
        path = "/".join(str(p) for p in err.path)
        yield f"{where}: /{path}: {err.message[:300]}"


def check(path, graph_v, result_v):
    try:
        doc = load(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        yield f"{path}: not a JSON file: {e}"
        return
    is_result = isinstance(doc, dict) and doc.get("schema") == RESULT_TAG
    yield from problems(result_v if is_result else graph_v, doc, path)


# Each must be refused by its schema: (what it shows, document, result?).
def refused_documents(result):
    minimal = {"unit": "min", "tasks": [{"name": "a", "duration": 1}]}
    bad_graphs = [
        ("a misspelt key", {**minimal, "tasks": [{"name": "a", "duration": 1, "afer": "a"}]}),
        ("a duration of 0", {**minimal, "tasks": [{"name": "a", "duration": 0}]}),
        ("no capacity", {**minimal, "resources": {"kettle": 0}}),
        ("an unknown unit", {**minimal, "unit": "fortnight"}),
        ("no tasks", {"unit": "min", "tasks": []}),
    ]
    yield from ((what, doc, False) for what, doc in bad_graphs)
    no_length = copy.deepcopy(result)
    del no_length["schedules"][0]["length"]
    negative = copy.deepcopy(result)
    negative["schedules"][1]["slots"][0]["start"] = -1
    bad_graph = copy.deepcopy(result)
    bad_graph["graph"]["tasks"][0]["duration"] = 0
    unknown = copy.deepcopy(result)
    unknown["schedules"][0]["id"] = "fastest"
    yield "a schedule without its length", no_length, True
    yield "a slot starting at -1", negative, True
    yield "a result whose graph has a duration of 0", bad_graph, True
    yield "an unknown schedule id", unknown, True


def pipesim_json(pipesim, args, out):
    run = subprocess.run([pipesim, "tasks", *args, "--json", out, "-o", "/dev/null"],
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        return f"pipesim tasks {' '.join(args)}: exit {run.returncode}: {run.stderr.strip()}"
    return None


def check_examples(pipesim):
    graph_v, result_v = validators()
    examples = sorted((ROOT / "programs" / "taskgraphs").glob("*.json"))
    if not examples:
        yield "no programs/taskgraphs/*.json"
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="pipesim-tasks-schemas-") as tmp:
        for n, example in enumerate(examples):
            yield from check(example, graph_v, result_v)
            graph = load(example)
            # One more of the first resource: the "more" schedule, and "sets", are filled in.
            first = next(iter(graph.get("resources", {})), None)
            runs = [[]]
            if first:
                cap = graph["resources"][first]
                cap = cap["capacity"] if isinstance(cap, dict) else cap
                runs.append(["--set", f"{first}={cap + 1}", "--iterations", "2"])
            for k, extra in enumerate(runs):
                out = str(pathlib.Path(tmp) / f"{n}-{k}.json")
                failed = pipesim_json(pipesim, [str(example), *extra], out)
                if failed:
                    yield failed
                    continue
                yield from check(out, graph_v, result_v)
                results.append(load(out))
        # A basic block's graph (--from): instruction names, a unit of cycles.
        out = str(pathlib.Path(tmp) / "from.json")
        program = ROOT / "programs" / "examples" / "morning-routine.s"
        failed = pipesim_json(pipesim, ["--from", str(program), "--set", "div=2"], out)
        if failed:
            yield failed
        else:
            yield from check(out, graph_v, result_v)
            results.append(load(out))
        print(f"validate_tasks: {len(examples)} examples and {len(results)} results checked")
    if not results:
        return
    refused = 0
    for what, doc, is_result in refused_documents(results[0]):
        validator = result_v if is_result else graph_v
        if validator.is_valid(doc):
            yield f"the schema accepts {what}"
        else:
            refused += 1
    print(f"validate_tasks: {refused} bad documents refused")


def main(argv):
    if len(argv) == 3 and argv[1] == "--examples":
        found = list(check_examples(argv[2]))
    elif len(argv) >= 2 and not argv[1].startswith("--"):
        graph_v, result_v = validators()
        found = [p for path in argv[1:] for p in check(path, graph_v, result_v)]
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for p in found:
        print(p)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
