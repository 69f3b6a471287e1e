#!/usr/bin/env python3
"""Validates pipesim traces against docs/trace.schema.json (JSON Schema draft 2020-12).

usage: validate_trace.py FILE...
A FILE ending in .jsonl is a --trace-jsonl stream: every line is checked against
$defs/jsonl_line, the first must be the header and the last the summary. Any other FILE is a
--trace-json document. Prints one line per problem and exits 1 if there is any, else 0.
Needs python3-jsonschema (Debian; scripts/deps.sh installs it).
"""
import json
import pathlib
import sys

import jsonschema

SCHEMA = pathlib.Path(__file__).resolve().parent.parent / "docs" / "trace.schema.json"


def problems(validator, instance, where):
    for err in sorted(validator.iter_errors(instance), key=lambda e: list(e.path)):
        path = "/".join(str(p) for p in err.path)
        yield f"{where}: /{path}: {err.message[:300]}"


def check_jsonl(path, schema):
    line_schema = {"$schema": schema["$schema"], "$defs": schema["$defs"],
                   "$ref": "#/$defs/jsonl_line"}
    validator = jsonschema.Draft202012Validator(line_schema)
    types = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield f"{path}:{n}: not JSON: {e}"
                continue
            types.append(obj.get("type"))
            yield from problems(validator, obj, f"{path}:{n}")
    if not types or types[0] != "header":
        yield f"{path}: the first line is not the header"
    if not types or types[-1] != "summary":
        yield f"{path}: the last line is not the summary"


def check_json(path, schema):
    validator = jsonschema.Draft202012Validator(schema)
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except json.JSONDecodeError as e:
        yield f"{path}: not JSON: {e}"
        return
    yield from problems(validator, doc, path)


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    bad = 0
    for path in argv[1:]:
        check = check_jsonl if path.endswith(".jsonl") else check_json
        for p in check(path, schema):
            print(p)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
