"""The lab format, version 1: its JSON Schema and the rules a schema cannot say.

``lab_problems`` returns every problem of a source notebook as one line a course
author understands, naming the cell by index and id. The server, the
``jupyter bytementor`` CLI and the tests all check labs through it. No Jupyter Server
import, so the kernel side and the CLI can use it too.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from pathlib import PurePath
from typing import Any, Iterable

from jsonschema import Draft202012Validator, ValidationError

from .release import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    END_HIDDEN,
    END_SOLUTION,
    ReleaseError,
    role_of,
    split_regions,
)

FORMAT = 1
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
"""Lab, exercise and track ids: lowercase ASCII letters, digits and '-', at most 64 long.

They become file names, settings keys and room names, so they are kept this plain;
titles carry any Unicode.
"""
ID_RULE = "lowercase ASCII letters, digits and '-', starting with a letter or digit, at most 64"
STAGE_FOLDER = re.compile(r"^stage(\d+)(?:-|$)")
_CHECKED_BY = ("test", "prediction")
"""An exercise is checked by its tests, or, for a predict-first exercise, its prediction."""


class LabFormatError(ValueError):
    """A source notebook that is not a valid version-1 lab; ``problems`` lists why."""

    def __init__(self, problems: str | list[str]) -> None:
        """Hold one problem or several (the message shows the first and counts the rest)."""
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        more = len(self.problems) - 1
        super().__init__(self.problems[0] + (f" (and {more} more)" if more else ""))


def is_valid_id(value: object) -> bool:
    """Return whether ``value`` is a valid lab or exercise id (see ``ID_PATTERN``)."""
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


@cache
def schema() -> dict[str, Any]:
    """The lab format's JSON Schema, shipped as ``jupyterlab_bytementor/schemas/lab-v1.json``."""
    text = (files("jupyterlab_bytementor") / "schemas" / "lab-v1.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def lab_problems(nb: dict[str, Any], path: PurePath | None = None) -> list[str]:
    """Every way ``nb`` breaks the lab format, one line each, in notebook order.

    ``path``, when given, is checked too: a lab in ``stageN-…/`` must say stage N.
    An empty list means the notebook is a valid lab source.
    """
    meta = nb.get("metadata", {}).get("bytementor")
    if not isinstance(meta, dict) or "format" not in meta:
        return ["not a ByteMentor lab: the notebook has no metadata.bytementor.format"]
    if meta.get("format") != FORMAT:
        return [f"metadata.bytementor.format is {meta.get('format')!r}; this version reads {FORMAT}"]
    errors = sorted(_validator().iter_errors(nb), key=lambda e: [str(p) for p in e.absolute_path])
    problems = [_describe(error, nb) for error in errors]
    if problems:
        return _unique(problems)
    return _cross_reference(nb, path)


def _cross_reference(nb: dict[str, Any], path: PurePath | None) -> list[str]:
    """The rules of the format that need more than one place of the notebook at once."""
    lab = nb["metadata"]["bytementor"]["lab"]
    problems = []
    if path is not None:
        folder = STAGE_FOLDER.match(path.parent.name)
        if folder and int(folder.group(1)) != lab["stage"]:
            problems.append(f"the lab says stage {lab['stage']} but sits in {path.parent.name}/")
    declared: list[str] = [exercise["id"] for exercise in lab["exercises"]]
    for twice in sorted({x for x in declared if declared.count(x) > 1}):
        problems.append(f"exercise id {twice!r} is declared twice in the lab metadata")
    seen_ids: dict[str, int] = {}
    checked: set[str] = set()
    predicted: dict[str, int] = {}
    revealed: set[str] = set()
    for index, cell in enumerate(nb["cells"]):
        where = cell_label(index, cell)
        cell_id = cell.get("id")
        if cell_id in seen_ids:
            problems.append(f"{where}: the id is already used by cell {seen_ids[cell_id]}")
        elif cell_id:
            seen_ids[cell_id] = index
        role = role_of(cell)
        if role is not None and not cell_id:
            problems.append(f"{where}: a {role} cell needs an id (nbformat 4.5 or later)")
        exercise = cell.get("metadata", {}).get("bytementor", {}).get("exercise")
        if exercise is not None and exercise not in declared:
            problems.append(
                f"{where}: a {role} cell for exercise {exercise!r}, "
                "which the lab metadata does not declare"
            )
        if role in _CHECKED_BY and exercise is not None:
            checked.add(exercise)
        problems.extend(f"{where}: {problem}" for problem in _marker_problems(cell, role))
        if role == "prediction":
            if exercise in predicted:
                problems.append(f"{where}: exercise {exercise!r} already has a prediction "
                                f"(cell {predicted[exercise]})")
            predicted.setdefault(exercise, index)
            problems.extend(f"{where}: {problem}" for problem in _prediction_problems(cell))
        if role == "reveal":
            if exercise not in predicted:
                problems.append(f"{where}: a reveal cell needs a prediction of exercise "
                                f"{exercise!r} above it")
            else:
                revealed.add(exercise)
    for exercise in declared:
        if exercise not in checked:
            problems.append(f"exercise {exercise!r} has no test cell (and no prediction)")
    for exercise, index in predicted.items():
        if exercise not in revealed:
            problems.append(f"{cell_label(index, nb['cells'][index])}: a prediction needs a "
                            "reveal cell of its exercise below it")
    return problems


def _prediction_problems(cell: dict[str, Any]) -> Iterable[str]:
    """A prediction's answer must fit its kind: a choice index, or a number with a tolerance."""
    meta = cell["metadata"]["bytementor"]
    answer, choices = meta.get("answer"), meta.get("choices")
    if choices is not None:
        if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < len(choices):
            yield (f"the answer must be the index of the right choice, 0 to {len(choices) - 1} "
                   f"(0 is A), not {answer!r}")
        if "tolerance" in meta or "units" in meta:
            yield "tolerance and units are for numeric predictions, not choices"
    elif "tolerance" not in meta:
        yield "a numeric prediction needs a tolerance (how far from the answer is still right)"


def _marker_problems(cell: dict[str, Any], role: str | None) -> Iterable[str]:
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(source)
    for begin, end, home in (
        (BEGIN_SOLUTION, END_SOLUTION, "learner"),
        (BEGIN_HIDDEN, END_HIDDEN, "test"),
    ):
        if begin not in source and end not in source:
            continue
        if role != home:
            yield f"{begin!r} markers belong in {home} cells only: here they would leak"
            continue
        try:
            split_regions(source, begin, end)
        except ReleaseError as error:
            yield str(error)


def cell_label(index: int, cell: dict[str, Any]) -> str:
    """``cell 12 (id 'mse-test')``: how every message names a cell."""
    cell_id = cell.get("id") if isinstance(cell, dict) else None
    return f"cell {index} (id {cell_id!r})" if cell_id else f"cell {index} (no id)"


def _where(path: list[Any], nb: dict[str, Any]) -> str:
    """Name the place of ``path`` (a JSON path into the notebook) for an author."""
    if len(path) >= 2 and path[0] == "cells" and isinstance(path[1], int):
        cell = nb["cells"][path[1]]
        rest = [str(p) for p in path[2:] if p not in ("metadata", "bytementor")]
        return cell_label(path[1], cell) + (f": {'.'.join(rest)}" if rest else "")
    if path[:3] == ["metadata", "bytementor", "lab"]:
        rest = path[3:]
        if len(rest) >= 2 and rest[0] == "exercises" and isinstance(rest[1], int):
            exercise = nb["metadata"]["bytementor"]["lab"]["exercises"][rest[1]]
            name = exercise.get("id") if isinstance(exercise, dict) else None
            label = f"exercise {rest[1] + 1} ({name!r})" if name else f"exercise {rest[1] + 1}"
            tail = ".".join(str(p) for p in rest[2:])
            return f"{label} of the lab metadata" + (f": {tail}" if tail else "")
        return "the lab metadata" + (f": {'.'.join(str(p) for p in rest)}" if rest else "")
    return ".".join(str(p) for p in path) or "the notebook"


def _describe(error: ValidationError, nb: dict[str, Any]) -> str:
    """One line for one schema error, in the words of the lab format."""
    path = list(error.absolute_path)
    where = _where(path, nb)
    kind, value = error.validator, error.instance
    if kind == "required":
        missing = error.validator_value
        absent = [key for key in missing if key not in value]
        if path and path[-1] == "bytementor" and absent == ["role"]:
            return f"{where}: metadata.bytementor has no role"
        if absent == ["exercise"]:
            return f"{where}: a {value.get('role')} cell needs an exercise"
        return f"{where} has no {' or '.join(repr(key) for key in absent)}"
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = sorted(key for key in value if key not in known)
        return f"{where}: unknown key {', '.join(repr(key) for key in extra)}"
    if kind == "enum" and path and path[-1] == "role":
        return f"{where.rsplit(': ', 1)[0]}: unknown role {value!r} (roles: {', '.join(error.validator_value)})"
    if kind == "const" and path and path[-1] == "cell_type":
        role = nb["cells"][path[1]]["metadata"]["bytementor"]["role"]
        return f"{where.rsplit(': ', 1)[0]}: a {role} cell must be a {error.validator_value} cell, not {value}"
    if kind == "pattern" and error.validator_value == ID_PATTERN.pattern:
        return f"{where}: {value!r} is not a valid id ({ID_RULE} characters)"
    if kind == "pattern" and error.validator_value == r"\S":
        return f"{where}: must not be empty"
    if kind == "pattern" and path[-1:] == ["version"]:
        return f"{where}: {value!r} is not a version like 1.0.0 (MAJOR.MINOR.PATCH)"
    if kind == "pattern":
        return f"{where}: {value!r} does not match {error.validator_value}"
    if kind == "minItems" and value == []:
        return f"{where}: must not be empty"
    if kind == "type":
        wanted = error.validator_value
        wanted = " or ".join(wanted) if isinstance(wanted, list) else wanted
        return f"{where}: must be {_article(wanted)}, not {json.dumps(value)[:40]}"
    return f"{where}: {error.message}"


def _article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _unique(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(lines))
