"""Tamper evidence: keyed checksums of released locked cells, compared with a learner's copy."""

from __future__ import annotations

import copy
import stat
from pathlib import Path

import nbformat
import pytest

from jupyterlab_bytementor.checksums import (
    load_or_create_key,
    release_checksums,
    tampered_cells,
)
from jupyterlab_bytementor.release import release_notebook

FIXTURE = Path(__file__).parent / "fixtures" / "tiny-lab.ipynb"
KEY = b"k" * 32


@pytest.fixture
def released():
    return release_notebook(nbformat.read(FIXTURE, as_version=4))


def findings(released, change):
    copy_ = copy.deepcopy(released)
    change(copy_)
    return [(f["id"], f["problem"]) for f in
            tampered_cells(KEY, release_checksums(KEY, released), released, copy_.cells)]


def cell(nb, cell_id):
    return next(c for c in nb.cells if c.id == cell_id)


def test_an_untouched_copy_is_intact(released):
    assert findings(released, lambda nb: None) == []


def test_a_test_cell_resaved_with_crlf_line_endings_is_not_tampered(released):
    def crlf(nb):
        for c in nb.cells:
            c.source = c.source.replace("\n", "\r\n")
    assert findings(released, crlf) == []


def test_a_weakened_test_cell_is_flagged_as_changed(released):
    def weaken(nb):
        cell(nb, "double-test").source = "assert True"
    assert findings(released, weaken) == [("double-test", "changed")]


def test_answers_and_the_learners_own_cells_are_never_flagged(released):
    def work(nb):
        cell(nb, "double-answer").source = "def double(x):\n    return x + x"
        nb.cells.insert(4, nbformat.v4.new_code_cell("print('scratch')"))
        nb.cells[5].outputs = [nbformat.v4.new_output("stream", text="4\n")]
    assert findings(released, work) == []


def test_a_deleted_test_cell_is_missing(released):
    assert findings(released, lambda nb: nb.cells.remove(cell(nb, "mean-test"))) == [
        ("mean-test", "missing")]


def test_a_test_cell_turned_into_markdown_is_retyped(released):
    def retype(nb):
        c = cell(nb, "double-test")
        c.cell_type = "markdown"
        del c["outputs"], c["execution_count"]
    assert findings(released, retype) == [("double-test", "retyped")]


def test_a_test_cell_stripped_of_its_role_is_flagged(released):
    assert findings(released, lambda nb: cell(nb, "mean-test").metadata.pop("bytementor")) == [
        ("mean-test", "role")]


def test_a_test_cell_moved_above_its_answer_is_moved(released):
    def move(nb):
        c = cell(nb, "double-test")
        nb.cells.remove(c)
        nb.cells.insert(1, c)
    assert findings(released, move) == [("double-test", "moved")]


def test_another_key_gives_other_checksums(released):
    ours = release_checksums(KEY, released)
    theirs = release_checksums(b"x" * 32, released)
    assert [c["id"] for c in ours] == [c["id"] for c in theirs]
    assert all(a["digest"] != b["digest"] for a, b in zip(ours, theirs))


def test_the_key_is_created_once_and_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "bytementor" / "checksum.key"
    key = load_or_create_key(path)
    assert len(key) == 32 and load_or_create_key(path) == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
