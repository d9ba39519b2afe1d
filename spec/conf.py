# Sphinx configuration of the hvabi specification.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "_ext"))

project = "hvabi"
copyright = "hvabi contributors"
author = "hvabi contributors"
version = "0.1"
release = "0.1 (draft)"

extensions = ["hvabi_requirements", "hvabi_abi", "hvabi_model", "hvabi_trace_page"]

root_doc = "index"
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path = ["_static"]
html_css_files = ["hvabi.css"]
html_theme_options = {"page_width": "1100px", "sidebar_width": "260px"}
# Every reference must resolve.
nitpicky = True
