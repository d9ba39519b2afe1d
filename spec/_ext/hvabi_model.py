"""Sphinx extension: check the ABI entries against each other and export the
ABI model.

After all documents are read, this checks what no single directive can:
references between entries (a hypercall's number constant, a command's
hypercall, error names, covered requirements, struct member types), unique
names, and every struct layout against the AArch64 (AAPCS64) layout rules.
It then writes the model, requirements included, as JSON: the one input of
the header checks, the Xen compatibility check and the traceability gate;
and beside it, in oft/, the requirements and the conformance tests in
OpenFastTrace's Markdown format, for a safety team's own tracing.

Any inconsistency is a build error naming the file and line of the entry.
"""

import copy
import json
import os

from sphinx.errors import ExtensionError

import hvabi_trace
from hvabi_abi import SCALAR_TYPES

MODEL_VERSION = 1


def fail(entry, message):
    raise ExtensionError(f"{entry['source']}:{entry['line']}: {message}")


def check_unique_names(abi):
    seen = {}
    for kind in ("constants", "structs", "types", "functions"):
        for entry in abi.get(kind, []):
            other = seen.get(entry["name"])
            if other is not None:
                fail(entry, f"{entry['name']} is already defined at "
                            f"{other['source']}:{other['line']}")
            seen[entry["name"]] = entry


def layout_of(type_name, structs, types):
    """(size, alignment) of a named type, or None if unknown."""
    if type_name in SCALAR_TYPES:
        return SCALAR_TYPES[type_name]
    if type_name in types:
        return SCALAR_TYPES[types[type_name]["definition"]]
    for prefix in ("struct ", "union "):
        if type_name.startswith(prefix) and type_name[len(prefix):] in structs:
            nested = structs[type_name[len(prefix):]]
            return nested["size"], nested["align"]
    return None


def round_up(value, alignment):
    return (value + alignment - 1) // alignment * alignment


def check_struct_layout(entry, structs, types):
    name = f"{entry['kind']} {entry['name']}"
    end = 0
    max_align = 1
    for field in entry["fields"]:
        layout = layout_of(field["base_type"], structs, types)
        if layout is None:
            fail(field, f"{name}.{field['name']}: unknown type {field['base_type']!r}")
        size, align = layout
        expected_size = size * (field["count"] or 1)
        if field["size"] != expected_size:
            fail(field, f"{name}.{field['name']}: size {field['size']} does not match its type "
                        f"{field['type']} ({expected_size})")
        if field["offset"] % align != 0:
            fail(field, f"{name}.{field['name']}: offset {field['offset']} is not a multiple "
                        f"of its alignment {align}")
        if entry["kind"] == "union":
            if field["offset"] != 0:
                fail(field, f"{name}.{field['name']}: union members are at offset 0")
        elif field["offset"] != round_up(end, align):
            fail(field, f"{name}.{field['name']}: offset {field['offset']}; AAPCS64 places it "
                        f"at {round_up(end, align)}")
        end = max(end, field["offset"] + field["size"])
        max_align = max(max_align, align)
    if entry["align"] != max_align:
        fail(entry, f"{name}: alignment {entry['align']}; its fields give {max_align}")
    if entry["size"] != round_up(end, max_align):
        fail(entry, f"{name}: size {entry['size']}; its fields give {round_up(end, max_align)}")


def check_references(abi, requirements, profiles):
    constants = {c["name"]: c for c in abi.get("constants", [])}
    hypercalls = {h["name"]: h for h in abi.get("hypercalls", [])}
    structs = {s["name"]: s for s in abi.get("structs", [])}
    for entry in abi.get("hypercalls", []):
        if entry["number"] not in constants:
            fail(entry, f"hypercall {entry['name']}: :number: {entry['number']} is not a "
                        "constant of the specification")
    for entry in abi.get("commands", []):
        if entry["hypercall"] not in hypercalls:
            fail(entry, f"command {entry['name']}: unknown hypercall {entry['hypercall']}")
        if entry["name"] not in constants:
            fail(entry, f"command {entry['name']}: not a constant of the specification")
        argument = entry["argument"]
        for prefix in ("struct ", "union "):
            if argument.startswith(prefix) and argument[len(prefix):] not in structs:
                fail(entry, f"command {entry['name']}: :argument: {argument} is not a "
                            "struct of the specification")
    for entry in abi.get("hypercalls", []) + abi.get("commands", []):
        for error in entry["errors"]:
            if f"HVABI_{error}" not in constants:
                fail(entry, f"{entry['name']}: error {error} is not in the error table "
                            f"(no constant HVABI_{error})")
    for requirement in requirements.values():
        if requirement["profile"] not in profiles:
            fail(requirement, f"requirement {requirement['tag']}: profile "
                              f"{requirement['profile']!r} is not defined by a profile directive")
        for covered in requirement["covers"]:
            if covered not in requirements:
                fail(requirement, f"requirement {requirement['tag']} covers unknown "
                                  f"requirement {covered}")


