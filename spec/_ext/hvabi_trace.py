"""Traceability between requirements, conformance tests and test results.

Used by the Sphinx build (the traceability page) and by
spec/tools/trace_check.py (the CI gate), so both see the same trace.

Inputs:
  requirements  from the specification (the ABI model's "requirements")
  tests         the conformance tests and the tags each declares it verifies,
                read from the C sources under conformance/ and from the
                system-tree tests, conformance/system-trees/*.conf (each
                "[test NAME]" section and its "verifies = ..." line; the
                harness boots them, harness/src/tree_test.h)
  ledger        conformance/untested.txt: requirements verified by test for
                which no test exists yet, each on a line with the reason
  results       JUnit files the harness wrote (optional): the latest result
                of each test on each port, and the tags the running guest
                printed

Rules (a violation is a problem, and the gate fails):
  - every tag a test names is a requirement of the specification;
  - a test names only requirements whose verification is "test";
  - a requirement verified by test is named by a test or listed in the
    ledger ("not tested": listed and counted, never silently passed);
  - the ledger lists only existing requirements that no test names;
  - test names are unique, and every test declares at least one tag;
  - in the results, each test's tags are the ones its source declares
    (otherwise the guest that ran is not the one in the tree).
"""

import glob
import os
import re
import xml.etree.ElementTree as ElementTree

TEST_PATTERN = re.compile(
    r'\.name\s*=\s*"(?P<name>[^"]+)"\s*,\s*\.verifies\s*=\s*(?P<verifies>(?:"[^"]*"\s*)+)')
TAG = re.compile(r"^hvabi~[a-z0-9][a-z0-9.-]*~[1-9][0-9]*$")


def read_tests(conformance_dir):
    """[{name, verifies, file, line}] from the conformance sources."""
    tests = []
    for path in sorted(glob.glob(os.path.join(conformance_dir, "**", "*.c"), recursive=True)):
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
        for match in TEST_PATTERN.finditer(text):
            verifies = "".join(re.findall(r'"([^"]*)"', match.group("verifies"))).split()
            tests.append({
                "name": match.group("name"),
                "verifies": verifies,
                "file": os.path.relpath(path, os.path.dirname(conformance_dir)),
                "line": text.count("\n", 0, match.start()) + 1,
            })
    return tests


TREE_TEST_HEADER = re.compile(r"^\s*\[\s*test\s+(?P<name>[^\]\s]+)\s*\]\s*$")
SECTION_HEADER = re.compile(r"^\s*\[.*\]\s*$")
VERIFIES_LINE = re.compile(r"^\s*verifies\s*=(?P<tags>.*)$")


def read_tree_tests(conformance_dir):
    """[{name, verifies, file, line}] from the system-tree test files."""
    tests = []
    for path in sorted(glob.glob(os.path.join(conformance_dir, "system-trees", "*.conf"))):
        with open(path, encoding="utf-8") as stream:
            lines = stream.read().splitlines()
        current = None
        for number, line in enumerate(lines, 1):
            if line.lstrip().startswith("#"):
                continue
            header = TREE_TEST_HEADER.match(line)
            if header:
                current = {
                    "name": header.group("name"),
                    "verifies": [],
                    "file": os.path.relpath(path, os.path.dirname(conformance_dir)),
                    "line": number,
                }
                tests.append(current)
                continue
            if SECTION_HEADER.match(line):
                current = None
                continue
            verifies = VERIFIES_LINE.match(line)
            if verifies and current is not None:
                current["verifies"] = verifies.group("tags").split()
    return tests


def read_all_tests(conformance_dir):
    """The guest's tests and the system-tree tests."""
    return read_tests(conformance_dir) + read_tree_tests(conformance_dir)


def read_ledger(path):
    """{tag: (reason, line)} from the untested ledger; problems for bad lines."""
    ledger, problems = {}, []
    if not os.path.exists(path):
        return ledger, problems
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            tag, _, reason = text.partition(" ")
            where = f"{os.path.basename(os.path.dirname(path))}/{os.path.basename(path)}:{number}"
            if not TAG.match(tag):
                problems.append(f"{where}: {tag!r} is not a requirement tag")
            elif not reason.strip():
                problems.append(f"{where}: {tag} needs a reason (what is missing to test it)")
            elif tag in ledger:
                problems.append(f"{where}: {tag} is listed twice")
            else:
                ledger[tag] = (reason.strip(), where)
    return ledger, problems


