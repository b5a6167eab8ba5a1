"""Every lab under labs/stage*/: solutions pass every exercise, released stubs fail every one.

Each lab runs top to bottom in a fresh kernel with nbclient; then, in that same
kernel, each exercise is checked exactly as the frontend checks it: the
runner receives the exercise's pristine tests (visible and hidden) from
`jupyterlab_bytementor.release.pristine_tests` in a silent execute request.
"""

from __future__ import annotations

import time

import nbformat
import pytest
from labkernel import REPO, LabKernel

from bytementor.runner import NOT_WRITTEN
from jupyterlab_bytementor.catalog import load_lab
from jupyterlab_bytementor.release import BEGIN_HIDDEN, BEGIN_SOLUTION, role_of

LAB_PATHS = sorted((REPO / "labs").glob("stage*/*.ipynb"))
TIME_BUDGET_S = 120


@pytest.fixture(scope="module", params=LAB_PATHS, ids=lambda path: path.stem)
def lab(request):
    """A lab as the server loads it: entry, release and pristine tests."""
    return load_lab(request.param)


def check_every_exercise(kernel, lab):
    return {exercise: kernel.check(exercise, entry["tests"])
            for exercise, entry in lab.tests["exercises"].items()}


def failed_tests(verdict):
    return [f"{test['name']}: {test['message']}" for test in verdict["tests"] if not test["passed"]]


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


def test_hints_and_reveals_are_collapsed_behind_a_title(lab):
    for cell in lab.released.cells:
        if role_of(cell) in ("hint", "reveal"):
            assert cell.metadata["jupyter"]["source_hidden"] is True, cell.id
            # JupyterLab shows a collapsed cell's first line: a title, never the answer.
            first = cell.source.splitlines()[0] if cell.source else ""
            assert len(first) <= 60 and "`" not in first and "$" not in first, (
                f"{cell.id}: the first line {first!r} shows while collapsed; make it a title"
            )


def test_the_release_names_a_kernel(lab):
    assert lab.released.metadata["kernelspec"]["name"]
    assert lab.released.metadata["language_info"]["name"]


def test_solutions_pass_every_exercise(lab):
    started = time.monotonic()
    with LabKernel(nbformat.read(lab.path, as_version=4)) as kernel:
        kernel.run_notebook()
        names_before = kernel.user_names()
        verdicts = check_every_exercise(kernel, lab)
        names_after = kernel.user_names()
    elapsed = time.monotonic() - started
    failures = {ex: failed_tests(v) for ex, v in verdicts.items() if not v["passed"]}
    assert not failures, failures
    assert names_after == names_before, "checks changed the learner's namespace"
    assert elapsed < TIME_BUDGET_S, f"the lab took {elapsed:.0f} s with solutions"


def test_released_stubs_fail_every_exercise(lab):
    with LabKernel(lab.released, allow_errors=True) as kernel:
        kernel.run_notebook()
        verdicts = check_every_exercise(kernel, lab)
    passing = [exercise for exercise, verdict in verdicts.items() if verdict["passed"]]
    assert not passing, f"released stubs pass {passing}"
    for exercise, verdict in verdicts.items():
        messages = [test["message"] for test in verdict["tests"]]
        assert NOT_WRITTEN in messages, f"{exercise} fails for another reason: {messages}"
