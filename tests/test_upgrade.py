"""Upgrading a learner's copy to a new lab release keeps every line the learner wrote."""

from __future__ import annotations

import json
import os

import nbformat
import pytest

from jupyterlab_bytementor.release import release_notebook
from jupyterlab_bytementor.upgrade import upgrade_copy

COPY = "bytementor-labs/tiny-lab.ipynb"
MY_DOUBLE = "def double(x):\n    return x + x  # mine"
MY_MEAN = "def mean(values):\n    return sum(values) / len(values)  # mine too"
MY_NOTE = "# my scratch cell: trying double(21)\nprint(double(21))"


def cell(nb, cell_id):
    return next(c for c in nb.cells if c.id == cell_id)


def version_two(nb):
    """The tiny lab's next release: new words, a stronger test, one more hint."""
    nb.metadata.bytementor.lab.version = "1.1.0"
    cell(nb, "intro").source = "# A tiny lab, second edition\n\nClearer words."
    cell(nb, "double-test").source += "\nexpect_equal(double(0), 0, what='double(0)')"
    hint = nbformat.v4.new_markdown_cell("**Hint 2 of 2**\n\nReturn `x * 2`.")
    hint.id = "double-hint-2"
    hint.metadata["bytementor"] = {"role": "hint", "exercise": "double"}
    nb.cells.insert(nb.cells.index(cell(nb, "double-hint")) + 1, hint)


def learner_work(nb):
    """Two answers edited, a cell of their own added below a test, one answer untouched."""
    cell(nb, "double-answer").source = MY_DOUBLE
    cell(nb, "mean-answer").source = MY_MEAN
    cell(nb, "mean-answer").outputs = [nbformat.v4.new_output("stream", text="ran\n")]
    mine = nbformat.v4.new_code_cell(MY_NOTE)
    mine.id = "my-scratch"
    nb.cells.insert(nb.cells.index(cell(nb, "double-test")) + 1, mine)


def with_a_third_exercise(nb):
    """The tiny lab with an exercise the learner will leave untouched."""
    nb.metadata.bytementor.lab.exercises.append({"id": "triple", "title": "Triple", "points": 1})
    answer = nbformat.v4.new_code_cell(
        "def triple(x):\n    ### BEGIN SOLUTION\n    return 3 * x\n    ### END SOLUTION")
    answer.id = "triple-answer"
    answer.metadata["bytementor"] = {"role": "learner", "exercise": "triple"}
    test = nbformat.v4.new_code_cell("assert triple(2) == 6")
    test.id = "triple-test"
    test.metadata["bytementor"] = {"role": "test", "exercise": "triple"}
    nb.cells.extend([answer, test])


def test_the_merge_keeps_answers_and_added_cells_and_takes_new_locked_cells(labs_dir):
    source = nbformat.read(labs_dir / "stage1-foundations" / "tiny-lab.ipynb", as_version=4)
    with_a_third_exercise(source)
    old = release_notebook(source)
    learner_work(old)
    untouched = cell(old, "mean-why").source
    untouched_exercise = cell(old, "triple-answer").source
    version_two(source)
    new = release_notebook(source)

    result = upgrade_copy(old, new)
    nb = result.notebook
    assert cell(nb, "double-answer").source == MY_DOUBLE
    assert cell(nb, "mean-answer").source == MY_MEAN
    assert cell(nb, "mean-answer").outputs[0]["text"] == "ran\n"
    assert cell(nb, "mean-why").source == untouched
    assert cell(nb, "triple-answer").source == untouched_exercise
    assert "raise NotImplementedError" in untouched_exercise
    ids = [c.id for c in nb.cells]
    assert ids[ids.index("double-test") + 1] == "my-scratch"
    assert cell(nb, "my-scratch").source == MY_NOTE
    assert cell(nb, "intro").source.startswith("# A tiny lab, second edition")
    assert "double(0)" in cell(nb, "double-test").source
    assert "double-hint-2" in ids
    assert nb.metadata.bytementor.lab.version == "1.1.0"
    assert result.added_kept == ["my-scratch"] and result.orphaned == []
    assert sorted(result.answers_kept) == [
        "double-answer", "mean-answer", "mean-why", "triple-answer"]


