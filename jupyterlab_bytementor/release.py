"""Turn an author's source notebook into what a learner may see.

Pure functions on nbformat notebooks, with no Jupyter Server import, so the
server, the ``jupyter bytementor`` CLI and the tests share them. The rules
are those of ``docs/architecture.md`` ("Release").
"""

from __future__ import annotations

import copy
from typing import Any

from nbformat import NotebookNode, from_dict

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"

CODE_STUB = 'raise NotImplementedError("Your code here")'
MARKDOWN_STUB = "YOUR ANSWER HERE"

LOCKED_ROLES = frozenset({"instructions", "setup", "test", "hint", "prediction", "reveal"})
ROLES = LOCKED_ROLES | {"learner"}
COLLAPSED_ROLES = frozenset({"hint"})
"""Roles released collapsed (``metadata.jupyter.source_hidden``): opened on purpose, by a click."""
WITHHELD_ROLES = frozenset({"reveal"})
"""Roles released empty: the server sends their source once the learner has committed the
prediction of their exercise (``predictions``), so nothing in the copy gives it away."""
SECRET_KEYS = ("answer",)
"""Cell metadata the release drops: a prediction's answer stays on the server."""

DEFAULT_KERNELSPEC = {
    "name": "python3",
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
}
DEFAULT_LANGUAGE_INFO = {"name": "python"}
"""The kernel a release names when its source names none.

JupyterLab writes the kernel's metadata into a notebook as soon as its kernel starts,
and a fresh copy whose metadata differs opens as modified. The release names the
kernel; when the server writes a learner's copy it fills in that kernel's full
``language_info`` where it can (``handlers.kernel_metadata``).
"""


class ReleaseError(ValueError):
    """A source notebook breaks the lab format (for example an unclosed marker)."""


def role_of(cell: dict[str, Any]) -> str | None:
    """Return the ByteMentor role of ``cell`` (``metadata.bytementor.role``), or None.

    Cells without a role are ordinary cells: in a learner's copy, the ones they added.
    """
    meta = cell.get("metadata", {}).get("bytementor")
    if not isinstance(meta, dict):
        return None
    role = meta.get("role")
    return role if isinstance(role, str) else None


def split_regions(source: str, begin: str, end: str) -> tuple[list[str], list[list[str]]]:
    """Split ``source`` into its lines outside ``begin``/``end`` regions and the regions.

    Both keep their line endings. The outside lines keep each region's ``begin`` line
    (so a caller can put something at its place and indentation) and drop its ``end``
    line; each region is the list of its inner lines. A marker is any line containing
    the marker text, as in nbgrader, so a marker with a trailing comment still counts.
    Raises ReleaseError on an unmatched or nested marker.
    """
    outside: list[str] = []
    regions: list[list[str]] = []
    current: list[str] | None = None
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        if begin in line:
            if current is not None:
                raise ReleaseError(f"line {number}: {begin!r} inside an open region")
            current = []
            outside.append(line)
        elif end in line:
            if current is None:
                raise ReleaseError(f"line {number}: {end!r} without {begin!r}")
            regions.append(current)
            current = None
        elif current is not None:
            current.append(line)
        else:
            outside.append(line)
    if current is not None:
        raise ReleaseError(f"{begin!r} is never closed by {end!r}")
    return outside, regions


def strip_solutions(source: str, stub: str) -> str:
    """Replace each solution region of ``source`` (markers included) by one ``stub`` line.

    The stub takes the indentation of its ``### BEGIN SOLUTION`` line.
    """
    outside, _ = split_regions(source, BEGIN_SOLUTION, END_SOLUTION)
    lines = []
    for line in outside:
        if BEGIN_SOLUTION in line:
            indent = line[: len(line) - len(line.lstrip())]
            line = f"{indent}{stub}\n"
        lines.append(line)
    text = "".join(lines)
    return text if source.endswith("\n") else text.rstrip("\n")


def visible_tests(source: str) -> str:
    """Return a test cell's source without its hidden regions (markers included)."""
    outside, _ = split_regions(source, BEGIN_HIDDEN, END_HIDDEN)
    text = "".join(line for line in outside if BEGIN_HIDDEN not in line)
    return text if source.endswith("\n") else text.rstrip("\n")


def hidden_tests(source: str) -> str:
    """Return the code of a test cell's hidden regions, in order, without the markers."""
    _, regions = split_regions(source, BEGIN_HIDDEN, END_HIDDEN)
    return "".join("".join(region) for region in regions).rstrip("\n")


