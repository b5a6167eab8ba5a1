"""Predictions through the server: committed once, judged there, answer and reveals sent after."""

from __future__ import annotations

import json

import pytest

from jupyterlab_bytementor.ledger import LedgerError, PredictionLedger


async def commit(jp_fetch, exercise, body, lab="tiny-lab"):
    response = await jp_fetch("bytementor", "labs", lab, "predictions", exercise,
                              method="POST", body=json.dumps(body), raise_error=False)
    return response.code, json.loads(response.body)


async def committed(jp_fetch):
    response = await jp_fetch("bytementor", "labs", "tiny-lab", "predictions")
    return json.loads(response.body)["predictions"]


async def test_nothing_is_sent_before_a_commit(jp_fetch):
    assert await committed(jp_fetch) == {}


async def test_a_wrong_numeric_prediction_is_judged_and_the_reveal_sent(jp_fetch):
    code, reply = await commit(jp_fetch, "mean", {"given": 3})
    assert code == 200
    assert (reply["given"], reply["correct"], reply["answer"], reply["first"]) == (3, False, 2, True)
    assert reply["reveals"] == [{"id": "mean-reveal", "cell_type": "markdown",
                                 "source": "It is 2: the sum, 6, over the count, 3."}]
    assert (await committed(jp_fetch))["mean"]["given"] == 3


async def test_a_committed_prediction_cannot_be_changed(jp_fetch):
    await commit(jp_fetch, "mean", {"given": 3})
    code, reply = await commit(jp_fetch, "mean", {"given": 2})
    assert code == 200
    assert (reply["given"], reply["correct"], reply["first"]) == (3, False, False)


async def test_a_prediction_within_its_tolerance_is_right(jp_fetch):
    code, reply = await commit(jp_fetch, "mean", {"given": 2.0})
    assert (code, reply["correct"]) == (200, True)


@pytest.mark.parametrize(("exercise", "body", "status", "phrase"), [
    ("double", {"given": 1}, 404, "asks for no prediction"),
    ("mean", {"given": "two"}, 400, "must be a number"),
    ("mean", {"given": True}, 400, "must be a number"),
    ("mean", {}, 400, "must be a number"),
    ("mean", {"given": 1e999}, 400, "must be a number"),
    ("mean", {"given": 10 ** 400}, 400, "must be a number"),
])
async def test_bad_commits_are_refused_with_a_message(jp_fetch, exercise, body, status, phrase):
    code, reply = await commit(jp_fetch, exercise, body)  # json.dumps writes 1e999 as Infinity
    assert code == status and phrase in reply["message"]
    assert await committed(jp_fetch) == {}


def test_a_damaged_ledger_is_reported_and_left_alone(tmp_path):
    path = tmp_path / "predictions.json"
    path.write_text("{half", encoding="utf-8")
    ledger = PredictionLedger(path)
    with pytest.raises(LedgerError, match="cannot be read"):
        ledger.commit("lab", "1.0.0", "ex", 1, True)
    assert path.read_text(encoding="utf-8") == "{half"


@pytest.mark.parametrize("text", ['{"lab": []}', '{"lab": {"ex": {"given": 1}}}', "[]"])
def test_a_ledger_of_the_wrong_shape_is_reported_and_left_alone(tmp_path, text):
    path = tmp_path / "predictions.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LedgerError, match="not a ledger of predictions|cannot be read"):
        PredictionLedger(path).of_lab("lab")
    assert path.read_text(encoding="utf-8") == text


def test_the_ledger_keeps_the_first_commit_across_instances(tmp_path):
    path = tmp_path / "bytementor" / "predictions.json"
    first, new = PredictionLedger(path).commit("lab", "1.0.0", "ex", 1, False)
    assert new
    again, new = PredictionLedger(path).commit("lab", "1.0.0", "ex", 2, True)
    assert (again, new) == (first, False)
