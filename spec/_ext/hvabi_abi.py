"""Sphinx extension: the ABI stated in a form programs read.

Directives (each renders as a table in the HTML, and each entry is kept,
with its file and line, for the ABI model that hvabi_model.py exports):

``abi-constants``   a table of named values (Name, Value, Xen, Meaning)
``abi-struct``      a struct or union: size, alignment, each field's type,
                    offset and size (Field, Type, Offset, Size, Meaning)
``abi-type``        a typedef of a fixed-size integer type
``abi-function``    a function the headers define (inline hypercall stubs)
``abi-hypercall``   a hypercall: number, arguments, result, errors
``abi-command``     a command of a hypercall: argument, result, errors

Every entry says what it is in Xen: ``:xen:`` gives Xen's name, or ``none``
for an item hvabi defines and Xen does not have.  For a struct or union that
Xen declares without a name inside another, ``:xen: struct outer.member``
names the type of that member.  The Xen compatibility
check compiles each named item against Xen's own headers.

A malformed entry is a build error naming the file and line.
"""

import re

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.statemachine import StringList
from sphinx.errors import ExtensionError

C_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
HEADER = re.compile(r"^hvabi/[a-z0-9_/]+\.h$")
XEN_HEADER = re.compile(r"^xen/[A-Za-z0-9_/-]+\.h$")

# Fixed-size types the ABI may use, with (size, alignment) under AAPCS64.
SCALAR_TYPES = {
    "uint8_t": (1, 1), "int8_t": (1, 1),
    "uint16_t": (2, 2), "int16_t": (2, 2),
    "uint32_t": (4, 4), "int32_t": (4, 4),
    "uint64_t": (8, 8), "int64_t": (8, 8),
}
TYPE_PATTERN = re.compile(
    r"^(?P<base>(?:struct |union )?[A-Za-z_][A-Za-z0-9_]*)(?:\[(?P<count>[0-9]+)\])?$")


def parse_int(text):
    text = text.strip().replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("-")
    if re.fullmatch(r"0x[0-9a-fA-F]+", text):
        return sign * int(text, 16)
    if re.fullmatch(r"[0-9]+", text):
        return sign * int(text, 10)
    raise ValueError(text)


def literal_text(text):
    """A table cell as plain text: ``NAME`` -> NAME."""
    return text.strip().strip("`").strip()


class AbiDirective(Directive):
    """Shared parsing: options, the table in the content, errors with file:line."""

    has_content = True

    def location(self, offset=None):
        source, line = self.state_machine.get_source_and_line(self.lineno)
        if offset is not None:
            line = self.content_offset + offset + 1
        return source, line

    def fail(self, message, offset=None):
        source, line = self.location(offset)
        raise ExtensionError(f"{source}:{line}: {message}")

    def need_option(self, name, pattern=None):
        value = self.options.get(name, "").strip()
        if not value:
            self.fail(f"{self.name} {self.arguments[0] if self.arguments else ''}: "
                      f"option :{name}: is missing")
        if pattern is not None and not pattern.match(value):
            self.fail(f"{self.name}: option :{name}: {value!r} is malformed")
        return value

    def xen_option(self):
        value = self.need_option("xen")
        # "struct evtchn_status.u" names the type of member u of that struct:
        # Xen declares some nested structs and unions without a name.
        if value != "none" and not re.match(
                r"^(struct |union )?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", value):
            self.fail(f"{self.name}: :xen: must be Xen's name of the item, or none")
        return None if value == "none" else value

    def parse_table(self, columns):
        """Parses the content as an RST table with the given header columns.

        Returns (table_node, rows), rows being lists of cell texts with the
        content offset of the row's line.
        """
        container = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, container)
        tables = list(container.traverse(nodes.table))
        if len(tables) != 1:
            self.fail(f"{self.name}: the content must be one table with columns "
                      f"{', '.join(columns)}")
        table = tables[0]
        head = list(table.traverse(nodes.thead))
        body = list(table.traverse(nodes.tbody))
        if not head or not body:
            self.fail(f"{self.name}: the table needs a header row: {', '.join(columns)}")
        header = [entry.astext().strip() for entry in head[0].traverse(nodes.entry)]
        if header != columns:
            self.fail(f"{self.name}: the table's columns must be {', '.join(columns)}, "
                      f"not {', '.join(header)}")
        rows = []
        for row in body[0].traverse(nodes.row):
            cells = [entry.astext().strip() for entry in row.traverse(nodes.entry)]
            rows.append((cells, self.row_offset(cells[0])))
        return table, rows

    def row_offset(self, first_cell):
        """The content line of a row: the first line that holds its first cell."""
        needle = literal_text(first_cell).split()[0] if first_cell.strip() else ""
        for index, line in enumerate(self.content):
            if needle and needle in line:
                return index
        return None

    def record(self, kind, entry):
        env = self.state.document.settings.env
        source, line = self.location()
        entry.setdefault("source", source)
        entry.setdefault("line", line)
        entry["docname"] = env.docname
        env.hvabi_abi.setdefault(kind, []).append(entry)


