"""``POST labs/<id>/verify-clean``: the saved copy, run in a fresh kernel, through a real server."""

from __future__ import annotations

import json

import nbformat
import pytest

from jupyterlab_bytementor import verify_handlers

COPY = "bytementor-labs/tiny-lab.ipynb"


async def open_copy(jp_fetch, jp_root_dir):
    """Create the learner's copy of the tiny lab and return it, read from disk."""
    await jp_fetch("bytementor", "labs", "tiny-lab", "open", method="POST", body=b"")
    return nbformat.read(jp_root_dir / COPY, as_version=4)


def answer(nb, exercise, source):
    """Write ``source`` into the answer cell of ``exercise``."""
    cell = next(c for c in nb.cells if c.cell_type == "code"
                and c.metadata.get("bytementor", {}) == {"exercise": exercise, "role": "learner"})
    cell.source = source


async def verify(jp_fetch, path=COPY, lab="tiny-lab"):
    response = await jp_fetch("bytementor", "labs", lab, "verify-clean", method="POST",
                              body=json.dumps({"path": path}), raise_error=False)
    return response.code, json.loads(response.body)


def verdicts(body):
    return {r["exercise"]: r["passed"] for r in body["exercises"]}


async def test_a_solved_copy_passes_every_exercise(jp_fetch, jp_root_dir):
    nb = await open_copy(jp_fetch, jp_root_dir)
    answer(nb, "double", "def double(x):\n    return 2 * x")
    answer(nb, "mean", "def mean(values):\n    return sum(values) / len(values)")
    nbformat.write(nb, jp_root_dir / COPY)
    before = (jp_root_dir / COPY).read_bytes()

    status, body = await verify(jp_fetch)

    assert status == 200
    assert (body["lab"], body["version"]) == ("tiny-lab", "1.0.0")
    assert verdicts(body) == {"double": True, "mean": True}
    assert (jp_root_dir / COPY).read_bytes() == before, "the server saves nothing"


async def test_the_hidden_tests_judge_and_failures_say_why(jp_fetch, jp_root_dir):
    nb = await open_copy(jp_fetch, jp_root_dir)
    # Passes the visible double(2) == 4, fails the hidden double(-3) == -6.
    answer(nb, "double", "def double(x):\n    return x + 2")
    nbformat.write(nb, jp_root_dir / COPY)

    status, body = await verify(jp_fetch)

    assert status == 200
    assert verdicts(body) == {"double": False, "mean": False}
    double = body["exercises"][0]
    assert double["problem"] is None
    assert any("double(-3)" in message for message in double["messages"])


async def test_a_tampered_test_cell_still_runs_the_pristine_tests(jp_fetch, jp_root_dir):
    nb = await open_copy(jp_fetch, jp_root_dir)
    answer(nb, "double", "def double(x):\n    return 0")
    for cell in nb.cells:
        if cell.metadata.get("bytementor", {}).get("role") in ("test", "setup"):
            cell.source = "double = lambda x: 2 * x"
    # A forged test cell the release does not have is left out too.
    forged = nbformat.v4.new_code_cell("mean = lambda values: 2")
    forged.metadata["bytementor"] = {"role": "test", "exercise": "mean"}
    nb.cells.append(forged)
    nbformat.write(nb, jp_root_dir / COPY)

    status, body = await verify(jp_fetch)

    assert status == 200
    assert verdicts(body) == {"double": False, "mean": False}


async def test_a_notebook_that_is_not_a_lab_gets_a_clear_message(jp_fetch, jp_root_dir):
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]),
                   jp_root_dir / "mine.ipynb")

    status, body = await verify(jp_fetch, path="mine.ipynb")

    assert status == 409
    assert "not a ByteMentor lab" in body["message"]


async def test_a_missing_notebook_and_a_bad_path_are_told(jp_fetch, jp_root_dir):
    assert (await verify(jp_fetch, path="nowhere.ipynb"))[0] == 404
    assert (await verify(jp_fetch, path="../../etc/passwd"))[0] == 400


async def test_no_more_clean_kernels_than_the_cap(jp_fetch, jp_root_dir, monkeypatch):
    await open_copy(jp_fetch, jp_root_dir)
    # Every slot taken by runs already going.
    for _ in range(verify_handlers.MAX_CLEAN_KERNELS):
        assert verify_handlers._slots.acquire(blocking=False)
    try:
        status, body = await verify(jp_fetch)
    finally:
        for _ in range(verify_handlers.MAX_CLEAN_KERNELS):
            verify_handlers._slots.release()
    assert status == 429
    assert "try again" in body["message"]


@pytest.mark.parametrize("source", ["while True:\n    pass"])
async def test_an_endless_answer_is_stopped_by_the_time_limit(jp_fetch, jp_root_dir,
                                                              monkeypatch, source):
    monkeypatch.setattr(verify_handlers, "CELL_TIMEOUT", 3.0)
    nb = await open_copy(jp_fetch, jp_root_dir)
    answer(nb, "double", source)
    nbformat.write(nb, jp_root_dir / COPY)

    status, body = await verify(jp_fetch)

    assert status == 200
    assert not any(verdicts(body).values())
    assert "longer than 3 s" in body["exercises"][0]["problem"]
