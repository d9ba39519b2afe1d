"""Sphinx extension: numbered, traceable requirements.

A requirement is written as

    .. requirement:: hvabi~xen-version-version~1
       :title: XENVER_version returns the interface version
       :profile: core
       :verification: test

       The hypervisor shall ...

       .. rationale::

          Why the statement is there, when that is not obvious.

The tag follows OpenFastTrace's syntax (artifact type ``hvabi``, a name, a
revision).  ``:profile:`` is ``core`` (every conforming hypervisor) or the
name of an optional feature.  ``:verification:`` is ``test`` (a conformance
test verifies it), ``analysis`` or ``inspection`` (argued, not tested).
``:covers:`` lists tags this requirement refines.

Each requirement renders as a box with a link anchor equal to its tag, and
the role ``:req:`hvabi~name~1``` links to it.  All requirements, with the
file and line where each is written, are kept for the ABI model export
(see hvabi_model.py).
"""

import re

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

TAG_PATTERN = re.compile(r"^hvabi~([a-z0-9][a-z0-9.-]*)~([1-9][0-9]*)$")
VERIFICATIONS = ("test", "analysis", "inspection")
PROFILE_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")


def anchor_of(tag):
    """The HTML id of a requirement: the tag itself, which is a valid id."""
    return tag


class rationale_node(nodes.General, nodes.Element):
    pass


class requirement_node(nodes.General, nodes.Element):
    pass


class profile_node(nodes.General, nodes.Element):
    pass


class ProfileDirective(Directive):
    """``.. profile:: name`` with ``:title:``: a conformance profile.

    ``core`` is what every conforming hypervisor implements; every other
    profile is an optional feature, and its content says how a guest
    discovers whether the hypervisor has it.
    """

    required_arguments = 1
    has_content = True
    option_spec = {"title": directives.unchanged_required}

    def run(self):
        env = self.state.document.settings.env
        name = self.arguments[0].strip()
        source, line = self.state_machine.get_source_and_line(self.lineno)
        if not PROFILE_PATTERN.match(name):
            spec_error(self, f"profile name {name!r} is malformed")
        title = self.options.get("title", "").strip()
        if not title:
            spec_error(self, f"profile {name}: option :title: is missing")
        if not self.content:
            spec_error(self, f"profile {name}: say what it covers and how a guest discovers it")
        profiles = env.hvabi_profiles
        if name in profiles and profiles[name]["source"] != source:
            spec_error(self, f"profile {name} is already defined at "
                             f"{profiles[name]['source']}:{profiles[name]['line']}")
        node = profile_node()
        node["ids"] = [f"profile-{name}"]
        node["name"] = name
        node["title"] = title
        self.state.nested_parse(self.content, self.content_offset, node)
        profiles[name] = {"name": name, "title": title, "description": node.astext(),
                          "docname": env.docname, "source": source, "line": line}
        return [node]


class RationaleDirective(Directive):
    has_content = True

    def run(self):
        node = rationale_node()
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def spec_error(directive, message):
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    raise ExtensionError(f"{source}:{line}: {message}")


class RequirementDirective(Directive):
    required_arguments = 1
    has_content = True
    option_spec = {
        "title": directives.unchanged_required,
        "profile": directives.unchanged_required,
        "verification": directives.unchanged_required,
        "covers": directives.unchanged,
    }

    def run(self):
        env = self.state.document.settings.env
        tag = self.arguments[0].strip()
        source, line = self.state_machine.get_source_and_line(self.lineno)
        if not TAG_PATTERN.match(tag):
            spec_error(self, f"requirement tag {tag!r} is not of the form hvabi~name~revision "
                             "(name: lower-case letters, digits, '.', '-')")
        for option in ("title", "profile", "verification"):
            if not self.options.get(option, "").strip():
                spec_error(self, f"requirement {tag}: option :{option}: is missing")
        verification = self.options["verification"].strip()
        if verification not in VERIFICATIONS:
            spec_error(self, f"requirement {tag}: :verification: must be one of "
                             f"{', '.join(VERIFICATIONS)}, not {verification!r}")
        profile = self.options["profile"].strip()
        if not PROFILE_PATTERN.match(profile):
            spec_error(self, f"requirement {tag}: :profile: {profile!r} is not a profile name")
        covers = self.options.get("covers", "").split()
        for covered in covers:
            if not TAG_PATTERN.match(covered):
                spec_error(self, f"requirement {tag}: :covers: entry {covered!r} is not a tag")
        if not self.content:
            spec_error(self, f"requirement {tag}: the statement is missing")

        requirements = env.hvabi_requirements
        if tag in requirements and requirements[tag]["source"] != source:
            spec_error(self, f"requirement {tag} is already defined at "
                             f"{requirements[tag]['source']}:{requirements[tag]['line']}")

        node = requirement_node()
        node["ids"] = [anchor_of(tag)]
        node["tag"] = tag
        node["title"] = self.options["title"].strip()
        node["profile"] = profile
        node["verification"] = verification
        node["covers"] = covers
        self.state.nested_parse(self.content, self.content_offset, node)

        statement = "\n".join(
            part.astext() for part in node.children if not isinstance(part, rationale_node))
        rationale = "\n".join(
            part.astext() for part in node.children if isinstance(part, rationale_node))
        if not re.search(r"\bshall\b", statement):
            spec_error(self, f"requirement {tag}: the statement has no 'shall'")
        requirements[tag] = {
            "tag": tag,
            "name": TAG_PATTERN.match(tag).group(1),
            "revision": int(TAG_PATTERN.match(tag).group(2)),
            "title": node["title"],
            "profile": profile,
            "verification": verification,
            "covers": covers,
            "statement": statement,
            "rationale": rationale,
            "docname": env.docname,
            "source": source,
            "line": line,
        }
        return [node]