class ConstantsDirective(AbiDirective):
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"header": directives.unchanged_required,
                   "xen-header": directives.unchanged}
    columns = ["Name", "Value", "Xen", "Meaning"]

    def run(self):
        group = self.arguments[0]
        header = self.need_option("header", HEADER)
        xen_header = self.options.get("xen-header", "").strip() or None
        if xen_header and not XEN_HEADER.match(xen_header):
            self.fail(f"abi-constants: :xen-header: {xen_header!r} is malformed")
        table, rows = self.parse_table(self.columns)
        for cells, offset in rows:
            name, value, xen, meaning = cells
            source, line = self.location(offset)
            name = literal_text(name)
            if not name.startswith("HVABI_") or not C_NAME.match(name):
                self.fail(f"constant {name!r}: names start with HVABI_", offset)
            try:
                number = parse_int(value)
            except ValueError:
                self.fail(f"constant {name}: value {value!r} is not an integer", offset)
            xen = literal_text(xen)
            if xen in ("—", "-", "none", ""):
                xen = None
            elif not C_NAME.match(xen):
                self.fail(f"constant {name}: Xen name {xen!r} is malformed", offset)
            elif xen_header is None:
                self.fail(f"constant {name}: a Xen name needs :xen-header:", offset)
            self.record("constants", {
                "name": name, "value": number, "group": group, "header": header,
                "xen": xen, "xen_header": xen_header if xen else None,
                "meaning": meaning, "source": source, "line": line})
        title = nodes.title(group, group)
        table.insert(0, title)
        return [table]


