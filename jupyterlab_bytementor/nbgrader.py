"""Import an nbgrader source notebook as a ByteMentor lab (format 1).

nbgrader marks cells with ``metadata.nbgrader``: ``solution`` (an answer the student
writes), ``grade`` (a cell worth points: with ``solution`` a manually graded answer,
without it an autograder test), ``locked`` (read-only) and ``task``. The mapping:

- solution cells → ``learner``; each starts an exercise, named by its ``grade_id``;
- autograder test cells → ``test`` of the exercise of the answer above them;
- locked markdown → ``instructions``, locked code → ``setup``;
- ``### BEGIN/END SOLUTION`` and ``### BEGIN/END HIDDEN TESTS`` are the same markers in
  both formats and are kept as they are.

What has no counterpart (manually graded answers and tasks, which ByteMentor does not
grade; tests above every answer; ordinary unlocked cells) is listed in the report.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from nbformat import NotebookNode

from .labformat import FORMAT, ID_PATTERN

_HEADING = re.compile(r"^\s*#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass
class ImportResult:
    """The imported lab notebook and one line for each thing that did not map."""

    notebook: NotebookNode
    report: list[str] = field(default_factory=list)


def to_id(text: str, fallback: str) -> str:
    """``text`` as a lab-format id (lowercase, '-' for anything else), or ``fallback``."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64].rstrip("-")
    return slug if ID_PATTERN.fullmatch(slug) else fallback


def import_nbgrader(
    source: NotebookNode,
    *,
    lab_id: str,
    title: str | None = None,
    stage: int = 1,
    track: str = "foundations",
    minutes: int = 60,
) -> ImportResult:
    """Return ``source`` (left unchanged) as a version-1 lab, with a report."""
    nb = copy.deepcopy(source)
    nb.nbformat, nb.nbformat_minor = 4, max(5, nb.get("nbformat_minor", 5))
    nb.metadata.pop("nbgrader", None)
    report: list[str] = []
    exercises: list[dict] = []
    used_ids: set[str] = set()
    heading: str | None = None
    current: dict | None = None
    for index, cell in enumerate(nb.cells):
        grader = cell.metadata.pop("nbgrader", None) or {}
        cell.id = _unique(to_id(grader.get("grade_id") or cell.get("id") or "",
                                f"cell-{index}"), used_ids)
        if cell.cell_type == "markdown":
            found = _HEADING.search(cell.source)
            heading = found.group(1) if found else heading
        where = f"cell {index} ({grader.get('grade_id') or cell.id})"
        role = None
        if grader.get("task"):
            report.append(f"{where}: a task cell (graded by hand): kept as instructions")
            role = "instructions"
        elif grader.get("solution") and grader.get("grade"):
            if current is None:
                report.append(f"{where}: a manually graded answer before any exercise: kept "
                              "as an ordinary cell")
            else:
                role = "learner"
                report.append(f"{where}: a manually graded answer: kept as a learner cell of "
                              f"exercise {current['id']!r}; ByteMentor grades only by tests, "
                              f"so its {grader.get('points', 0)} point(s) are dropped")
        elif grader.get("solution"):
            current = {"id": cell.id, "title": heading or cell.id, "points": 0}
            exercises.append(current)
            role = "learner"
        elif grader.get("grade"):
            if current is None:
                current = {"id": cell.id, "title": heading or cell.id, "points": 0}
                exercises.append(current)
                report.append(f"{where}: a test above every answer cell: made an exercise "
                              "of its own")
            current["points"] += grader.get("points", 0)
            role = "test"
        elif grader.get("locked"):
            role = "instructions" if cell.cell_type == "markdown" else "setup"
        elif cell.cell_type != "raw":
            report.append(f"{where}: no nbgrader role: kept as an ordinary cell the learner "
                          "may edit or delete")
        else:
            report.append(f"{where}: a raw cell: kept as an ordinary cell")
        if role is None:
            continue
        meta = {"role": role}
        if role in ("learner", "test"):
            meta["exercise"] = current["id"]
        cell.metadata["bytementor"] = meta
        if role == "test":
            meta["name"] = f"{grader.get('grade_id') or cell.id}"
    for exercise in exercises:
        exercise["points"] = exercise["points"] or 1
    if not exercises:
        report.append("no solution or grade cells: the lab has no exercise")
    report.extend(f"exercise {e['id']!r}: no hints (add hint cells)" for e in exercises)
    first_heading = next((m.group(1) for c in nb.cells if c.cell_type == "markdown"
                          for m in [_HEADING.search(c.source)] if m), None)
    nb.metadata["bytementor"] = {"format": FORMAT, "lab": {
        "id": lab_id, "version": "1.0.0", "title": title or first_heading or lab_id,
        "stage": stage, "track": track, "minutes": minutes, "skills": [], "requires": [],
        "exercises": exercises,
    }}
    return ImportResult(nb, report)


def _unique(candidate: str, used: set[str]) -> str:
    name, n = candidate, 2
    while name in used:
        name = f"{candidate[:60]}-{n}"
        n += 1
    used.add(name)
    return name
