"""The lab format's schema and rules: each kind of malformed lab gets its own clear line.

Every case changes the tiny fixture lab in one way and asserts the whole message an
author reads, naming the cell by index and id.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path, PurePath

import jsonschema
import nbformat
import pytest

from jupyterlab_bytementor.catalog import LabFormatError, load_lab
from jupyterlab_bytementor.labformat import lab_problems, schema

FIXTURE = Path(__file__).parent / "fixtures" / "tiny-lab.ipynb"
IN_STAGE_1 = PurePath("labs/stage1-foundations/tiny-lab.ipynb")
ID_RULE = "lowercase ASCII letters, digits and '-', starting with a letter or digit, at most 64"


def lab(nb):
    return nb.metadata.bytementor.lab


def meta(nb, index):
    return nb.cells[index].metadata.bytementor


def to_markdown(cell):
    cell.cell_type = "markdown"
    del cell["outputs"], cell["execution_count"]


def to_choices(prediction, choices, answer):
    del prediction["tolerance"]
    prediction.update(choices=choices, answer=answer)


CASES = {
    "no lab metadata at all": (
        lambda nb: nb.metadata.pop("bytementor"),
        ["not a ByteMentor lab: the notebook has no metadata.bytementor.format"],
    ),
    "a newer format": (
        lambda nb: nb.metadata.bytementor.__setitem__("format", 2),
        ["metadata.bytementor.format is 2; this version reads 1"],
    ),
    "missing lab metadata": (
        lambda nb: nb.metadata.bytementor.pop("lab"),
        ["metadata.bytementor has no 'lab'"],
    ),
    "missing title": (
        lambda nb: lab(nb).pop("title"),
        ["the lab metadata has no 'title'"],
    ),
    "unknown lab key (a typo)": (
        lambda nb: lab(nb).__setitem__("minuts", 30),
        ["the lab metadata: unknown key 'minuts'"],
    ),
    "minutes as text": (
        lambda nb: lab(nb).__setitem__("minutes", "lots"),
        ['the lab metadata: minutes: must be an integer, not "lots"'],
    ),
    "a version that is not MAJOR.MINOR.PATCH": (
        lambda nb: lab(nb).__setitem__("version", "1.0"),
        ["the lab metadata: version: '1.0' is not a version like 1.0.0 (MAJOR.MINOR.PATCH)"],
    ),
    "a lab id that is a path": (
        lambda nb: lab(nb).__setitem__("id", "../../etc/passwd"),
        [f"the lab metadata: id: '../../etc/passwd' is not a valid id ({ID_RULE} characters)"],
    ),
    "a lab id with capitals and a space": (
        lambda nb: lab(nb).__setitem__("id", "Tiny Lab"),
        [f"the lab metadata: id: 'Tiny Lab' is not a valid id ({ID_RULE} characters)"],
    ),
    "an exercise id with an emoji": (
        lambda nb: lab(nb).exercises[0].__setitem__("id", "double-🚀"),
        [f"exercise 1 ('double-🚀') of the lab metadata: id: 'double-🚀' is not a valid id "
         f"({ID_RULE} characters)"],
    ),
    "no exercises": (
        lambda nb: lab(nb).__setitem__("exercises", []),
        ["the lab metadata: exercises: must not be empty"],
    ),
    "an exercise declared twice": (
        lambda nb: lab(nb).exercises.append(copy.deepcopy(lab(nb).exercises[0])),
        ["exercise id 'double' is declared twice in the lab metadata"],
    ),
    "a stage that does not match its folder": (
        lambda nb: lab(nb).__setitem__("stage", 2),
        ["the lab says stage 2 but sits in stage1-foundations/"],
    ),
    "an unknown role": (
        lambda nb: meta(nb, 3).__setitem__("role", "solution"),
        ["cell 3 (id 'double-answer'): unknown role 'solution' "
         "(roles: instructions, setup, learner, test, hint, prediction, reveal)"],
    ),
    "bytementor metadata without a role": (
        lambda nb: meta(nb, 3).pop("role"),
        ["cell 3 (id 'double-answer'): metadata.bytementor has no role"],
    ),
    "a role cell without its exercise": (
        lambda nb: meta(nb, 4).pop("exercise"),
        ["cell 4 (id 'double-test'): a test cell needs an exercise"],
    ),
    "a test cell written as markdown": (
        lambda nb: to_markdown(nb.cells[4]),
        ["cell 4 (id 'double-test'): a test cell must be a code cell, not markdown"],
    ),
    "an unknown cell key": (
        lambda nb: meta(nb, 4).__setitem__("points", 3),
        ["cell 4 (id 'double-test'): unknown key 'points'"],
    ),
    "a test for an exercise not declared": (
        lambda nb: meta(nb, 4).__setitem__("exercise", "triple"),
        ["cell 4 (id 'double-test'): a test cell for exercise 'triple', "
         "which the lab metadata does not declare",
         "exercise 'double' has no test cell (and no prediction)"],
    ),
    "an exercise with no test": (
        lambda nb: nb.cells.pop(4),
        ["exercise 'double' has no test cell (and no prediction)"],
    ),
    "a duplicate cell id": (
        lambda nb: nb.cells[5].__setitem__("id", "double-test"),
        ["cell 5 (id 'double-test'): the id is already used by cell 4"],
    ),
    "a solution region outside a learner cell": (
        lambda nb: nb.cells[1].__setitem__("source", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION"),
        ["cell 1 (id 'setup'): '### BEGIN SOLUTION' markers belong in learner cells only: "
         "here they would leak"],
    ),
    "a hidden-test region never closed": (
        lambda nb: nb.cells[4].__setitem__("source", "### BEGIN HIDDEN TESTS\nassert True\n"),
        ["cell 4 (id 'double-test'): '### BEGIN HIDDEN TESTS' is never closed by "
         "'### END HIDDEN TESTS'"],
    ),
    "a choice answer out of range": (
        lambda nb: to_choices(meta(nb, 6), ["1", "2", "3"], 3),
        ["cell 6 (id 'mean-predict'): the answer must be the index of the right choice, "
         "0 to 2 (0 is A), not 3"],
    ),
    "a numeric prediction without a tolerance": (
        lambda nb: meta(nb, 6).pop("tolerance"),
        ["cell 6 (id 'mean-predict'): a numeric prediction needs a tolerance "
         "(how far from the answer is still right)"],
    ),
    "a prediction without a reveal": (
        lambda nb: nb.cells.pop(7),
        ["cell 6 (id 'mean-predict'): a prediction needs a reveal cell of its exercise below it"],
    ),
    "a reveal above its prediction": (
        lambda nb: nb.cells.insert(6, nb.cells.pop(7)),
        ["cell 6 (id 'mean-reveal'): a reveal cell needs a prediction of exercise 'mean' above it",
         "cell 7 (id 'mean-predict'): a prediction needs a reveal cell of its exercise below it"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_malformed_lab_gets_a_clear_message(case):
    change, expected = CASES[case]
    nb = nbformat.read(FIXTURE, as_version=4)
    change(nb)
    assert lab_problems(nb, IN_STAGE_1) == expected


def test_the_fixture_and_unicode_titles_are_valid():
    nb = nbformat.read(FIXTURE, as_version=4)
    lab(nb).title = "Ünïcode lab 🚀: ça marche"
    lab(nb).exercises[0].title = "Doppelt — 二倍"
    assert lab_problems(nb, IN_STAGE_1) == []


def test_several_problems_are_all_reported_in_notebook_order():
    nb = nbformat.read(FIXTURE, as_version=4)
    meta(nb, 4).role = "tset"
    meta(nb, 7).pop("exercise")
    problems = lab_problems(nb, IN_STAGE_1)
    assert [p.split(":")[0] for p in problems] == [
        "cell 4 (id 'double-test')", "cell 7 (id 'mean-reveal')"]


def test_load_lab_reports_a_duplicate_id_that_nbformat_would_rename(tmp_path):
    nb = nbformat.read(FIXTURE, as_version=4)
    nb.cells[5].id = nb.cells[4].id
    path = tmp_path / "stage1-x" / "tiny-lab.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(LabFormatError) as raised:
        load_lab(path)
    assert raised.value.problems == ["cell 5 (id 'double-test'): the id is already used by cell 4"]


def test_load_lab_says_how_many_more_problems_there_are(tmp_path):
    nb = nbformat.read(FIXTURE, as_version=4)
    lab(nb).pop("title")
    lab(nb).minutes = 0
    path = tmp_path / "tiny-lab.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(LabFormatError, match=r"^the lab metadata has no 'title' \(and 1 more\)$"):
        load_lab(path)


def test_a_file_that_is_not_json_is_not_a_readable_notebook(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(LabFormatError, match="^not a readable notebook: "):
        load_lab(path)


def test_the_schema_is_itself_valid_and_shipped_beside_the_code():
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$id"] == "urn:jupyterlab-bytementor:lab-format:1"
