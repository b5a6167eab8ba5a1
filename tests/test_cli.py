"""`jupyter bytementor validate|release|import-nbgrader`, run as an author runs them.

Each test runs the CLI in a subprocess on small labs (the tiny fixture lab, variants
of it, an nbgrader problem set), with this checkout first on the kernel's path.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from jupyterlab_bytementor.catalog import load_lab
from jupyterlab_bytementor.release import BEGIN_SOLUTION, END_SOLUTION, role_of
from jupyterlab_bytementor.verify import verify_notebook

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def bytementor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``jupyter bytementor ARGS`` from this checkout; return the finished process."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "jupyterlab_bytementor.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=180,
    )


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course folder holding the tiny lab in stage 1."""
    stage = tmp_path / "labs" / "stage1-foundations"
    stage.mkdir(parents=True)
    shutil.copy(FIXTURES / "tiny-lab.ipynb", stage / "tiny-lab.ipynb")
    return tmp_path / "labs"


def edit_tiny(course: Path, change) -> Path:
    path = course / "stage1-foundations" / "tiny-lab.ipynb"
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)
    return path


def cell(nb, cell_id):
    return next(c for c in nb.cells if c.id == cell_id)


def solved(released, source):
    """The released notebook with each answer cell set to the source's solution."""
    nb = copy.deepcopy(released)
    answers = {c.id: c.source for c in source.cells if role_of(c) == "learner"}
    for c in nb.cells:
        if c.id in answers:
            lines = answers[c.id].splitlines()
            c.source = "\n".join(
                line for line in lines if BEGIN_SOLUTION not in line and END_SOLUTION not in line)
    return nb


def test_validate_passes_a_good_lab_with_a_table(course):
    result = bytementor("validate", str(course), cwd=course.parent)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["lab", "exercise", "solution", "stub", "time"]
    assert lines[2].split()[:4] == ["tiny-lab", "double", "passes", "fails"]
    assert lines[3].split()[:4] == ["tiny-lab", "mean", "passes", "fails"]
    assert "1 lab(s), 2 exercise(s): all valid" in result.stdout


def test_validate_fails_a_lab_whose_stub_passes(course):
    def weaken(nb):
        cell(nb, "double-test").source = "assert True"
    path = edit_tiny(course, weaken)
    result = bytementor("validate", str(course), cwd=course.parent)
    assert result.returncode == 1
    assert f"{path}: double: the released stub passes its tests" in result.stderr
    assert "PASSES" in result.stdout


def test_validate_fails_a_lab_whose_solution_is_wrong(course):
    def break_solution(nb):
        cell(nb, "double-answer").source = (
            "def double(x):\n    ### BEGIN SOLUTION\n    return x + 1\n    ### END SOLUTION")
    path = edit_tiny(course, break_solution)
    result = bytementor("validate", str(course), cwd=course.parent)
    assert result.returncode == 1
    assert f"{path}: double: the solution fails: double of small numbers:" in result.stderr


def test_validate_stops_a_solution_that_never_ends(course):
    def loop_forever(nb):
        cell(nb, "double-answer").source = (
            "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION\n"
            "while True:\n    pass")
    edit_tiny(course, loop_forever)
    result = bytementor("validate", "--timeout=3", str(course), cwd=course.parent)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    solution = [line for line in lines if "the solution" in line or "the solutions" in line]
    assert len(solution) == 1, result.stderr
    assert ("the solution run stopped: the learner cell 3 (double-answer) ran longer than 3 s"
            in solution[0])


def test_validate_fails_a_setup_cell_that_needs_an_answer(course):
    def plot_in_setup(nb):
        plot = nbformat.v4.new_code_cell("print(double(21))")
        plot.id = "double-plot"
        plot.metadata["bytementor"] = {"role": "setup", "exercise": "double"}
        nb.cells.insert(5, plot)
    path = edit_tiny(course, plot_in_setup)
    result = bytementor("validate", str(course), cwd=course.parent)
    assert result.returncode == 1
    assert (f"{path}: with the answers as stubs, setup cell double-plot raised NotImplementedError"
            in result.stderr)


