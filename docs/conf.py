"""Sphinx configuration of newsdoc's documentation: ``make docs`` builds it into docs/_build/html.

The API reference is generated from the docstrings of the installed package
(``make docs`` installs it first), so the .venv's python must run Sphinx.
The Markdown pages (schema, accuracy, performance, ...) are read with
myst-parser when it is installed (Debian: python3-myst-parser).
"""

import datetime
import importlib.util
import os

import newsdoc

project = "newsdoc"
author = "the newsdoc authors"
copyright = f"{datetime.date.today().year}, {author}"
release = version = newsdoc.__version__

extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon"]
HAVE_MYST = importlib.util.find_spec("myst_parser") is not None
if HAVE_MYST:
    extensions.append("myst_parser")
    source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
    myst_heading_anchors = 3
else:
    source_suffix = {".rst": "restructuredtext"}

root_doc = "index"
# Values of the package's constants, for api.rst.
rst_epilog = "\n".join(f".. |{name.lower()}_value| replace:: {value}" for name, value in [
    ("version", f"``{newsdoc.__version__}``"),
    ("mappings", ", ".join(f"``{m}``" for m in newsdoc.MAPPINGS)),
    ("fields", ", ".join(f"``{f}``" for f in newsdoc.FIELDS)),
    ("tables", ", ".join(f"``{t}``" for t in newsdoc.TABLES))])
exclude_patterns = ["_build", "notebooks", "Thumbs.db", ".DS_Store"]
templates_path = []

# autodoc: the docstrings are Google style ("Args:", "Example:"), examples are doctest blocks.
autodoc_default_options = {"members": True, "member-order": "bysource", "show-inheritance": False}
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

html_theme = "alabaster"
html_title = f"newsdoc {release}"
html_static_path = []
html_theme_options = {"description": "A precise, fast, queryable document model for news articles",
                      "fixed_sidebar": True}
html_sidebars = {"**": ["about.html", "navigation.html", "searchbox.html"]}


def _check_api_reference(app, env, docnames):
    """Warn (an error under -W) when api.rst misses a name of ``newsdoc.__all__``."""
    with open(os.path.join(app.srcdir, "api.rst"), encoding="utf-8") as f:
        text = f.read()
    missing = [name for name in newsdoc.__all__ if f":: newsdoc.{name}\n" not in text]
    if missing:
        from sphinx.util import logging

        logging.getLogger(__name__).warning("api.rst does not document newsdoc.%s (in newsdoc.__all__)",
                                            ", newsdoc.".join(missing))


def setup(app):
    app.connect("env-before-read-docs", _check_api_reference)
