#!/usr/bin/env python3
"""Proof that the specification's checks bite.

Each test copies the specification, the headers and the conformance
sources to a scratch directory, breaks one thing the way a careless change
would, runs the check that must catch it, and expects it to fail with a
message that names the broken item.

usage: test_checks.py   (environment: HVABI_XEN_INCLUDE, the directory that
                         holds xen/xen.h; without it the Xen test is skipped)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(TOOLS, "..", ".."))
PYTHON = "/usr/bin/python3"


def copy_tree(destination):
    for part in ("spec", "include", "conformance"):
        shutil.copytree(os.path.join(ROOT, part), os.path.join(destination, part),
                        ignore=shutil.ignore_patterns("_build", "__pycache__"))


def edit(path, pattern, replacement):
    """Replaces the first match of a regular expression; the match must exist."""
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    new_text, count = re.subn(pattern, replacement, text, count=1)
    if count != 1:
        raise AssertionError(f"{path}: the text to mutate is not there: {pattern!r}")
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(new_text)


def run(*command):
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout + done.stderr


class Tree:
    """A scratch copy of the tree, and the checks run on it."""

    def __init__(self):
        self.scratch = tempfile.mkdtemp(prefix="hvabi-checks-")
        copy_tree(self.scratch)
        self.model = os.path.join(self.scratch, "out", "abi-model.json")

    def path(self, *parts):
        return os.path.join(self.scratch, *parts)

    def build_spec(self):
        return run(PYTHON, "-m", "sphinx", "-W", "-q", "-b", "html",
                   "-d", self.path("out", "doctrees"), "-D", f"hvabi_model_output={self.model}",
                   self.path("spec"), self.path("out", "html"))

    def header_checks(self):
        return run(PYTHON, os.path.join(TOOLS, "header_checks.py"), self.model,
                   self.path("include"), self.path("out", "header-checks"))

    def header_symbols(self):
        return run(PYTHON, os.path.join(TOOLS, "header_symbols.py"), self.model,
                   self.path("include"), self.path("out", "header-symbols"))

    def xen_compat(self, xen_include):
        return run(PYTHON, os.path.join(TOOLS, "xen_compat.py"), self.model,
                   self.path("include"), xen_include, self.path("out", "xen-compat"))

    def trace(self):
        return run(PYTHON, os.path.join(TOOLS, "trace_check.py"), self.model,
                   self.path("conformance"))

    def remove(self):
        shutil.rmtree(self.scratch, ignore_errors=True)


class ChecksBite(unittest.TestCase):
    def setUp(self):
        self.tree = Tree()

    def tearDown(self):
        self.tree.remove()

    def assert_fails_naming(self, result, *names):
        status, output = result
        self.assertNotEqual(status, 0, f"the check passed, but it must fail:\n{output}")
        for name in names:
            self.assertIn(name, output, f"the failure does not name {name}:\n{output}")

    def built(self):
        status, output = self.tree.build_spec()
        self.assertEqual(status, 0, f"the unmodified specification must build:\n{output}")

    def test_unmodified_tree_passes(self):
        """The baseline: without a mutation every check passes."""
        self.built()
        for result in (self.tree.header_checks(), self.tree.header_symbols(), self.tree.trace()):
            self.assertEqual(result[0], 0, result[1])

    def test_wrong_constant_in_header(self):
        self.built()
        edit(self.tree.path("include", "hvabi", "sched_op.h"),
             r"(#define HVABI_SCHEDOP_SHUTDOWN\s+)2\b", r"\g<1>3")
        self.assert_fails_naming(self.tree.header_checks(), "HVABI_SCHEDOP_SHUTDOWN",
                                 "spec/chapters/sched_op.rst")

    def test_moved_field_in_header(self):
        self.built()
        edit(self.tree.path("include", "hvabi", "sched_op.h"),
             r"    uint32_t reason;", "    uint32_t padding;\n    uint32_t reason;")
        self.assert_fails_naming(self.tree.header_checks(), "hvabi_sched_shutdown.reason")

    def test_moved_field_in_spec(self):
        edit(self.tree.path("spec", "chapters", "sched_op.rst"),
             r"(``reason``\s+uint32_t\s+)0(\s+4)", r"\g<1>4\g<2>")
        self.assert_fails_naming(self.tree.build_spec(), "hvabi_sched_shutdown.reason",
                                 "sched_op.rst:")

    def test_malformed_spec_entry(self):
        edit(self.tree.path("spec", "chapters", "hypercalls.rst"),
             r"(``HVABI_HYPERCALL_SCHED_OP``\s+)29", r"\g<1>2x")
        self.assert_fails_naming(self.tree.build_spec(), "HVABI_HYPERCALL_SCHED_OP",
                                 "hypercalls.rst:")

    def test_untraced_requirement(self):
        with open(self.tree.path("spec", "chapters", "xen_version.rst"), "a",
                  encoding="utf-8") as stream:
            stream.write("\n.. requirement:: hvabi~xen-version-untraced~1\n"
                         "   :title: A requirement no test names\n"
                         "   :profile: core\n   :verification: test\n\n"
                         "   The hypervisor shall do something new.\n")
        self.built()
        self.assert_fails_naming(self.tree.trace(), "hvabi~xen-version-untraced~1")

    def test_dangling_tag(self):
        self.built()
        edit(self.tree.path("conformance", "tests", "xen_version.c"),
             r'\.verifies = "hvabi~xen-version-unknown-command~1"',
             '.verifies = "hvabi~xen-version-no-such-thing~1"')
        self.assert_fails_naming(self.tree.trace(), "hvabi~xen-version-no-such-thing~1",
                                 "xen_version_unknown_command")

    def test_stale_ledger_entry(self):
        self.built()
        with open(self.tree.path("conformance", "untested.txt"), "a", encoding="utf-8") as stream:
            stream.write("hvabi~xen-version-unknown-command~1 listed although it is tested\n")
        self.assert_fails_naming(self.tree.trace(), "hvabi~xen-version-unknown-command~1")

    def test_test_names_argued_requirement(self):
        self.built()
        edit(self.tree.path("conformance", "tests", "xen_version.c"),
             r'\.verifies = "hvabi~xen-version-unknown-command~1"',
             '.verifies = "hvabi~xen-version-unknown-command~1 hvabi~error-codes~1"')
        self.assert_fails_naming(self.tree.trace(), "hvabi~error-codes~1")

    def test_header_symbol_missing_from_spec(self):
        self.built()
        edit(self.tree.path("include", "hvabi", "sched_op.h"),
             r"#endif /\* HVABI_SCHED_OP_H \*/",
             "#define HVABI_SCHEDOP_NOT_SPECIFIED 9\n\n#endif /* HVABI_SCHED_OP_H */")
        self.assert_fails_naming(self.tree.header_symbols(), "HVABI_SCHEDOP_NOT_SPECIFIED",
                                 "include/hvabi/sched_op.h")

    @unittest.skipUnless(os.path.isfile(os.path.join(os.environ.get("HVABI_XEN_INCLUDE", "/nonexistent"),
                                                     "xen", "xen.h")),
                         "HVABI_XEN_INCLUDE does not point at Xen's public headers")
    def test_value_that_differs_from_xen(self):
        # Spec and header agree with each other, but not with Xen.
        edit(self.tree.path("spec", "chapters", "sched_op.rst"),
             r"(``HVABI_SHUTDOWN_CRASH``\s+)3", r"\g<1>7")
        edit(self.tree.path("include", "hvabi", "sched_op.h"),
             r"(#define HVABI_SHUTDOWN_CRASH\s+)3", r"\g<1>7")
        self.built()
        self.assertEqual(self.tree.header_checks()[0], 0)
        self.assert_fails_naming(self.tree.xen_compat(os.environ["HVABI_XEN_INCLUDE"]),
                                 "HVABI_SHUTDOWN_CRASH", "SHUTDOWN_crash")


if __name__ == "__main__":
    unittest.main(verbosity=2)
