#!/usr/bin/env python3
"""The reverse of the header checks: every public name the headers define
must be in the specification, in the header the specification names.

clang lists what each header declares (its AST, as JSON) and defines (its
macros, with -E -dM, minus those of <stdint.h> and <stddef.h>).  A macro,
typedef, struct, union, enum, function or variable that the ABI model does
not have is an error naming the symbol and where the header defines it; so
is a struct whose fields are not the specified ones, and a header whose
include guard is not HVABI_<PATH>_H.

usage: header_symbols.py MODEL INCLUDE_DIR WORK_DIR
"""

import json
import os
import re
import subprocess
import sys

import abi_model

CLANG = ["clang", "-ffreestanding", "-std=c11"]


def target_for(header):
    arch = abi_model.arch_of_header(header)
    return f"--target={arch or 'aarch64'}-linux-gnu"


def guard_name(header):
    return re.sub(r"[^A-Z0-9]", "_", header.upper())


def run(command):
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def macros(source, target, include_dir):
    output = run(CLANG + [target, f"-I{include_dir}", "-E", "-dM", source])
    found = {}
    for line in output.splitlines():
        match = re.match(r"#define ([A-Za-z_][A-Za-z0-9_]*)(\(.*?\))?\s?(.*)", line)
        if match:
            found[match.group(1)] = match.group(3)
    return found


def definition_line(path, name):
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if re.match(r"\s*#\s*define\s+" + re.escape(name) + r"\b", line):
                return number
    return 0


def declarations(source, target, include_dir, header_path):
    """(kind, name, line, fields) of every declaration made in header_path."""
    output = run(CLANG + [target, f"-I{include_dir}", "-Xclang", "-ast-dump=json",
                          "-fsyntax-only", source])
    ast = json.loads(output)
    current_file = None
    found = []
    for node in ast.get("inner", []):
        loc = node.get("loc", {})
        loc = loc.get("expansionLoc", loc)
        if "file" in loc:
            current_file = loc["file"]
        if node.get("isImplicit") or current_file is None:
            continue
        if os.path.abspath(current_file) != header_path:
            continue
        kind = node["kind"]
        name = node.get("name", "")
        if kind == "RecordDecl" and not node.get("completeDefinition", False) and not name:
            continue
        fields = [child.get("name", "") for child in node.get("inner", [])
                  if child.get("kind") == "FieldDecl"]
        found.append((kind, node.get("tagUsed", ""), name, loc.get("line", 0), fields))
        if kind == "EnumDecl":
            for child in node.get("inner", []):
                if child.get("kind") == "EnumConstantDecl":
                    found.append(("EnumConstantDecl", "", child["name"], loc.get("line", 0), []))
    return found


def check_header(header, include_dir, work, model_index, baseline):
    path = os.path.join(include_dir, header)
    problems = []
    source = os.path.join(work, header.replace("/", "__") + ".c")
    with open(source, "w", encoding="utf-8") as out:
        out.write(f"#include <{header}>\n")
    target = target_for(header)

    guard = guard_name(header)
    defined = macros(source, target, include_dir)
    if guard not in defined:
        problems.append(f"include/{header}: the include guard must be {guard}")
    for name in sorted(set(defined) - set(baseline.get(target, {})) - {guard}):
        line = definition_line(path, name)
        if line == 0:
            continue  # defined by another hvabi header this one includes
        known = model_index.get(name)
        if known is None or known[0] != "constant":
            problems.append(f"include/{header}:{line}: macro {name} is not in the specification")
        elif known[1] != header:
            problems.append(f"include/{header}:{line}: {name} belongs in {known[1]} "
                            "according to the specification")

    for kind, tag, name, line, fields in declarations(source, target, include_dir,
                                                       os.path.abspath(path)):
        if not name:
            problems.append(f"include/{header}:{line}: an anonymous {kind}: give it a name "
                            "the specification can describe")
            continue
        expected = {"TypedefDecl": "type", "RecordDecl": "struct", "FunctionDecl": "function"}
        known = model_index.get(name)
        if known is None or known[0] != expected.get(kind):
            problems.append(f"include/{header}:{line}: {kind.replace('Decl', '').lower()} "
                            f"{name} is not in the specification")
            continue
        if known[1] != header:
            problems.append(f"include/{header}:{line}: {name} belongs in {known[1]} "
                            "according to the specification")
        if kind == "RecordDecl" and fields != known[2]:
            problems.append(f"include/{header}:{line}: {tag} {name} has the fields "
                            f"{', '.join(fields)}; the specification lists "
                            f"{', '.join(known[2])}")
    return problems


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    model = abi_model.load(argv[1])
    include_dir, work = os.path.abspath(argv[2]), os.path.abspath(argv[3])
    os.makedirs(work, exist_ok=True)

    index = {}
    for c in model["constants"]:
        index[c["name"]] = ("constant", c["header"], None)
    for t in model["types"]:
        index[t["name"]] = ("type", t["header"], None)
    for s in model["structs"]:
        index[s["name"]] = ("struct", s["header"], [f["name"] for f in s["fields"]])
    for f in model["functions"]:
        index[f["name"]] = ("function", f["header"], None)

    baseline_source = os.path.join(work, "baseline.c")
    with open(baseline_source, "w", encoding="utf-8") as out:
        out.write("#include <stdint.h>\n#include <stddef.h>\n")
    baseline = {}
    for target in ("--target=aarch64-linux-gnu", "--target=x86_64-linux-gnu"):
        baseline[target] = macros(baseline_source, target, include_dir)

    problems = []
    headers = abi_model.list_header_files(include_dir)
    try:
        for header in headers:
            problems += check_header(header, include_dir, work, index, baseline)
    except RuntimeError as error:
        problems.append(str(error))
    summary = f"header symbols: {len(headers)} headers, {len(index)} specified names"
    for problem in problems:
        print(f"header symbols: FAIL: {problem}")
    if problems:
        print(f"{summary}: {len(problems)} problem(s)")
        return 1
    print(f"{summary}: every public name is specified")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