class StructDirective(AbiDirective):
    required_arguments = 1
    option_spec = {"header": directives.unchanged_required,
                   "xen": directives.unchanged_required,
                   "xen-header": directives.unchanged,
                   "xen-fields": directives.unchanged,
                   "size": directives.unchanged_required,
                   "align": directives.unchanged_required,
                   "union": directives.flag}
    columns = ["Field", "Type", "Offset", "Size", "Meaning"]

    def run(self):
        name = self.arguments[0]
        kind = "union" if "union" in self.options else "struct"
        if not name.startswith("hvabi_") or not C_NAME.match(name):
            self.fail(f"{kind} {name!r}: names start with hvabi_")
        header = self.need_option("header", HEADER)
        xen = self.xen_option()
        xen_header = self.options.get("xen-header", "").strip() or None
        if xen and (xen_header is None or not XEN_HEADER.match(xen_header)):
            self.fail(f"{kind} {name}: a Xen name needs a well-formed :xen-header:")
        try:
            size = parse_int(self.need_option("size"))
            align = parse_int(self.need_option("align"))
        except ValueError:
            self.fail(f"{kind} {name}: :size: and :align: must be integers")
        xen_fields = {}
        for pair in self.options.get("xen-fields", "").split(","):
            if pair.strip():
                ours, _, theirs = pair.partition("=")
                xen_fields[ours.strip()] = theirs.strip()

        table, rows = self.parse_table(self.columns)
        fields = []
        for cells, offset in rows:
            field, type_text, field_offset, field_size, meaning = cells
            field = literal_text(field)
            type_text = literal_text(type_text)
            source, line = self.location(offset)
            if not C_NAME.match(field):
                self.fail(f"{kind} {name}: field name {field!r} is malformed", offset)
            match = TYPE_PATTERN.match(type_text)
            if not match:
                self.fail(f"{kind} {name}.{field}: type {type_text!r} is malformed", offset)
            try:
                field_offset = parse_int(field_offset)
                field_size = parse_int(field_size)
            except ValueError:
                self.fail(f"{kind} {name}.{field}: offset and size must be integers", offset)
            fields.append({
                "name": field, "type": type_text, "base_type": match.group("base"),
                "count": int(match.group("count")) if match.group("count") else None,
                "offset": field_offset, "size": field_size,
                "xen_name": xen_fields.get(field, field), "meaning": meaning,
                "source": source, "line": line})
        unknown = set(xen_fields) - {f["name"] for f in fields}
        if unknown:
            self.fail(f"{kind} {name}: :xen-fields: names unknown fields {sorted(unknown)}")
        self.record("structs", {
            "name": name, "kind": kind, "header": header, "xen": xen,
            "xen_header": xen_header, "size": size, "align": align, "fields": fields})
        caption = f"{kind} {name} (size {size}, alignment {align})"
        table.insert(0, nodes.title(caption, caption))
        return [table]


class TypeDirective(AbiDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"header": directives.unchanged_required,
                   "definition": directives.unchanged_required,
                   "xen": directives.unchanged_required,
                   "xen-header": directives.unchanged}

    def run(self):
        name = self.arguments[0]
        if not name.startswith("hvabi_") or not C_NAME.match(name):
            self.fail(f"type {name!r}: names start with hvabi_")
        header = self.need_option("header", HEADER)
        definition = self.need_option("definition")
        if definition not in SCALAR_TYPES:
            self.fail(f"type {name}: :definition: must be a fixed-size integer type")
        xen = self.xen_option()
        xen_header = self.options.get("xen-header", "").strip() or None
        if xen and (xen_header is None or not XEN_HEADER.match(xen_header)):
            self.fail(f"type {name}: a Xen name needs a well-formed :xen-header:")
        self.record("types", {"name": name, "header": header, "definition": definition,
                              "xen": xen, "xen_header": xen_header})
        paragraph = nodes.paragraph()
        paragraph += nodes.literal(text=f"typedef {definition} {name};")
        body = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, body)
        return [paragraph] + body.children


class FunctionDirective(AbiDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"header": directives.unchanged_required,
                   "signature": directives.unchanged_required}

    def run(self):
        name = self.arguments[0]
        if not name.startswith("hvabi_") or not C_NAME.match(name):
            self.fail(f"function {name!r}: names start with hvabi_")
        header = self.need_option("header", HEADER)
        signature = self.need_option("signature")
        if name not in signature:
            self.fail(f"function {name}: the signature does not name the function")
        self.record("functions", {"name": name, "header": header, "signature": signature})
        paragraph = nodes.paragraph()
        paragraph += nodes.literal(text=signature)
        body = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, body)
        return [paragraph] + body.children


def parse_errors(directive, text):
    errors = text.split()
    for error in errors:
        if not re.fullmatch(r"E[A-Z0-9]+", error):
            directive.fail(f"{directive.name}: error {error!r} is not an error name such as EINVAL")
    return errors