def test_the_releases_own_plain_cells_are_not_doubled_and_keep_the_learners_edits(labs_dir):
    source = nbformat.read(labs_dir / "stage1-foundations" / "tiny-lab.ipynb", as_version=4)
    try_it = nbformat.v4.new_code_cell("print(double(3))")
    try_it.id = "double-try"
    source.cells.insert(5, try_it)
    old = release_notebook(source)
    cell(old, "double-try").source = "print(double(300))  # my try"
    source.metadata.bytementor.lab.version = "1.1.0"
    result = upgrade_copy(old, release_notebook(source))
    ids = [c.id for c in result.notebook.cells]
    assert ids.count("double-try") == 1 and len(ids) == len(source.cells)
    assert cell(result.notebook, "double-try").source == "print(double(300))  # my try"
    assert result.added_kept == []


def test_an_answer_whose_exercise_was_dropped_stays_as_the_learners_cell(labs_dir):
    source = nbformat.read(labs_dir / "stage1-foundations" / "tiny-lab.ipynb", as_version=4)
    old = release_notebook(source)
    cell(old, "mean-why").source = "Because I say so."
    source.cells.remove(cell(source, "mean-why"))
    result = upgrade_copy(old, release_notebook(source))
    kept = cell(result.notebook, "mean-why")
    assert kept.source == "Because I say so." and "bytementor" not in kept.metadata
    assert kept.metadata["deletable"] is True
    assert result.orphaned == ["mean-why"]


async def post(jp_fetch, action, body):
    response = await jp_fetch("bytementor", "labs", "tiny-lab", action, method="POST",
                              body=json.dumps(body), raise_error=False)
    return response.code, json.loads(response.body)


