"""The lab catalog: the course file plus every lab source notebook under ``labs_dir``.

Each ``stage*/*.ipynb`` notebook is read once per modification time; a notebook that
breaks the lab format is left out with a warning naming the file and the problem, so
one bad lab never hides the others.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from .release import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    END_HIDDEN,
    END_SOLUTION,
    ROLES,
    ReleaseError,
    pristine_tests,
    release_notebook,
    role_of,
)

FORMAT = 1
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
"""Lab and exercise ids: lowercase ASCII letters, digits and hyphens, at most 64 long.

They become file names, settings keys and room names, so they are kept this plain.
"""
_STAGE_DIR = re.compile(r"^stage(\d+)(?:-|$)")
_ROLES_WITH_OPTIONAL_EXERCISE = frozenset({"instructions", "setup"})


class LabFormatError(ValueError):
    """A source notebook that is not a valid version-1 lab."""


def is_valid_id(value: object) -> bool:
    """Return whether ``value`` is a valid lab or exercise id (see ``ID_PATTERN``)."""
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


@dataclass(frozen=True)
class Lab:
    """One valid lab: its catalog entry, its release and its pristine tests."""

    path: Path
    entry: dict[str, Any]
    released: NotebookNode
    tests: dict[str, Any]

    @property
    def id(self) -> str:
        """The lab id."""
        return self.entry["id"]

    @property
    def version(self) -> str:
        """The lab version."""
        return self.entry["version"]


def load_lab(path: Path) -> Lab:
    """Read and check the source notebook at ``path``; raise LabFormatError if it is bad."""
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as error:  # nbformat raises many kinds: JSON, schema, OS errors
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise LabFormatError(f"not a readable notebook: {first_line}") from None
    meta = nb.metadata.get("bytementor")
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise LabFormatError(f"metadata.bytementor.format must be {FORMAT}")
    entry = _lab_entry(meta.get("lab"))
    folder = _STAGE_DIR.match(path.parent.name)
    if folder and int(folder.group(1)) != entry["stage"]:
        raise LabFormatError(f"stage {entry['stage']} does not match folder {path.parent.name}")
    _check_cells(nb, {exercise["id"] for exercise in entry["exercises"]})
    try:
        released = release_notebook(nb)
        tests = pristine_tests(nb)
    except ReleaseError as error:
        raise LabFormatError(str(error)) from None
    return Lab(path=path, entry=entry, released=released, tests=tests)


def _lab_entry(lab: object) -> dict[str, Any]:
    if not isinstance(lab, dict):
        raise LabFormatError("metadata.bytementor.lab is missing")
    if not is_valid_id(lab.get("id")):
        raise LabFormatError(f"lab id {lab.get('id')!r} does not match {ID_PATTERN.pattern}")
    for key in ("version", "title", "track"):
        if not isinstance(lab.get(key), str) or not lab[key].strip():
            raise LabFormatError(f"lab {key} must be a non-empty string")
    for key in ("stage", "minutes"):
        if not isinstance(lab.get(key), int) or isinstance(lab[key], bool) or lab[key] < 1:
            raise LabFormatError(f"lab {key} must be a positive integer")
    for key in ("skills", "requires"):
        value = lab.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise LabFormatError(f"lab {key} must be a list of strings")
    exercises = lab.get("exercises")
    if not isinstance(exercises, list) or not exercises:
        raise LabFormatError("lab exercises must be a non-empty list")
    seen: set[str] = set()
    checked = []
    for exercise in exercises:
        if not isinstance(exercise, dict) or not is_valid_id(exercise.get("id")):
            raise LabFormatError(f"exercise {exercise!r} has no valid id ({ID_PATTERN.pattern})")
        if exercise["id"] in seen:
            raise LabFormatError(f"exercise id {exercise['id']!r} appears twice")
        seen.add(exercise["id"])
        points = exercise.get("points", 1)
        if not isinstance(points, (int, float)) or isinstance(points, bool) or points < 0:
            raise LabFormatError(f"exercise {exercise['id']!r}: points must be a number >= 0")
        title = exercise.get("title")
        if not isinstance(title, str) or not title.strip():
            raise LabFormatError(f"exercise {exercise['id']!r}: title must be a non-empty string")
        checked.append({"id": exercise["id"], "title": title, "points": points})
    return {
        "id": lab["id"],
        "version": lab["version"],
        "title": lab["title"],
        "stage": lab["stage"],
        "track": lab["track"],
        "minutes": lab["minutes"],
        "skills": list(lab.get("skills", [])),
        "requires": list(lab.get("requires", [])),
        "exercises": checked,
    }


def _check_cells(nb: NotebookNode, exercises: set[str]) -> None:
    """Check roles, exercise references, ids and that markers sit only where released."""
    for index, cell in enumerate(nb.cells):
        role = role_of(cell)
        where = f"cell {index}"
        if "bytementor" in cell.metadata and role is None:
            raise LabFormatError(f"{where}: metadata.bytementor has no role")
        if role is not None:
            if role not in ROLES:
                raise LabFormatError(f"{where}: unknown role {role!r}")
            if not cell.get("id"):
                raise LabFormatError(f"{where}: a role cell needs an id (nbformat 4.5 or later)")
            exercise = cell.metadata["bytementor"].get("exercise")
            if exercise is None and role not in _ROLES_WITH_OPTIONAL_EXERCISE:
                raise LabFormatError(f"{where}: a {role} cell needs an exercise")
            if exercise is not None and (
                not isinstance(exercise, str) or exercise not in exercises
            ):
                raise LabFormatError(f"{where}: exercise {exercise!r} is not in the lab metadata")
        if role != "learner" and (BEGIN_SOLUTION in cell.source or END_SOLUTION in cell.source):
            raise LabFormatError(f"{where}: solution markers outside a learner cell would leak")
        if role != "test" and (BEGIN_HIDDEN in cell.source or END_HIDDEN in cell.source):
            raise LabFormatError(f"{where}: hidden-test markers outside a test cell would leak")


class Catalog:
    """The course and its labs, read from ``labs_dir`` and cached per file mtime."""

    def __init__(self, labs_dir: Path | str, log: logging.Logger | None = None) -> None:
        """Serve the course under ``labs_dir``, reporting bad labs to ``log``."""
        self.labs_dir = Path(labs_dir)
        self.log = log or logging.getLogger(__name__)
        self._files: dict[Path, tuple[tuple[int, int], Lab | None]] = {}
        self._course: tuple[tuple[int, int], dict[str, Any]] | None = None

    def course(self) -> dict[str, Any]:
        """Return ``course.json``; raise LabFormatError when it is missing or unreadable."""
        path = self.labs_dir / "course.json"
        try:
            stamp = _stamp(path)
            if self._course is None or self._course[0] != stamp:
                with path.open(encoding="utf-8") as file:
                    self._course = (stamp, json.load(file))
        except (OSError, ValueError) as error:
            raise LabFormatError(f"cannot read the course file {path}: {error}") from None
        return self._course[1]

    def labs(self) -> dict[str, Lab]:
        """Return the valid labs by id, re-reading only notebooks changed on disk."""
        paths = sorted(self.labs_dir.glob("stage*/*.ipynb"))
        for gone in set(self._files) - set(paths):
            del self._files[gone]
        found: dict[str, Lab] = {}
        for path in paths:
            lab = self._load(path)
            if lab is None:
                continue
            if lab.id in found:
                self.log.warning(
                    "ByteMentor: skipping lab %s: id %r is already used by %s",
                    path,
                    lab.id,
                    found[lab.id].path,
                )
                continue
            found[lab.id] = lab
        return found

    def get(self, lab_id: str) -> Lab | None:
        """Return the lab ``lab_id``, or None if there is no valid lab with that id."""
        return self.labs().get(lab_id)

    def to_json(self) -> dict[str, Any]:
        """Return the catalog the ``GET /bytementor/catalog`` endpoint sends."""
        course = self.course()
        labs = self.labs()
        ordered: list[str] = []
        stages = []
        for stage in course.get("stages", []):
            planned = [lab_id for lab_id in stage.get("planned", []) if lab_id in labs]
            extra = sorted(
                lab.id
                for lab in labs.values()
                if lab.entry["stage"] == stage["number"] and lab.id not in planned
            )
            stage_labs = planned + extra
            ordered.extend(stage_labs)
            public = {key: value for key, value in stage.items() if key != "planned"}
            stages.append({**public, "labs": stage_labs})
        ordered.extend(sorted(set(labs) - set(ordered)))
        return {
            "format": FORMAT,
            "stages": stages,
            "tracks": course.get("tracks", []),
            "paths": course.get("paths", []),
            "milestones": course.get("milestones", []),
            "guidance": course.get("guidance", []),
            "labs": [labs[lab_id].entry for lab_id in ordered],
        }

    def _load(self, path: Path) -> Lab | None:
        try:
            stamp = _stamp(path)
        except OSError:
            return None
        cached = self._files.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        lab: Lab | None = None
        try:
            lab = load_lab(path)
        except LabFormatError as error:
            self.log.warning("ByteMentor: skipping lab %s: %s", path, error)
        except Exception:  # a check this module lacks: still keep the other labs
            self.log.exception("ByteMentor: skipping lab %s: unexpected error", path)
        self._files[path] = (stamp, lab)
        return lab


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size
