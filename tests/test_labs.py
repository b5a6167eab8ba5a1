"""Every lab under labs/stage*/ is complete: answers, tests, hints, a clean release.

That every solution passes and every released stub fails, in a fresh kernel, is
proved by `jupyter bytementor validate labs`, which `make test` runs (its engine is
tested on small labs in tests/test_cli.py).
"""

from __future__ import annotations

import nbformat
import pytest
from labkernel import REPO

from jupyterlab_bytementor.catalog import load_lab
from jupyterlab_bytementor.release import BEGIN_HIDDEN, BEGIN_SOLUTION, role_of

LAB_PATHS = sorted((REPO / "labs").glob("stage*/*.ipynb"))


@pytest.fixture(scope="module", params=LAB_PATHS, ids=lambda path: path.stem)
def lab(request):
    """A lab as the server loads it: entry, release and pristine tests."""
    return load_lab(request.param)


def test_there_are_labs():
    assert LAB_PATHS, "no lab notebooks under labs/stage*/"


def test_every_exercise_has_an_answer_cell_tests_and_hints(lab):
    nb = nbformat.read(lab.path, as_version=4)
    for exercise in lab.entry["exercises"]:
        roles = [role_of(cell) for cell in nb.cells
                 if cell.metadata.get("bytementor", {}).get("exercise") == exercise["id"]]
        for role in ("learner", "test", "hint"):
            assert role in roles, f"exercise {exercise['id']} has no {role} cell"
    for cell in nb.cells:
        if role_of(cell) == "test":
            assert cell.metadata["bytementor"].get("name"), f"test cell {cell.id} has no name"
        if role_of(cell) == "learner":
            assert BEGIN_SOLUTION in cell.source, f"learner cell {cell.id} has no solution"
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{cell.id} has outputs"


def test_the_release_hides_solutions_and_hidden_tests(lab):
    text = nbformat.writes(lab.released)
    assert BEGIN_SOLUTION not in text and BEGIN_HIDDEN not in text


def test_hints_are_collapsed_behind_a_title(lab):
    for cell in lab.released.cells:
        if role_of(cell) == "hint":
            assert cell.metadata["jupyter"]["source_hidden"] is True, cell.id
            # JupyterLab shows a collapsed cell's first line: a title, never the answer.
            first = cell.source.splitlines()[0] if cell.source else ""
            assert len(first) <= 60 and "`" not in first and "$" not in first, (
                f"{cell.id}: the first line {first!r} shows while collapsed; make it a title"
            )


def test_predictions_give_nothing_away_before_the_commit(lab):
    released = nbformat.writes(lab.released)
    for exercise, prediction in lab.predictions.items():
        assert prediction["reveals"], exercise
        for reveal in prediction["reveals"]:
            assert reveal["source"].strip(), f"{reveal['id']} reveals nothing"
            assert reveal["source"] not in released, f"{reveal['id']} is in the release"
    for cell in lab.released.cells:
        if role_of(cell) == "prediction":
            assert "answer" not in cell.metadata["bytementor"], cell.id


def test_the_release_names_a_kernel(lab):
    assert lab.released.metadata["kernelspec"]["name"]
    assert lab.released.metadata["language_info"]["name"]