class HypercallDirective(AbiDirective):
    required_arguments = 1
    option_spec = {"number": directives.unchanged_required,
                   "result": directives.unchanged_required,
                   "errors": directives.unchanged_required}
    columns = ["Register", "Name", "Type", "Meaning"]

    def run(self):
        name = self.arguments[0]
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            self.fail(f"hypercall {name!r}: the name is malformed")
        number = self.need_option("number")
        if not number.startswith("HVABI_HYPERCALL_"):
            self.fail(f"hypercall {name}: :number: must name an HVABI_HYPERCALL_ constant")
        result = self.need_option("result")
        errors = parse_errors(self, self.need_option("errors"))
        table, rows = self.parse_table(self.columns)
        arguments = []
        for index, (cells, offset) in enumerate(rows):
            register = literal_text(cells[0])
            arg_name = literal_text(cells[1])
            arg_type = literal_text(cells[2])
            meaning = cells[3]
            if register != f"X{index}":
                self.fail(f"hypercall {name}: argument {index + 1} must be in X{index}, "
                          f"not {register}", offset)
            if arg_type not in ("uint32_t", "uint64_t", "int32_t", "pointer"):
                self.fail(f"hypercall {name}: argument {arg_name} has type {arg_type!r}; "
                          "use uint32_t, int32_t, uint64_t or pointer", offset)
            arguments.append({"register": register, "name": arg_name, "type": arg_type,
                              "meaning": meaning})
        self.record("hypercalls", {"name": name, "number": number, "result": result,
                                   "errors": errors, "arguments": arguments})
        caption = f"Hypercall {name}: arguments"
        table.insert(0, nodes.title(caption, caption))
        summary = nodes.paragraph()
        summary += nodes.strong(text="Result: ")
        summary += nodes.Text(result + ".  ")
        summary += nodes.strong(text="Errors: ")
        summary += nodes.Text(", ".join(errors) + ".")
        return [table, summary]


class CommandDirective(AbiDirective):
    required_arguments = 2
    has_content = True
    option_spec = {"argument": directives.unchanged_required,
                   "result": directives.unchanged_required,
                   "errors": directives.unchanged}

    def run(self):
        hypercall, command = self.arguments
        if not command.startswith("HVABI_"):
            self.fail(f"command {command!r}: must name an HVABI_ constant")
        argument = self.need_option("argument")
        result = self.need_option("result")
        errors = parse_errors(self, self.options.get("errors", ""))
        self.record("commands", {"hypercall": hypercall, "name": command,
                                 "argument": argument, "result": result, "errors": errors})
        field_list = nodes.field_list()
        for label, value in (("Command", f"{hypercall}: {command}"), ("Argument", argument),
                             ("Result", result),
                             ("Errors", ", ".join(errors) if errors else "none")):
            field = nodes.field()
            field += nodes.field_name(text=label)
            body = nodes.field_body()
            body += nodes.paragraph(text=value)
            field += body
            field_list += field
        content = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, content)
        return [field_list] + content.children


def init_environment(app, env, docnames):
    if not hasattr(env, "hvabi_abi"):
        env.hvabi_abi = {}
    for kind, entries in env.hvabi_abi.items():
        env.hvabi_abi[kind] = [e for e in entries if e["docname"] not in docnames]


def purge_document(app, env, docname):
    for kind, entries in getattr(env, "hvabi_abi", {}).items():
        env.hvabi_abi[kind] = [e for e in entries if e["docname"] != docname]


def merge_info(app, env, docnames, other):
    for kind, entries in getattr(other, "hvabi_abi", {}).items():
        env.hvabi_abi.setdefault(kind, []).extend(entries)


def setup(app):
    app.add_directive("abi-constants", ConstantsDirective)
    app.add_directive("abi-struct", StructDirective)
    app.add_directive("abi-type", TypeDirective)
    app.add_directive("abi-function", FunctionDirective)
    app.add_directive("abi-hypercall", HypercallDirective)
    app.add_directive("abi-command", CommandDirective)
    app.connect("env-before-read-docs", init_environment)
    app.connect("env-purge-doc", purge_document)
    app.connect("env-merge-info", merge_info)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
