#!/usr/bin/env python3
"""The traceability gate: requirements <-> conformance tests <-> results.

Prints the requirements not tested yet (by name), every inconsistency, and
a summary line; exits 1 when the trace is inconsistent.  The rules are in
spec/_ext/hvabi_trace.py.

usage: trace_check.py MODEL CONFORMANCE_DIR [RESULTS_DIR]
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "_ext"))

import abi_model  # noqa: E402
import hvabi_trace  # noqa: E402


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    model = abi_model.load(argv[1])
    conformance = os.path.abspath(argv[2])
    results = argv[3] if len(argv) == 4 else None
    trace = hvabi_trace.build_trace(model["requirements"], conformance,
                                    os.path.join(conformance, "untested.txt"), results)
    for row in trace["requirements"]:
        if row["status"] == "not tested":
            print(f"trace: not tested: {row['tag']} ({row['untested_reason']})")
    for problem in trace["problems"]:
        print(f"trace: FAIL: {problem}")
    print(f"trace: {hvabi_trace.summary_line(trace)}")
    return 1 if trace["problems"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
