"""REST handlers of predict-first exercises (see docs/architecture.md, "Predictions")."""

from __future__ import annotations

import math
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from .base_handler import BytementorHandler, ReplyError, json_errors
from .ledger import LedgerError
from .release import is_right

MAX_PREDICTION = 1e15
"""The largest size of a numeric prediction the server records."""


def _prediction_reply(exercise: str, prediction: dict[str, Any],
                      entry: dict[str, Any]) -> dict[str, Any]:
    """What the learner sees once a prediction is committed: theirs, the answer, the reveals."""
    return {
        "exercise": exercise, "given": entry["given"], "correct": entry["correct"],
        "at": entry["at"], "answer": prediction["answer"], "choices": prediction["choices"],
        "tolerance": prediction["tolerance"], "units": prediction["units"],
        "reveals": prediction["reveals"],
    }


class PredictionsHandler(BytementorHandler):
    """``GET labs/<id>/predictions``: the committed predictions of a lab, with their answers."""

    @web.authenticated
    @authorized
    @json_errors("read your predictions")
    async def get(self, lab_id: str) -> None:
        """Send ``{"predictions": {exercise: reply}}`` for every committed prediction."""
        lab = self.find_lab(lab_id)
        try:
            committed = self.ledger.of_lab(lab.id)
        except LedgerError as error:
            raise ReplyError(500, f"{error}. Move it aside to start a new one.") from None
        self.send_json({"predictions": {
            exercise: _prediction_reply(exercise, lab.predictions[exercise], entry)
            for exercise, entry in committed.items() if exercise in lab.predictions
        }})


class CommitPredictionHandler(BytementorHandler):
    """``POST labs/<id>/predictions/<exercise>``: commit a prediction, once and for all."""

    @web.authenticated
    @authorized
    @json_errors("record your prediction")
    async def post(self, lab_id: str, exercise: str) -> None:
        """Given ``{"given"}`` (a choice index, or a number), send the reply with the answer.

        A second commit changes nothing: the reply is the first one, with ``"first": false``.
        """
        lab = self.find_lab(lab_id)
        prediction = lab.predictions.get(exercise)
        if prediction is None:
            raise ReplyError(404, f"Exercise '{exercise}' of '{lab.id}' asks for no prediction.")
        given = self.json_body().get("given")
        choices = prediction["choices"]
        if (isinstance(given, bool) or not isinstance(given, (int, float))
                or abs(given) > MAX_PREDICTION or not math.isfinite(given)):
            raise ReplyError(400, "'given' must be a number: the index of a choice, or a value "
                                  f"of at most {MAX_PREDICTION:g} in size.")
        if choices is not None and (not isinstance(given, int) or not 0 <= given < len(choices)):
            raise ReplyError(400, f"'given' must be the index of a choice, 0 to {len(choices) - 1}.")
        try:
            async with self.open_lock:
                entry, first = self.ledger.commit(lab.id, lab.version, exercise, given,
                                                  is_right(prediction, given))
        except LedgerError as error:
            raise ReplyError(500, f"{error}. Move it aside to start a new one.") from None
        self.send_json({**_prediction_reply(exercise, prediction, entry), "first": first})