def requirement_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    tag = text.strip()
    if not TAG_PATTERN.match(tag):
        message = inliner.reporter.error(f":req: {tag!r} is not a requirement tag", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    node = nodes.reference(rawtext, "", internal=True, refuri="#" + anchor_of(tag))
    node["hvabi_req"] = tag
    node += nodes.literal(tag, tag)
    return [node], []


def visit_requirement_html(self, node):
    self.body.append(self.starttag(node, "div", CLASS="hvabi-requirement"))
    self.body.append(
        '<div class="hvabi-requirement-header">'
        f'<a class="hvabi-requirement-tag" href="#{node["tag"]}">{node["tag"]}</a> '
        f'<span class="hvabi-requirement-title">{self.encode(node["title"])}</span>'
        f'<span class="hvabi-badge hvabi-profile">{node["profile"]}</span>'
        f'<span class="hvabi-badge hvabi-verification-{node["verification"]}">'
        f'{node["verification"]}</span></div>')
    if node["covers"]:
        links = ", ".join(f'<a href="#{tag}">{tag}</a>' for tag in node["covers"])
        self.body.append(f'<div class="hvabi-requirement-covers">Covers: {links}</div>')
    if node["verification"] == "test":
        self.body.append('<div class="hvabi-requirement-covers">Needs: ctest '
                         '(a conformance test that names this tag)</div>')


def depart_requirement_html(self, node):
    self.body.append("</div>\n")


def visit_profile_html(self, node):
    self.body.append(self.starttag(node, "div", CLASS="hvabi-profile-box"))
    self.body.append(f'<div class="hvabi-requirement-header">Profile '
                     f'<span class="hvabi-badge hvabi-profile">{node["name"]}</span> '
                     f'<span class="hvabi-requirement-title">{self.encode(node["title"])}'
                     '</span></div>')


def depart_profile_html(self, node):
    self.body.append("</div>\n")


def visit_rationale_html(self, node):
    self.body.append('<div class="hvabi-rationale"><span class="hvabi-rationale-label">'
                     "Rationale:</span> ")


def depart_rationale_html(self, node):
    self.body.append("</div>\n")


def resolve_requirement_links(app, doctree, docname):
    """Point :req: links at the page that defines the requirement."""
    requirements = app.env.hvabi_requirements
    for ref in doctree.traverse(nodes.reference):
        tag = ref.get("hvabi_req")
        if tag is None:
            continue
        if tag not in requirements:
            logger.error(f"{docname}: :req: link to unknown requirement {tag}",
                         location=ref)
            continue
        target = app.builder.get_relative_uri(docname, requirements[tag]["docname"])
        ref["refuri"] = f"{target}#{anchor_of(tag)}"


def init_environment(app, env, docnames):
    for store in ("hvabi_requirements", "hvabi_profiles"):
        if not hasattr(env, store):
            setattr(env, store, {})
        entries = getattr(env, store)
        for key, entry in list(entries.items()):
            if entry["docname"] in docnames:
                del entries[key]


def purge_document(app, env, docname):
    for store in ("hvabi_requirements", "hvabi_profiles"):
        entries = getattr(env, store, {})
        for key, entry in list(entries.items()):
            if entry["docname"] == docname:
                del entries[key]


def merge_info(app, env, docnames, other):
    env.hvabi_requirements.update(getattr(other, "hvabi_requirements", {}))
    env.hvabi_profiles.update(getattr(other, "hvabi_profiles", {}))


def setup(app):
    app.add_node(requirement_node, html=(visit_requirement_html, depart_requirement_html))
    app.add_node(rationale_node, html=(visit_rationale_html, depart_rationale_html))
    app.add_node(profile_node, html=(visit_profile_html, depart_profile_html))
    app.add_directive("profile", ProfileDirective)
    app.add_directive("requirement", RequirementDirective)
    app.add_directive("rationale", RationaleDirective)
    app.add_role("req", requirement_role)
    app.connect("env-before-read-docs", init_environment)
    app.connect("env-purge-doc", purge_document)
    app.connect("env-merge-info", merge_info)
    app.connect("doctree-resolved", resolve_requirement_links)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