async def test_upgrading_through_the_server_keeps_work_and_a_backup(jp_fetch, jp_root_dir,
                                                                    labs_dir):
    assert (await post(jp_fetch, "open", {}))[0] == 200
    path = jp_root_dir / COPY
    nb = nbformat.read(path, as_version=4)
    learner_work(nb)
    nbformat.write(nb, path)
    before = path.read_text(encoding="utf-8")
    code, body = await post(jp_fetch, "upgrade", {"path": COPY})
    assert code == 409 and "already at version 1.0.0" in body["message"]

    lab_file = labs_dir / "stage1-foundations" / "tiny-lab.ipynb"
    source = nbformat.read(lab_file, as_version=4)
    version_two(source)
    nbformat.write(source, lab_file)
    stat = lab_file.stat()
    os.utime(lab_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    code, body = await post(jp_fetch, "upgrade", {"path": COPY})
    assert code == 200, body
    assert (body["from"], body["to"]) == ("1.0.0", "1.1.0")
    assert body["backup"] == "bytementor-labs/tiny-lab.v1.0.0.backup.ipynb"
    assert (jp_root_dir / body["backup"]).read_text(encoding="utf-8") == before
    upgraded = nbformat.read(path, as_version=4)
    assert cell(upgraded, "double-answer").source == MY_DOUBLE
    assert cell(upgraded, "mean-answer").source == MY_MEAN
    assert cell(upgraded, "my-scratch").source == MY_NOTE
    assert cell(upgraded, "intro").source.startswith("# A tiny lab, second edition")
    assert upgraded.metadata.bytementor.lab.version == "1.1.0"


@pytest.mark.parametrize(("body", "status", "phrase"), [
    ({"path": "nowhere.ipynb"}, 404, "no notebook at 'nowhere.ipynb'"),
    ({"path": "notes.txt"}, 400, "path of a notebook"),
    ({"path": "other.ipynb"}, 409, "not a copy of the lab 'tiny-lab'"),
])
async def test_upgrade_refuses_what_is_not_a_copy_of_the_lab(jp_fetch, jp_root_dir, body,
                                                              status, phrase):
    nbformat.write(nbformat.v4.new_notebook(), jp_root_dir / "other.ipynb")
    code, reply = await post(jp_fetch, "upgrade", body)
    assert code == status and phrase in reply["message"]


async def test_verify_reports_a_weakened_test_and_never_sends_a_checksum(jp_fetch, jp_root_dir):
    await post(jp_fetch, "open", {})
    nb = nbformat.read(jp_root_dir / COPY, as_version=4)
    cells = [dict(c) for c in nb.cells]
    code, body = await post(jp_fetch, "verify", {"version": "1.0.0", "cells": cells})
    assert (code, body["current"], body["tampered"]) == (200, True, [])
    cell(nb, "double-test").source = "assert True"
    code, body = await post(jp_fetch, "verify", {"version": "1.0.0",
                                                 "cells": [dict(c) for c in nb.cells]})
    assert body["tampered"] == [{"id": "double-test", "problem": "changed", "index": 4}]
    assert "digest" not in json.dumps(body)


async def test_verify_of_another_version_compares_nothing(jp_fetch):
    code, body = await post(jp_fetch, "verify", {"version": "0.9.0", "cells": []})
    assert (code, body["current"], body["tampered"]) == (200, False, [])


@pytest.mark.parametrize("cells", [
    [{"id": [], "source": 7, "metadata": "x"}],
    [{"id": "a", "cell_type": "code", "source": "x", "metadata": []}],
    ["not a cell"],
])
async def test_verify_refuses_cells_that_are_not_notebook_cells(jp_fetch, cells):
    code, body = await post(jp_fetch, "verify", {"version": "1.0.0", "cells": cells})
    assert code == 400 and "'cells' must be a list of the notebook's cells" in body["message"]


async def test_upgrade_never_downgrades_a_newer_copy(jp_fetch, jp_root_dir):
    await post(jp_fetch, "open", {})
    nb = nbformat.read(jp_root_dir / COPY, as_version=4)
    nb.metadata["bytementor"]["lab"]["version"] = "9.9.9"
    nbformat.write(nb, jp_root_dir / COPY)
    code, body = await post(jp_fetch, "upgrade", {"path": COPY})
    assert code == 409 and "newer than the course's 1.0.0" in body["message"]
    assert nbformat.read(jp_root_dir / COPY, as_version=4).metadata["bytementor"]["lab"][
        "version"] == "9.9.9"


async def test_verify_needs_the_cells(jp_fetch):
    code, body = await post(jp_fetch, "verify", {"version": "1.0.0"})
    assert code == 400 and "'cells' must be a list" in body["message"]


async def test_copies_lists_the_learners_copies_with_their_versions(jp_fetch, jp_root_dir):
    response = await jp_fetch("bytementor", "copies")
    assert json.loads(response.body) == {"copies": {}}
    await post(jp_fetch, "open", {})
    response = await jp_fetch("bytementor", "copies")
    assert json.loads(response.body) == {"copies": {"tiny-lab": {"path": COPY, "version": "1.0.0"}}}
    (jp_root_dir / COPY).write_text("{broken", encoding="utf-8")
    response = await jp_fetch("bytementor", "copies")
    assert json.loads(response.body)["copies"]["tiny-lab"]["version"] is None


async def test_an_upgrade_keeps_the_reveals_of_committed_predictions_open(jp_fetch, jp_root_dir,
                                                                         labs_dir):
    await post(jp_fetch, "open", {})
    response = await jp_fetch("bytementor", "labs", "tiny-lab", "predictions", "mean",
                              method="POST", body=json.dumps({"given": 2}))
    assert json.loads(response.body)["correct"] is True
    lab_file = labs_dir / "stage1-foundations" / "tiny-lab.ipynb"
    source = nbformat.read(lab_file, as_version=4)
    version_two(source)
    nbformat.write(source, lab_file)
    stat = lab_file.stat()
    os.utime(lab_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    code, body = await post(jp_fetch, "upgrade", {"path": COPY})
    assert code == 200, body
    upgraded = nbformat.read(jp_root_dir / COPY, as_version=4)
    assert cell(upgraded, "mean-reveal").source == "It is 2: the sum, 6, over the count, 3."
