"""Sphinx extension: the generated traceability page.

``.. traceability::`` is replaced, after every document has been read, by
the trace of hvabi_trace.py: for each requirement, the conformance tests
that verify it and the latest result of each on each port (from the JUnit
files in ``hvabi_results_dir``), with the requirements that are not tested
yet listed by name.  The page is rebuilt on every build, since its inputs
live outside the specification.
"""

import os

from docutils import nodes
from docutils.parsers.rst import Directive

import hvabi_trace


class trace_placeholder(nodes.General, nodes.Element):
    pass


class TraceabilityDirective(Directive):
    def run(self):
        env = self.state.document.settings.env
        env.hvabi_trace_docname = env.docname
        return [trace_placeholder()]


def paragraph(*parts):
    node = nodes.paragraph()
    for part in parts:
        node += part if isinstance(part, nodes.Node) else nodes.Text(part)
    return node


def requirement_link(app, fromdocname, row, requirements):
    docname = requirements[row["tag"]]["docname"]
    uri = app.builder.get_relative_uri(fromdocname, docname) + "#" + row["tag"]
    reference = nodes.reference("", "", internal=True, refuri=uri)
    reference += nodes.literal(row["tag"], row["tag"])
    return reference


def table(headers, rows, widths):
    table_node = nodes.table()
    group = nodes.tgroup(cols=len(headers))
    table_node += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    header_row = nodes.row()
    for text in headers:
        entry = nodes.entry()
        entry += paragraph(text)
        header_row += entry
    head += header_row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell if isinstance(cell, nodes.Node) else paragraph(cell)
            row += entry
        body += row
    return table_node


def result_text(row, port):
    result = row["results"].get(port)
    if result is None:
        return "not run" if row["status"] == "tested" else "—"
    text = result["outcome"]
    if result["deviations"]:
        text += " (deviation " + ", ".join(result["deviations"]) + ")"
    return text


def render(app, doctree, fromdocname):
    env = app.env
    requirements = getattr(env, "hvabi_requirements", {})
    spec_dir = app.confdir
    trace = hvabi_trace.build_trace(
        sorted(requirements.values(), key=lambda r: (r["source"], r["line"])),
        os.path.join(spec_dir, app.config.hvabi_conformance_dir),
        os.path.join(spec_dir, app.config.hvabi_conformance_dir, "untested.txt"),
        app.config.hvabi_results_dir or None)
    ports = trace["ports"]
    content = [paragraph(hvabi_trace.summary_line(trace) + ".")]
    if not ports:
        content.append(paragraph("No test results were given to this build, so the result "
                                 "columns are empty; ./hvabi test fills them."))
    rows = []
    for row in trace["requirements"]:
        cells = [paragraph(requirement_link(app, fromdocname, row, requirements)), row["title"],
                 row["verification"],
                 ", ".join(row["tests"]) if row["tests"] else
                 ("not tested: " + row["untested_reason"] if row["status"] == "not tested"
                  else "—")]
        cells += [result_text(row, port) for port in ports]
        rows.append(cells)
    content.append(table(["Requirement", "Title", "Verification", "Tests"] + ports, rows,
                         [22, 26, 10, 30] + [12] * len(ports)))
    not_tested = [r for r in trace["requirements"] if r["status"] == "not tested"]
    content.append(paragraph(f"Not tested yet ({len(not_tested)}):"))
    listing = nodes.bullet_list()
    for row in not_tested:
        item = nodes.list_item()
        item += paragraph(requirement_link(app, fromdocname, row, requirements),
                          f" — {row['untested_reason']}")
        listing += item
    content.append(listing)
    if trace["problems"]:
        warning = nodes.warning()
        warning += paragraph("The trace is inconsistent; ./hvabi spec fails until this is fixed:")
        problems = nodes.bullet_list()
        for problem in trace["problems"]:
            item = nodes.list_item()
            item += paragraph(problem)
            problems += item
        warning += problems
        content.append(warning)
    return content


def replace_placeholders(app, doctree, fromdocname):
    for node in doctree.traverse(trace_placeholder):
        node.replace_self(render(app, doctree, fromdocname))


def always_outdated(app, env, added, changed, removed):
    docname = getattr(env, "hvabi_trace_docname", None)
    return [docname] if docname and docname in env.found_docs else []


def setup(app):
    app.add_config_value("hvabi_results_dir", "", "env")
    app.add_config_value("hvabi_conformance_dir", "../conformance", "env")
    app.add_node(trace_placeholder)
    app.add_directive("traceability", TraceabilityDirective)
    app.connect("doctree-resolved", replace_placeholders)
    app.connect("env-get-outdated", always_outdated)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
