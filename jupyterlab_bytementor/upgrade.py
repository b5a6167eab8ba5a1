"""Upgrade a learner's copy of a lab to a newer release without losing a line of theirs.

Locked cells (instructions, setup, tests, hints, predictions, reveals) come from the new
release. Every answer cell keeps the learner's source and outputs, matched by cell id.
Every cell the learner added stays where it was: after the cell it followed, when that
cell is still in the lab. An answer cell whose exercise the new release dropped is
kept as an ordinary cell of the learner's, in place. The caller keeps a backup.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from nbformat import NotebookNode, from_dict

from .release import role_of

_LEARNER_FIELDS = ("source", "outputs", "execution_count", "attachments")


@dataclass
class UpgradeResult:
    """The upgraded notebook and what happened to the learner's cells."""

    notebook: NotebookNode
    answers_kept: list[str] = field(default_factory=list)
    added_kept: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    """Answer cells whose exercise is gone: kept as ordinary cells."""


def lab_version(nb: dict[str, Any]) -> str | None:
    """The lab version a notebook was released as, or None for a notebook that is no lab."""
    lab = nb.get("metadata", {}).get("bytementor", {}).get("lab", {})
    version = lab.get("version") if isinstance(lab, dict) else None
    return version if isinstance(version, str) else None


def upgrade_copy(
    old: dict[str, Any], release: dict[str, Any], revealed: dict[str, str] | None = None
) -> UpgradeResult:
    """Merge the learner's ``old`` copy into the new ``release`` (both left unchanged).

    ``revealed`` maps reveal cell ids to their sources for the predictions the learner
    has committed: the new release has them empty, the upgraded copy keeps them open.

    A cell is the learner's when it has no role or the role ``learner``. One whose id
    the release has as a cell of the learner's too (an answer cell, a "try it" cell)
    keeps the learner's source and outputs there; any other is kept after its anchor,
    the nearest cell above it in the old copy that the new notebook still has.
    """
    merged = from_dict(copy.deepcopy(release))
    for cell in merged.cells:
        if role_of(cell) == "reveal" and cell.id in (revealed or {}):
            cell.source = revealed[cell.id]
    result = UpgradeResult(merged)
    theirs = {cell["id"]: cell for cell in merged.cells if role_of(cell) in (None, "learner")}
    new_ids = {cell["id"] for cell in merged.cells}
    anchor: str | None = None
    pending: dict[str | None, list[NotebookNode]] = {}
    for cell in old.get("cells", []):
        role = role_of(cell)
        cell_id = cell.get("id")
        if role not in (None, "learner"):
            if cell_id in new_ids:
                anchor = cell_id
            continue
        target = theirs.get(cell_id)
        if target is not None:
            for key in _LEARNER_FIELDS:
                if key in cell:
                    target[key] = copy.deepcopy(cell[key])
            if role == "learner":
                result.answers_kept.append(cell_id)
            anchor = cell_id
            continue
        kept = from_dict(copy.deepcopy(cell))
        if cell_id in new_ids:  # the release now has a locked cell with this id
            kept.id = f"{cell_id}-yours"[:64]
        if role == "learner":
            kept.metadata.pop("bytementor", None)
            kept.metadata["editable"] = True
            kept.metadata["deletable"] = True
            result.orphaned.append(cell_id)
        else:
            result.added_kept.append(cell_id)
        pending.setdefault(anchor, []).append(kept)
    cells: list[NotebookNode] = list(pending.get(None, []))
    for cell in merged.cells:
        cells.append(cell)
        cells.extend(pending.get(cell["id"], []))
    merged.cells = cells
    for key, value in old.get("metadata", {}).items():
        if key != "bytementor":
            merged.metadata[key] = copy.deepcopy(value)
    return result
