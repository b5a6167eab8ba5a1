"""Releasing a source notebook: what the learner may see, and the pristine tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat
import pytest

from jupyterlab_bytementor.release import (
    ReleaseError,
    hidden_tests,
    is_right,
    predictions,
    pristine_tests,
    release_notebook,
    role_of,
    strip_solutions,
    visible_tests,
)

FIXTURES = Path(__file__).parent / "fixtures"
SECRETS = (
    "return 2 * x",
    "sum(values) / len(values)",
    "Because the mean",
    "double(-3)",
    "mean([5])",
    "BEGIN SOLUTION",
    "END SOLUTION",
    "HIDDEN TESTS",
    "leaked output",
)


@pytest.fixture
def source():
    """The tiny two-exercise source notebook."""
    return nbformat.read(FIXTURES / "tiny-lab.ipynb", as_version=4)


def cell(nb, cell_id):
    """Return the cell of ``nb`` with id ``cell_id``."""
    return next(c for c in nb.cells if c.id == cell_id)


def test_release_leaves_no_solution_hidden_test_or_output(source):
    text = json.dumps(release_notebook(source))
    for secret in SECRETS:
        assert secret not in text


def test_release_does_not_change_the_source(source):
    before = copy.deepcopy(source)
    release_notebook(source)
    assert source == before


def test_solution_becomes_a_stub_at_the_marker_indentation(source):
    released = release_notebook(source)
    assert cell(released, "double-answer").source == (
        'def double(x):\n    """Return twice x."""\n    raise NotImplementedError("Your code here")'
    )
    assert cell(released, "mean-answer").source == (
        'def mean(values):\n    raise NotImplementedError("Your code here")\n'
    )


def test_markdown_answer_becomes_your_answer_here(source):
    released = release_notebook(source)
    assert cell(released, "mean-why").source == "Why divide by `len(values)`?\n\nYOUR ANSWER HERE"


def test_test_cells_keep_visible_code_only(source):
    released = release_notebook(source)
    assert cell(released, "double-test").source == (
        'from bytementor.expect import expect_equal\nexpect_equal(double(2), 4, what="double(2)")'
    )
    assert cell(released, "mean-hidden").source == ""


def test_locked_roles_are_read_only_and_undeletable(source):
    for released_cell in release_notebook(source).cells:
        role = role_of(released_cell)
        assert released_cell.metadata["deletable"] is False
        assert released_cell.metadata["editable"] is (role == "learner")


def test_hints_are_collapsed(source):
    hint = cell(release_notebook(source), "double-hint")
    assert hint.metadata["jupyter"]["source_hidden"] is True


def test_reveals_are_withheld_and_locked(source):
    reveal = cell(release_notebook(source), "mean-reveal")
    assert reveal.source == ""
    assert "source_hidden" not in reveal.metadata.get("jupyter", {})
    assert reveal.metadata["editable"] is False
    assert reveal.metadata["deletable"] is False


def test_a_predictions_answer_stays_on_the_server(source):
    released = release_notebook(source)
    prediction = cell(released, "mean-predict")
    assert "answer" not in prediction.metadata["bytementor"]
    assert prediction.metadata["bytementor"]["tolerance"] == 0
    assert "It is 2" not in nbformat.writes(released)
    assert predictions(source) == {"mean": {
        "id": "mean-predict", "choices": None, "answer": 2, "tolerance": 0, "units": None,
        "reveals": [{"id": "mean-reveal", "cell_type": "markdown",
                     "source": "It is 2: the sum, 6, over the count, 3."}]}}


@pytest.mark.parametrize(("meta", "given", "right"), [
    ({"choices": ["a", "b", "c"], "answer": 1, "tolerance": None}, 1, True),
    ({"choices": ["a", "b", "c"], "answer": 1, "tolerance": None}, 2, False),
    ({"choices": None, "answer": 21, "tolerance": 2}, 23, True),
    ({"choices": None, "answer": 21, "tolerance": 2}, 18.9, False),
    ({"choices": None, "answer": 0.9, "tolerance": 0.05}, 0.95, True),
])
def test_a_prediction_is_right_by_choice_or_within_its_tolerance(meta, given, right):
    assert is_right(meta, given) is right


def test_only_hints_are_collapsed(source):
    for released_cell in release_notebook(source).cells:
        hidden = released_cell.metadata.get("jupyter", {}).get("source_hidden", False)
        assert hidden is (role_of(released_cell) == "hint"), released_cell.id


def test_a_source_without_a_kernel_gets_the_python_3_kernelspec(source):
    del source.metadata["kernelspec"]
    del source.metadata["language_info"]
    released = release_notebook(source)
    assert released.metadata["kernelspec"] == {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    assert released.metadata["language_info"] == {"name": "python"}
    assert "kernelspec" not in source.metadata
    nbformat.validate(released)


def test_a_source_kernelspec_is_kept(source):
    source.metadata["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    source.metadata["language_info"] = {"name": "R", "version": "4.4.1"}
    released = release_notebook(source)
    assert released.metadata["kernelspec"] == {"name": "ir", "display_name": "R", "language": "R"}
    assert released.metadata["language_info"] == {"name": "R", "version": "4.4.1"}


def test_outputs_and_execution_counts_are_cleared(source):
    for released_cell in release_notebook(source).cells:
        if released_cell.cell_type == "code":
            assert released_cell.outputs == []
            assert released_cell.execution_count is None


def test_release_keeps_the_lab_metadata_and_is_a_valid_notebook(source):
    released = release_notebook(source)
    nbformat.validate(released)
    assert released.metadata["bytementor"] == source.metadata["bytementor"]


def test_pristine_tests_split_visible_and_hidden(source):
    tests = pristine_tests(source)["exercises"]
    assert tests["double"]["tests"] == [
        {
            "id": "double-test",
            "name": "double of small numbers",
            "source": "from bytementor.expect import expect_equal\n"
            'expect_equal(double(2), 4, what="double(2)")',
        },
        {
            "id": "double-test:hidden",
            "name": "double of small numbers (hidden)",
            "source": "from bytementor.expect import expect_equal\n"
            'expect_equal(double(-3), -6, what="double(-3)")',
        },
    ]
    assert tests["mean"]["tests"] == [
        {"id": "mean-test", "name": "Test 1", "source": "assert mean([1, 2, 3]) == 2"},
        {"id": "mean-hidden:hidden", "name": "Test 2 (hidden)", "source": "assert mean([5]) == 5"},
    ]


def test_pristine_tests_list_every_exercise_even_without_tests(source):
    source.cells = [c for c in source.cells if role_of(c) != "test"]
    assert pristine_tests(source) == {"exercises": {"double": {"tests": []}, "mean": {"tests": []}}}


def test_role_of_ignores_cells_without_a_role():
    assert role_of(nbformat.v4.new_code_cell("x = 1")) is None
    assert role_of({"metadata": {"bytementor": "learner"}}) is None
    assert role_of({"metadata": {"bytementor": {"role": "hint"}}}) == "hint"


@pytest.mark.parametrize(
    "text",
    [
        "### BEGIN SOLUTION\nx = 1\n",
        "x = 1\n### END SOLUTION\n",
        "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n",
    ],
)
def test_unmatched_solution_markers_are_errors(text):
    with pytest.raises(ReleaseError):
        strip_solutions(text, "stub")


def test_every_solution_region_is_replaced():
    text = (
        "a = 1\n    ### BEGIN SOLUTION  # part 1\n    b = 2\n    ### END SOLUTION\n"
        "### BEGIN SOLUTION\nc = 3\n### END SOLUTION\nprint(a)\n"
    )
    assert strip_solutions(text, "STUB") == "a = 1\n    STUB\nSTUB\nprint(a)\n"


def test_several_hidden_regions_join_in_order():
    text = (
        "v()\n### BEGIN HIDDEN TESTS\nh1()\n### END HIDDEN TESTS\nw()\n"
        "### BEGIN HIDDEN TESTS\nh2()\n### END HIDDEN TESTS"
    )
    assert visible_tests(text) == "v()\nw()"
    assert hidden_tests(text) == "h1()\nh2()"


def test_release_rejects_an_unknown_role(source):
    source.cells[0].metadata["bytementor"]["role"] = "answer"
    with pytest.raises(ReleaseError, match="unknown role 'answer'"):
        release_notebook(source)