def build_model(app):
    env = app.env
    # Copies: the export below edits entries, the environment must stay as it is.
    abi = copy.deepcopy(getattr(env, "hvabi_abi", {}))
    requirements = copy.deepcopy(getattr(env, "hvabi_requirements", {}))
    check_unique_names(abi)
    structs = {s["name"]: s for s in abi.get("structs", [])}
    types = {t["name"]: t for t in abi.get("types", [])}
    for entry in abi.get("structs", []):
        check_struct_layout(entry, structs, types)
    profiles = copy.deepcopy(getattr(env, "hvabi_profiles", {}))
    check_references(abi, requirements, profiles)

    def sort_key(entry):
        return (entry["source"], entry["line"])

    model = {"version": MODEL_VERSION,
             "requirements": sorted(requirements.values(), key=sort_key),
             "profiles": sorted(profiles.values(), key=sort_key)}
    for kind in ("constants", "types", "structs", "functions", "hypercalls", "commands"):
        model[kind] = sorted(abi.get(kind, []), key=sort_key)
    for entries in model.values():
        if isinstance(entries, list):
            for entry in entries:
                entry.pop("docname", None)
                entry["source"] = os.path.relpath(entry["source"], app.confdir)
                for field in entry.get("fields", []):
                    field["source"] = os.path.relpath(field["source"], app.confdir)
    return model


def oft_requirements(model):
    """The requirements in OpenFastTrace's Markdown format."""
    lines = ["# hvabi requirements", "",
             "Generated from the hvabi specification; do not edit.", ""]
    for requirement in model["requirements"]:
        lines += [f"### {requirement['title']}", f"`{requirement['tag']}`", "",
                  requirement["statement"].replace("\n", " "), ""]
        if requirement["rationale"]:
            lines += ["Rationale:", requirement["rationale"].replace("\n", " "), ""]
        lines += [f"Comment: profile {requirement['profile']}, verified by "
                  f"{requirement['verification']}, spec/{requirement['source']}:"
                  f"{requirement['line']}", ""]
        if requirement["covers"]:
            lines += ["Covers:"] + [f"* `{tag}`" for tag in requirement["covers"]] + [""]
        if requirement["verification"] == "test":
            lines += ["Needs: ctest", ""]
    return "\n".join(lines)


def oft_tests(tests):
    """The conformance tests as OpenFastTrace items of type ctest."""
    lines = ["# hvabi conformance tests", "",
             "Generated from the conformance sources; do not edit.", ""]
    for test in tests:
        lines += [f"### {test['name']}", f"`ctest~{test['name']}~1`", "",
                  f"Conformance test at {test['file']}:{test['line']}.", "", "Covers:"]
        lines += [f"* `{tag}`" for tag in test["verifies"]] + [""]
    return "\n".join(lines)


def write_model(app, exception):
    if exception is not None:
        return
    model = build_model(app)
    path = app.config.hvabi_model_output or os.path.join(app.outdir, "abi-model.json")
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(os.path.join(directory, "oft"), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        json.dump(model, out, indent=1, sort_keys=True)
        out.write("\n")
    # For safety teams' own tracing: `oft trace <directory>/oft`.
    tests = hvabi_trace.read_all_tests(
        os.path.join(app.confdir, app.config.hvabi_conformance_dir))
    with open(os.path.join(directory, "oft", "requirements.md"), "w", encoding="utf-8") as out:
        out.write(oft_requirements(model))
    with open(os.path.join(directory, "oft", "conformance-tests.md"), "w",
              encoding="utf-8") as out:
        out.write(oft_tests(tests))


def check_before_writing(app, env):
    # Run the checks before HTML is written, so a bad entry stops the build early.
    build_model(app)
    return []


def setup(app):
    app.add_config_value("hvabi_model_output", "", "env")
    app.connect("env-check-consistency", check_before_writing)
    app.connect("build-finished", write_model)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
