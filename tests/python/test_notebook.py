"""docs/notebooks/quickstart.ipynb runs headless, cell by cell, without an error.

nbclient (Debian's python3-nbclient) runs the notebook the way Jupyter
would: through the kernelspec the notebook names, "newsdoc" ("Python
(newsdoc)"), which `make install` registers for the project's .venv. The
test skips, saying so, when that kernelspec is not registered. It runs from
the notebook's folder, from the repository root, and from a copy of the
notebook's folder elsewhere (its data sits next to it).
"""

import pathlib
import shutil

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat (Debian: python3-nbformat)")
nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient (Debian: python3-nbclient)")
pytest.importorskip("ipykernel", reason="the notebook test needs ipykernel (Debian: python3-ipykernel)")
pytest.importorskip("distributed", reason="the notebook's Dask section needs distributed (Debian: python3-distributed)")
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # noqa: E402  (nbclient depends on jupyter_client)

ROOT = pathlib.Path(__file__).resolve().parents[2]
FOLDER = ROOT / "docs" / "notebooks"
NOTEBOOK = FOLDER / "quickstart.ipynb"
KERNEL = "newsdoc"
TIMEOUT = 120  # seconds, for any one cell; the whole notebook takes seconds


def _registered_kernel() -> str:
    """The newsdoc kernelspec's name, or skip: the test runs the notebook as Jupyter would, by that name."""
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.skip(f'no "{KERNEL}" Jupyter kernelspec registered: run `make install` (or `make kernel`)')
    venv_python = ROOT / ".venv" / "bin" / "python"
    if venv_python.exists() and pathlib.Path(spec.argv[0]) != venv_python:
        pytest.skip(f'the "{KERNEL}" kernelspec runs {spec.argv[0]}, not this project\'s {venv_python}: run `make kernel`')
    return KERNEL


def test_notebook_names_the_newsdoc_kernel():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert notebook.metadata.kernelspec.name == KERNEL
    assert notebook.metadata.kernelspec.display_name == "Python (newsdoc)"


def test_notebook_data_sits_next_to_it_and_matches_the_seeds():
    for name in ("000_0eafb7a6a491ae43.txt", "000_0eafb7a6a491ae43.json"):
        assert (FOLDER / name).read_bytes() == (ROOT / "seeds" / name).read_bytes(), f"refresh {FOLDER / name}"
    assert (FOLDER / "sample.jsonl").exists()


def test_notebook_has_no_stored_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {i} has stored output: clear it"


@pytest.mark.parametrize("cwd", ["docs/notebooks", ".", "copy"], ids=["notebook-folder", "repo-root", "copied-away"])
def test_quickstart_notebook_runs(cwd, tmp_path):
    kernel = _registered_kernel()
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    if cwd == "copy":
        folder = tmp_path / "somewhere" / "notebooks"
        shutil.copytree(FOLDER, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.py", "__pycache__"))
    else:
        folder = ROOT / cwd
    client = nbclient.NotebookClient(notebook, kernel_name=kernel, timeout=TIMEOUT, allow_errors=False,
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on any error
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.get("output_type") == "error"]
    html = [output["data"]["text/html"] for output in outputs if "text/html" in output.get("data", {})]
    assert any("Syria and Russia hold negotiations" in h for h in html), "the article's rich display is missing"