def test_validate_fails_a_reveal_cell_that_does_not_run(course):
    def broken_reveal(nb):
        reveal = nbformat.v4.new_code_cell("print(undefined_name)")
        reveal.id = "mean-reveal-code"
        reveal.metadata["bytementor"] = {"role": "reveal", "exercise": "mean"}
        nb.cells.insert(8, reveal)
    path = edit_tiny(course, broken_reveal)
    result = bytementor("validate", str(course), cwd=course.parent)
    assert result.returncode == 1
    assert (f"{path}: with the solutions, the reveal cell 8 (mean-reveal-code) raised NameError"
            in result.stderr)


def test_validate_reports_a_malformed_lab_by_file_and_cell(course):
    def unknown_role(nb):
        cell(nb, "double-test").metadata.bytementor.role = "tests"
    path = edit_tiny(course, unknown_role)
    result = bytementor("validate", str(course), cwd=course.parent)
    assert result.returncode == 1
    assert f"{path}: cell 4 (id 'double-test'): unknown role 'tests'" in result.stderr


def test_validate_with_nothing_to_validate_says_so(tmp_path):
    result = bytementor("validate", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert "No lab notebooks under" in result.stderr


def test_release_round_trip_solved_passes_and_stub_fails(course, tmp_path):
    source_path = course / "stage1-foundations" / "tiny-lab.ipynb"
    result = bytementor("release", str(source_path), str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    released = nbformat.read(tmp_path / "out", as_version=4)
    assert "### BEGIN" not in nbformat.writes(released)
    tests = load_lab(source_path).tests
    source = nbformat.read(source_path, as_version=4)
    passed = verify_notebook(solved(released, source), tests, cwd=tmp_path,
                             python_path=[str(REPO)])
    assert [(r.exercise, r.passed) for r in passed] == [("double", True), ("mean", True)]
    stubbed = verify_notebook(released, tests, cwd=tmp_path, python_path=[str(REPO)])
    assert [(r.exercise, r.passed) for r in stubbed] == [("double", False), ("mean", False)]


def test_release_into_a_folder_and_never_over_a_file_unasked(course, tmp_path):
    source = str(course / "stage1-foundations" / "tiny-lab.ipynb")
    assert bytementor("release", source, str(tmp_path), cwd=tmp_path).returncode == 0
    assert (tmp_path / "tiny-lab.ipynb").is_file()
    again = bytementor("release", source, str(tmp_path), cwd=tmp_path)
    assert again.returncode == 1 and "pass --force" in again.stderr
    assert bytementor("release", "--force", source, str(tmp_path), cwd=tmp_path).returncode == 0


def test_an_nbgrader_problem_set_imports_and_validates(tmp_path):
    dest = tmp_path / "labs" / "stage1-foundations" / "ps1.ipynb"
    result = bytementor("import-nbgrader", str(FIXTURES / "nbgrader-ps1.ipynb"), str(dest),
                        "--lab-id=ps1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not mapped: cell 8 (mean-essay): a manually graded answer" in result.stdout
    assert "not mapped: cell 9 (cell-9): no nbgrader role" in result.stdout
    lab = load_lab(dest)
    assert [e["id"] for e in lab.entry["exercises"]] == ["squares", "mean"]
    assert [e["points"] for e in lab.entry["exercises"]] == [2, 1]
    roles = [role_of(c) for c in nbformat.read(dest, as_version=4).cells]
    assert roles == ["instructions", "setup", "instructions", "learner", "test",
                     "instructions", "learner", "test", "learner", None]
    assert lab.tests["exercises"]["squares"]["tests"][1]["source"] == "assert squares(0) == []"
    validated = bytementor("validate", str(tmp_path / "labs"), cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_an_import_that_makes_no_lab_writes_nothing(tmp_path):
    plain = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    source = tmp_path / "plain.ipynb"
    nbformat.write(plain, source)
    dest = tmp_path / "out.ipynb"
    result = bytementor("import-nbgrader", str(source), str(dest), cwd=tmp_path)
    assert result.returncode == 1
    assert "Nothing was written" in result.stderr and not dest.exists()
