"""Read the ABI model that the specification build exports (abi-model.json).

Shared by the checks in this directory.  Each entry keeps the file and line
of the specification it comes from, so that every failure can name it.
"""

import json
import os

MODEL_VERSION = 1


class ModelError(Exception):
    pass


def load(path):
    try:
        with open(path, encoding="utf-8") as stream:
            model = json.load(stream)
    except (OSError, ValueError) as error:
        raise ModelError(f"cannot read the ABI model {path}: {error}") from error
    if model.get("version") != MODEL_VERSION:
        raise ModelError(f"{path}: model version {model.get('version')}, expected {MODEL_VERSION}")
    return model


def where(entry):
    """spec/<source>:<line> of an entry."""
    return f"spec/{entry['source']}:{entry['line']}"


def headers(model):
    """Every header the model names, sorted."""
    names = set()
    for kind in ("constants", "types", "structs", "functions"):
        for entry in model[kind]:
            names.add(entry["header"])
    return sorted(names)


def arch_of_header(header):
    """'aarch64' for hvabi/arch/aarch64/..., None for an architecture-neutral header."""
    parts = header.split("/")
    if len(parts) > 2 and parts[1] == "arch":
        return parts[2]
    return None


def list_header_files(include_dir):
    """Every .h under include_dir/hvabi, as 'hvabi/...' paths."""
    found = []
    root = os.path.join(include_dir, "hvabi")
    for directory, _, files in os.walk(root):
        for name in files:
            if name.endswith(".h"):
                path = os.path.join(directory, name)
                found.append(os.path.relpath(path, include_dir))
    return sorted(found)
