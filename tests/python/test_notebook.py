"""docs/notebooks/quickstart.ipynb runs headless, cell by cell, without an error.

nbclient (Debian's python3-nbclient) runs the notebook in an ipykernel
(python3-ipykernel) started with this interpreter, so against the installed
newsdoc: the kernelspec is written to a temporary folder rather than taken
from wherever Jupyter would find a "python3" kernel. It runs once from the
notebook's folder and once from the repository root.
"""

import json
import pathlib
import sys

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat (Debian: python3-nbformat)")
nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient (Debian: python3-nbclient)")
pytest.importorskip("ipykernel", reason="the notebook test needs ipykernel (Debian: python3-ipykernel)")
pytest.importorskip("distributed", reason="the notebook's Dask section needs distributed (Debian: python3-distributed)")
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402  (nbclient depends on jupyter_client)
from jupyter_client.manager import KernelManager  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "docs" / "notebooks" / "quickstart.ipynb"
TIMEOUT = 120  # seconds, for any one cell; the whole notebook takes seconds


def _kernel_manager(folder: pathlib.Path) -> KernelManager:
    """A manager of kernels running ``sys.executable`` (the .venv's python), from a kernelspec in ``folder``."""
    spec = folder / "kernels" / "newsdoc-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "newsdoc test", "language": "python"}))
    return KernelManager(kernel_name="newsdoc-test",
                         kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(folder / "kernels")]))


def test_notebook_has_no_stored_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {i} has stored output: clear it"


@pytest.mark.parametrize("cwd", ["docs/notebooks", "."], ids=["notebook-folder", "repo-root"])
def test_quickstart_notebook_runs(cwd, tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    km = _kernel_manager(tmp_path)
    client = nbclient.NotebookClient(notebook, km=km, timeout=TIMEOUT, allow_errors=False,
                                     resources={"metadata": {"path": str(ROOT / cwd)}})
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on any error
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.get("output_type") == "error"]
    html = [output["data"]["text/html"] for output in outputs if "text/html" in output.get("data", {})]
    assert any("Syria and Russia hold negotiations" in h for h in html), "the article's rich display is missing"