def read_results(results_dir):
    """{port: {test name: {outcome, verifies, deviation, message}}} from JUnit files."""
    results = {}
    if not results_dir or not os.path.isdir(results_dir):
        return results
    for path in sorted(glob.glob(os.path.join(results_dir, "*.xml"))):
        try:
            root = ElementTree.parse(path).getroot()
        except ElementTree.ParseError:
            continue
        for suite in root.iter("testsuite"):
            port = suite.get("name", "").removeprefix("hvabi.")
            for case in suite.iter("testcase"):
                if case.get("classname", "").endswith(".run"):
                    continue
                properties = {p.get("name"): p.get("value") for p in case.iter("property")}
                if case.find("failure") is not None:
                    outcome = "fail"
                elif case.find("skipped") is not None:
                    outcome = "skip"
                else:
                    outcome = "pass"
                results.setdefault(port, {})[case.get("name")] = {
                    "outcome": outcome,
                    "verifies": properties.get("verifies", "").split(),
                    "deviation": properties.get("deviation"),
                }
    return results


def build_trace(requirements, conformance_dir, ledger_path, results_dir=None):
    """The whole trace: requirements with their tests and results, and problems."""
    by_tag = {r["tag"]: r for r in requirements}
    tests = read_all_tests(conformance_dir)
    ledger, problems = read_ledger(ledger_path)
    results = read_results(results_dir)

    named = {}
    seen = {}
    for test in tests:
        where = f"{test['file']}:{test['line']}"
        if test["name"] in seen:
            problems.append(f"{where}: test name {test['name']} is also used at {seen[test['name']]}")
        seen[test["name"]] = where
        if not test["verifies"]:
            problems.append(f"{where}: test {test['name']} names no requirement it verifies")
        for tag in test["verifies"]:
            requirement = by_tag.get(tag)
            if requirement is None:
                problems.append(f"{where}: test {test['name']} verifies {tag}, which the "
                                "specification does not define")
                continue
            if requirement["verification"] != "test":
                problems.append(f"{where}: test {test['name']} verifies {tag}, whose "
                                f"verification is {requirement['verification']}, not test "
                                f"(spec/{requirement['source']}:{requirement['line']})")
            named.setdefault(tag, []).append(test["name"])

    for tag, (reason, where) in ledger.items():
        if tag not in by_tag:
            problems.append(f"{where}: {tag} is not a requirement of the specification")
        elif tag in named:
            problems.append(f"{where}: {tag} is tested now (by {', '.join(named[tag])}); "
                            "remove it from the ledger")
        elif by_tag[tag]["verification"] != "test":
            problems.append(f"{where}: {tag} is verified by {by_tag[tag]['verification']}; "
                            "only requirements verified by test belong in the ledger")

    declared = {t["name"]: t["verifies"] for t in tests}
    for port, port_results in results.items():
        for name, result in port_results.items():
            if name not in declared:
                if re.fullmatch(r"test \d+", name):
                    continue  # a test that produced no result; the harness reported it
                problems.append(f"results of {port}: test {name} is not in the conformance "
                                "sources (rebuild the guest and run it again)")
            elif result["verifies"] and sorted(result["verifies"]) != sorted(declared[name]):
                problems.append(f"results of {port}: test {name} printed the tags "
                                f"{' '.join(result['verifies'])} but its source declares "
                                f"{' '.join(declared[name])} (rebuild the guest and run it again)")

    rows = []
    for requirement in requirements:
        tag = requirement["tag"]
        if requirement["verification"] != "test":
            status = "argued"
        elif tag in named:
            status = "tested"
        else:
            status = "not tested"
            if tag not in ledger:
                problems.append(f"spec/{requirement['source']}:{requirement['line']}: {tag} is "
                                "verified by test, but no conformance test names it and it is "
                                "not in conformance/untested.txt")
        port_results = {}
        for port, port_data in results.items():
            outcomes = [port_data[t] for t in named.get(tag, []) if t in port_data]
            if not outcomes:
                continue
            if any(o["outcome"] == "fail" for o in outcomes):
                outcome = "fail"
            elif all(o["outcome"] == "skip" for o in outcomes):
                outcome = "skip"
            else:
                outcome = "pass"
            port_results[port] = {
                "outcome": outcome,
                "deviations": sorted({o["deviation"] for o in outcomes if o["deviation"]}),
            }
        rows.append({
            "tag": tag, "title": requirement["title"], "profile": requirement["profile"],
            "verification": requirement["verification"], "source": requirement["source"],
            "line": requirement["line"], "status": status, "tests": named.get(tag, []),
            "untested_reason": ledger.get(tag, ("", ""))[0], "results": port_results,
        })
    return {"requirements": rows, "tests": tests, "ports": sorted(results),
            "problems": problems}


def summary_line(trace):
    rows = trace["requirements"]
    by_test = [r for r in rows if r["verification"] == "test"]
    tested = [r for r in by_test if r["status"] == "tested"]
    return (f"{len(rows)} requirements: {len(by_test)} verified by test "
            f"({len(tested)} tested, {len(by_test) - len(tested)} not tested), "
            f"{len(rows) - len(by_test)} by analysis or inspection; "
            f"{len(trace['tests'])} conformance tests; {len(trace['problems'])} problem(s)")