def release_notebook(source_nb: NotebookNode) -> NotebookNode:
    """Return the learner notebook released from ``source_nb`` (which is left unchanged).

    Solutions become stubs, hidden tests disappear, locked roles get
    ``editable``/``deletable`` false, learner cells ``editable`` true and ``deletable``
    false, hints and reveals are collapsed, and outputs and execution counts are
    cleared. A source without ``kernelspec`` (or ``language_info``) gets the standard
    Python 3 one. Raises ReleaseError when a cell has an unknown role or an unmatched
    marker.
    """
    nb = copy.deepcopy(source_nb)
    if not nb.metadata.get("kernelspec"):
        nb.metadata["kernelspec"] = from_dict(DEFAULT_KERNELSPEC)
    if not nb.metadata.get("language_info"):
        nb.metadata["language_info"] = from_dict(DEFAULT_LANGUAGE_INFO)
    for index, cell in enumerate(nb.cells):
        try:
            _release_cell(cell)
        except ReleaseError as error:
            raise ReleaseError(f"cell {index} ({cell.get('id', 'no id')}): {error}") from None
    return nb


def _release_cell(cell: NotebookNode) -> None:
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    cell.metadata.pop("execution", None)
    role = role_of(cell)
    if role is None:
        return
    if role not in ROLES:
        raise ReleaseError(f"unknown role {role!r}")
    if role == "learner":
        stub = CODE_STUB if cell.cell_type == "code" else MARKDOWN_STUB
        cell.source = strip_solutions(cell.source, stub)
        cell.metadata["editable"] = True
    else:
        if role == "test":
            cell.source = visible_tests(cell.source)
        if role in WITHHELD_ROLES:
            cell.source = ""
        for key in SECRET_KEYS:
            cell.metadata["bytementor"].pop(key, None)
        cell.metadata["editable"] = False
    cell.metadata["deletable"] = False
    if role in COLLAPSED_ROLES:
        cell.metadata.setdefault("jupyter", {})["source_hidden"] = True


def pristine_tests(source_nb: NotebookNode) -> dict[str, Any]:
    """Return the tests of every exercise of ``source_nb``, visible and hidden.

    Shape: ``{"exercises": {exercise_id: {"tests": [{"id", "name", "source"}]}}}``,
    tests in notebook order. Every exercise named in the lab metadata is present,
    even without tests. A test cell gives an entry with its visible code (left out
    when blank) and, when it has hidden regions, an entry ``"<cell id>:hidden"`` named
    ``"<name> (hidden)"``; ``name`` is ``metadata.bytementor.name`` or ``"Test N"``,
    N counting the exercise's test cells from 1. Hidden code runs in a fresh
    namespace, so it must import what it uses itself.
    """
    lab = source_nb.metadata.get("bytementor", {}).get("lab", {})
    exercises: dict[str, dict[str, list[dict[str, str]]]] = {
        exercise["id"]: {"tests": []} for exercise in lab.get("exercises", [])
    }
    counts: dict[str, int] = {}
    for cell in source_nb.cells:
        if role_of(cell) != "test":
            continue
        exercise = cell.metadata["bytementor"].get("exercise")
        tests = exercises.setdefault(exercise, {"tests": []})["tests"]
        counts[exercise] = counts.get(exercise, 0) + 1
        name = cell.metadata["bytementor"].get("name") or f"Test {counts[exercise]}"
        visible = visible_tests(cell.source)
        if visible.strip():
            tests.append({"id": cell.id, "name": name, "source": visible})
        hidden = hidden_tests(cell.source)
        if hidden.strip():
            tests.append({"id": f"{cell.id}:hidden", "name": f"{name} (hidden)", "source": hidden})
    return {"exercises": exercises}


def predictions(source_nb: NotebookNode) -> dict[str, dict[str, Any]]:
    """Each predict-first exercise of ``source_nb``: its question's answer and its reveals.

    Shape: ``{exercise: {"id", "choices", "answer", "tolerance", "units", "reveals":
    [{"id", "cell_type", "source"}]}}``; ``choices`` is None for a numeric prediction.
    Only the server holds this: the release has neither the answer nor the reveals.
    """
    found: dict[str, dict[str, Any]] = {}
    for cell in source_nb.cells:
        meta = cell.get("metadata", {}).get("bytementor", {})
        exercise = meta.get("exercise")
        if role_of(cell) == "prediction":
            found[exercise] = {
                "id": cell.id, "choices": meta.get("choices"), "answer": meta.get("answer"),
                "tolerance": meta.get("tolerance"), "units": meta.get("units"), "reveals": [],
            }
        elif role_of(cell) == "reveal" and exercise in found:
            found[exercise]["reveals"].append(
                {"id": cell.id, "cell_type": cell.cell_type, "source": cell.source})
    return found


def is_right(prediction: dict[str, Any], given: float) -> bool:
    """Whether ``given`` (a choice index, or a number) answers ``prediction`` rightly."""
    if prediction["choices"] is not None:
        return given == prediction["answer"]
    return abs(given - prediction["answer"]) <= prediction["tolerance"] + 1e-12
