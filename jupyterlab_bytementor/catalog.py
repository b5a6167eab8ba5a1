"""The lab catalog: the course file plus every lab source notebook under ``labs_dir``.

Each ``stage*/*.ipynb`` notebook is read once per modification time; a notebook that
breaks the lab format is left out with a warning naming the file and the problem, so
one bad lab never hides the others.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from .labformat import FORMAT, ID_PATTERN, LabFormatError, is_valid_id, lab_problems
from .release import ReleaseError, predictions, pristine_tests, release_notebook

__all__ = ["FORMAT", "ID_PATTERN", "Catalog", "Lab", "LabFormatError", "is_valid_id", "load_lab"]


@dataclass(frozen=True)
class Lab:
    """One valid lab: its catalog entry, its release and its pristine tests."""

    path: Path
    entry: dict[str, Any]
    released: NotebookNode
    tests: dict[str, Any]
    predictions: dict[str, dict[str, Any]]
    """Each predict-first exercise's answer and reveal cells (``release.predictions``)."""

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
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text)
    except (OSError, ValueError) as error:
        raise LabFormatError(f"not a readable notebook: {_first_line(error)}") from None
    # The lab format's own check first, on the file as written: nbformat would quietly
    # rename a duplicate cell id, and the format's messages name cells as authors do.
    problems = lab_problems(raw, path) if isinstance(raw, dict) else ["not a notebook"]
    if problems:
        raise LabFormatError(problems)
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as error:  # nbformat raises many kinds of validation errors
        raise LabFormatError(f"not a valid notebook: {_first_line(error)}") from None
    try:
        released = release_notebook(nb)
        tests = pristine_tests(nb)
    except ReleaseError as error:  # lab_problems checks markers; kept as a last guard
        raise LabFormatError(str(error)) from None
    return Lab(path=path, entry=_entry(nb.metadata.bytementor.lab), released=released,
               tests=tests, predictions=predictions(nb))


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _entry(lab: dict[str, Any]) -> dict[str, Any]:
    """The catalog entry of a valid lab: its metadata with the optional keys filled in."""
    return {
        "id": lab["id"],
        "version": lab["version"],
        "title": lab["title"],
        "stage": lab["stage"],
        "track": lab["track"],
        "minutes": lab["minutes"],
        "skills": list(lab.get("skills", [])),
        "requires": list(lab.get("requires", [])),
        "exercises": [
            {"id": e["id"], "title": e["title"], "points": e.get("points", 1)}
            for e in lab["exercises"]
        ],
    }


class Catalog:
    """The course and its labs, read from ``labs_dir`` and cached per file mtime."""

    def __init__(self, labs_dir: Path | str, log: logging.Logger | None = None) -> None:
        """Serve the course under ``labs_dir``, reporting bad labs to ``log``."""
        self.labs_dir = Path(labs_dir)
        self.log = log or logging.getLogger(__name__)
        self._files: dict[Path, tuple[tuple[int, int], Lab | None]] = {}
        self._course: tuple[tuple[int, int], dict[str, Any]] | None = None
        self.notices: list[str] = []
        """Messages for the learner about the course's set-up, shown by the roadmap."""

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
        upcoming: list[dict[str, Any]] = []
        for stage in course.get("stages", []):
            planned = [lab_id for lab_id in stage.get("planned", []) if lab_id in labs]
            extra = sorted(
                lab.id
                for lab in labs.values()
                if lab.entry["stage"] == stage["number"] and lab.id not in planned
            )
            stage_labs = planned + extra
            ordered.extend(stage_labs)
            upcoming_ids = [lab_id for lab_id in stage.get("planned", []) if lab_id not in labs]
            upcoming.extend(_upcoming(course, lab_id, stage["number"]) for lab_id in upcoming_ids)
            public = {key: value for key, value in stage.items() if key != "planned"}
            stages.append({**public, "labs": stage_labs, "upcoming": upcoming_ids})
        ordered.extend(sorted(set(labs) - set(ordered)))
        return {
            "format": FORMAT,
            "stages": stages,
            "tracks": course.get("tracks", []),
            "paths": course.get("paths", []),
            "milestones": course.get("milestones", []),
            "guidance": course.get("guidance", []),
            "labs": [labs[lab_id].entry for lab_id in ordered],
            "upcoming": upcoming,
            "unavailable": self.unavailable(),
            "notices": list(self.notices),
        }

    def unavailable(self) -> list[str]:
        """Ids of labs whose notebook is in the course but cannot be loaded (see the log).

        A learner's copy of such a lab is not "removed from the course": the course
        itself has a problem, and the frontend says so.
        """
        found = set()
        for path, (_, lab) in self._files.items():
            if lab is None:
                lab_id = _raw_id(path)
                if lab_id:
                    found.add(lab_id)
        return sorted(found - set(self.labs()))

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


def _upcoming(course: dict[str, Any], lab_id: str, stage: int) -> dict[str, Any]:
    """A lab the course plans but has not released yet, with its estimates if known.

    The roadmap shows it as planned and the pace plan projects the whole course from
    these estimates; an id without one is still listed, with no minutes to count.
    """
    estimate = course.get("estimates", {}).get(lab_id, {})
    return {
        "id": lab_id,
        "title": estimate.get("title", lab_id),
        "stage": stage,
        "track": estimate.get("track", ""),
        "minutes": estimate.get("minutes", 0),
        "exercises": estimate.get("exercises", 0),
        "kind": estimate.get("kind", "notebook"),
    }


def _raw_id(path: Path) -> str | None:
    """The lab id a notebook claims, if it can be read at all."""
    try:
        lab = json.loads(path.read_text(encoding="utf-8"))["metadata"]["bytementor"]["lab"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return lab.get("id") if isinstance(lab, dict) and is_valid_id(lab.get("id")) else None


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size
