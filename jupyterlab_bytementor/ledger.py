"""The learner's committed predictions, kept by the server: a prediction cannot be changed.

One JSON file per server user (``BytementorApp.predictions_file``), written atomically:
``{lab id: {exercise id: {"given", "correct", "at", "version"}}}``. The first commit of an
exercise stays; a later one gets the first back. The frontend also records predictions
in the progress settings, for the roadmap; this ledger is what decides whether the
answer and the reveal cells may be sent.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any


class LedgerError(RuntimeError):
    """The ledger file exists but cannot be read: it is left as it is, never overwritten."""


class PredictionLedger:
    """Committed predictions in ``path`` (created on the first commit)."""

    def __init__(self, path: Path) -> None:
        """Keep the ledger in ``path``."""
        self.path = path

    def of_lab(self, lab_id: str) -> dict[str, dict[str, Any]]:
        """The committed predictions of lab ``lab_id``, by exercise."""
        return self._read().get(lab_id, {})

    def commit(self, lab_id: str, version: str, exercise: str, given: float,
               correct: bool) -> tuple[dict[str, Any], bool]:
        """Record a prediction unless one is there; return the entry and whether it is new."""
        ledger = self._read()
        entries = ledger.setdefault(lab_id, {})
        if exercise in entries:
            return entries[exercise], False
        entry = {"given": given, "correct": correct, "version": version,
                 "at": datetime.now(timezone.utc).isoformat(timespec="milliseconds")}
        entries[exercise] = entry
        self._write(ledger)
        return entry, True

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise LedgerError(f"the predictions file {self.path} cannot be read: {error}") from None
        if not _well_formed(data):
            raise LedgerError(f"the predictions file {self.path} is not a ledger of predictions")
        return data

    def _write(self, ledger: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                json.dump(ledger, file, indent=1, sort_keys=True, allow_nan=False)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _well_formed(data: object) -> bool:
    """``{lab: {exercise: {"given": number, "correct": bool, "at": str, ...}}}``."""
    if not isinstance(data, dict):
        return False
    for entries in data.values():
        if not isinstance(entries, dict):
            return False
        for entry in entries.values():
            if not (isinstance(entry, dict)
                    and isinstance(entry.get("given"), (int, float))
                    and not isinstance(entry.get("given"), bool)
                    and isinstance(entry.get("correct"), bool)
                    and isinstance(entry.get("at"), str)):
                return False
    return True
