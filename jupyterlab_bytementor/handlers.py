"""REST handlers under ``<base_url>/bytementor/`` (see docs/architecture.md, "REST")."""

from __future__ import annotations

import copy
import os
import sys
from typing import Any

from packaging.version import InvalidVersion, Version

from jupyter_core.utils import ensure_async
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web

from .base_handler import BytementorHandler, ReplyError, json_errors
from .catalog import Lab, LabFormatError
from .checksums import release_checksums, tampered_cells
from .ledger import LedgerError
from .lock_handlers import ReleaseHandler
from .prediction_handlers import CommitPredictionHandler, PredictionsHandler
from .upgrade import lab_version, upgrade_copy
from .verify_handlers import VerifyCleanHandler

NAMESPACE = "bytementor"
_ID_SEGMENT = r"([^/]+)"
_OWN_PYTHON_COMMANDS = frozenset(
    {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}
)
"""Kernel commands Jupyter replaces by the server's own ``sys.executable``."""


async def kernel_metadata(kernel_spec_manager: Any, name: str) -> dict[str, Any]:
    """Return the ``kernelspec`` and ``language_info`` kernel ``name`` will report, if known.

    JupyterLab writes both into a notebook when its kernel starts, and a fresh copy
    whose metadata differs opens as modified. The server knows them without starting
    the kernel only for an ipykernel running in its own interpreter, as the default
    ``python3`` kernel does; for any other kernel, or when the spec cannot be read, the
    answer is ``{}`` (the copy keeps the release's metadata).
    """
    try:
        spec = await ensure_async(kernel_spec_manager.get_kernel_spec(name))
    except Exception:  # no such kernel, an unreadable spec: nothing to say
        return {}
    argv = list(getattr(spec, "argv", None) or [])
    own_python = bool(argv) and (
        argv[0] in _OWN_PYTHON_COMMANDS
        or os.path.realpath(argv[0]) == os.path.realpath(sys.executable)
    )
    ipykernel = argv[1:3] in (["-m", "ipykernel_launcher"], ["-m", "ipykernel"])
    if not (own_python and ipykernel):
        return {}
    try:
        from ipykernel.ipkernel import IPythonKernel
    except ImportError:
        return {}
    return {
        "kernelspec": {"name": name, "display_name": spec.display_name, "language": spec.language},
        "language_info": copy.deepcopy(dict(IPythonKernel.language_info)),
    }


class CatalogHandler(BytementorHandler):
    """``GET catalog``: stages, tracks, paths and the labs present."""

    @web.authenticated
    @authorized
    @json_errors("read the course catalog")
    async def get(self) -> None:
        """Send the catalog."""
        try:
            body = self.catalog.to_json()
        except LabFormatError as error:
            self.log.error("ByteMentor: %s", error)
            raise ReplyError(
                500, "The course file is missing or invalid: see the server log."
            ) from None
        self.send_json(body)


class OpenLabHandler(BytementorHandler):
    """``POST labs/<id>/open``: create the learner's copy on first use, never overwrite."""

    @web.authenticated
    @authorized
    @json_errors("create your copy of the lab")
    async def post(self, lab_id: str) -> None:
        """Send ``{"path", "created"}``, the copy's path relative to the server root."""
        lab = self.find_lab(lab_id)
        path = url_path_join(self.workspace_dir, f"{lab.id}.ipynb").lstrip("/")
        async with self.open_lock:
            created = await self._create_if_missing(path, lab)
        if created:
            self.log.info("ByteMentor: created %s from lab %s %s", path, lab.id, lab.version)
        self.send_json({"path": path, "created": created})

    async def _create_if_missing(self, path: str, lab: Lab) -> bool:
        cm = self.contents_manager
        if await ensure_async(cm.file_exists(path)):
            return False
        if await ensure_async(cm.dir_exists(path)):
            raise ReplyError(409, f"'{path}' is a folder: rename it to open this lab.")
        folder = ""
        for part in [part for part in self.workspace_dir.split("/") if part]:
            folder = url_path_join(folder, part).lstrip("/")
            if await ensure_async(cm.file_exists(folder)):
                raise ReplyError(409, f"'{folder}' is a file, but labs are stored in it.")
            if not await ensure_async(cm.dir_exists(folder)):
                await ensure_async(cm.save({"type": "directory"}, folder))
        content = lab.released
        kernel = content.metadata.get("kernelspec", {}).get("name")
        known = await kernel_metadata(self.kernel_spec_manager, kernel) if kernel else {}
        if known:
            content = copy.deepcopy(content)
            content.metadata.update(known)
        model = {"type": "notebook", "format": "json", "content": content}
        await ensure_async(cm.save(model, path))
        return True


class LabTestsHandler(BytementorHandler):
    """``GET labs/<id>/tests``: the pristine (visible and hidden) tests of the release."""

    @web.authenticated
    @authorized
    @json_errors("read the lab's tests")
    async def get(self, lab_id: str) -> None:
        """Send ``{"lab", "version", "exercises"}``."""
        lab = self.find_lab(lab_id)
        self.send_json({"lab": lab.id, "version": lab.version, **lab.tests})


class CopiesHandler(BytementorHandler):
    """``GET copies``: the learner's copies of the course's labs and their versions."""

    @web.authenticated
    @authorized
    @json_errors("look for your copies of the labs")
    async def get(self) -> None:
        """Send ``{"copies": {lab id: {"path", "version"}}}`` for the copies that exist.

        ``version`` is null for a copy that is no longer a readable lab notebook.
        """
        cm = self.contents_manager
        copies: dict[str, dict[str, Any]] = {}
        for lab_id in self.catalog.labs():
            path = url_path_join(self.workspace_dir, f"{lab_id}.ipynb").lstrip("/")
            if not await ensure_async(cm.file_exists(path)):
                continue
            try:
                model = await ensure_async(cm.get(path, content=True, type="notebook"))
                version = lab_version(model["content"])
            except Exception:  # a copy the learner broke: still report that it exists
                version = None
            copies[lab_id] = {"path": path, "version": version}
        self.send_json({"copies": copies})


class VerifyHandler(BytementorHandler):
    """``POST labs/<id>/verify``: which locked cells of a learner's copy are not intact."""

    @web.authenticated
    @authorized
    @json_errors("compare your notebook with the lab")
    async def post(self, lab_id: str) -> None:
        """Given ``{"version", "cells"}``, send ``{"lab", "version", "current", "tampered"}``.

        ``current`` is false when the copy is of another version: its locked cells are
        then not compared (an upgrade brings them up to date).
        """
        lab = self.find_lab(lab_id)
        body = self.json_body()
        cells = _cells_of(body)
        current = body.get("version") == lab.version
        tampered = []
        if current:
            expected = release_checksums(self.checksum_key, lab.released)
            tampered = tampered_cells(self.checksum_key, expected, lab.released, cells)
        self.send_json(
            {"lab": lab.id, "version": lab.version, "current": current, "tampered": tampered}
        )


def _is_newer(version: str | None, than: str) -> bool:
    """Whether lab version ``version`` is later than ``than`` (unreadable versions are not)."""
    try:
        return Version(str(version)) > Version(than)
    except InvalidVersion:
        return False


def _cells_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The notebook cells of a request body, shaped as nbformat writes them, or a 400."""
    cells = body.get("cells")
    if not isinstance(cells, list) or not all(_is_cell(cell) for cell in cells):
        raise ReplyError(
            400,
            "'cells' must be a list of the notebook's cells, each with a string 'id' and "
            "'cell_type', a string 'source' and an object 'metadata'.",
        )
    return cells


def _is_cell(cell: Any) -> bool:
    return (
        isinstance(cell, dict)
        and isinstance(cell.get("id", ""), str)
        and isinstance(cell.get("cell_type", ""), str)
        and isinstance(cell.get("source", ""), str)
        and isinstance(cell.get("metadata", {}), dict)
    )


class UpgradeHandler(BytementorHandler):
    """``POST labs/<id>/upgrade``: bring a learner's copy to the current release."""

    @web.authenticated
    @authorized
    @json_errors("upgrade your copy of the lab")
    async def post(self, lab_id: str) -> None:
        """Given ``{"path"}`` (default: the usual copy), upgrade it and keep a backup.

        Sends ``{"path", "backup", "from", "to", "answersKept", "addedKept", "orphaned"}``.
        """
        lab = self.find_lab(lab_id)
        default = url_path_join(self.workspace_dir, f"{lab.id}.ipynb").lstrip("/")
        path = self.json_body().get("path", default)
        if not isinstance(path, str) or not path.endswith(".ipynb"):
            raise ReplyError(400, "'path' must be the path of a notebook.")
        cm = self.contents_manager
        async with self.open_lock:
            if not await ensure_async(cm.file_exists(path)):
                raise ReplyError(404, f"There is no notebook at '{path}'.")
            model = await ensure_async(cm.get(path, content=True, type="notebook"))
            old = model["content"]
            meta_lab = old.get("metadata", {}).get("bytementor", {}).get("lab", {})
            if not isinstance(meta_lab, dict) or meta_lab.get("id") != lab.id:
                raise ReplyError(409, f"'{path}' is not a copy of the lab '{lab.id}'.")
            version = lab_version(old)
            if version == lab.version:
                raise ReplyError(409, f"'{path}' is already at version {lab.version}.")
            if _is_newer(version, lab.version):
                raise ReplyError(
                    409,
                    f"'{path}' is at version {version}, newer than the course's "
                    f"{lab.version}: it is not downgraded.",
                )
            backup = await self._free_path(path, version or "unknown")
            await ensure_async(cm.save({"type": "notebook", "format": "json", "content": old},
                                       backup))
            result = upgrade_copy(old, lab.released, self._revealed(lab))
            await ensure_async(cm.save(
                {"type": "notebook", "format": "json", "content": result.notebook}, path))
        self.log.info("ByteMentor: upgraded %s from %s to %s (backup %s)",
                      path, version, lab.version, backup)
        self.send_json({
            "path": path, "backup": backup, "from": version, "to": lab.version,
            "answersKept": result.answers_kept, "addedKept": result.added_kept,
            "orphaned": result.orphaned,
        })

    def _revealed(self, lab: Lab) -> dict[str, str]:
        """The reveal cells the learner has opened, by committing their prediction."""
        try:
            committed = self.ledger.of_lab(lab.id)
        except LedgerError as error:
            self.log.warning("ByteMentor: %s; reveals reopen when the ledger is mended", error)
            return {}
        return {reveal["id"]: reveal["source"]
                for exercise in committed if exercise in lab.predictions
                for reveal in lab.predictions[exercise]["reveals"]}

    async def _free_path(self, path: str, version: str) -> str:
        stem = path[: -len(".ipynb")]
        safe = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in version)
        candidate, n = f"{stem}.v{safe}.backup.ipynb", 2
        while await ensure_async(self.contents_manager.file_exists(candidate)):
            candidate, n = f"{stem}.v{safe}.backup-{n}.ipynb", n + 1
        return candidate


def routes() -> list[tuple[str, type[APIHandler]]]:
    """Return the URL patterns, relative to ``base_url``, and their handlers."""
    labs = url_path_join(NAMESPACE, "labs", _ID_SEGMENT)
    return [
        (url_path_join(NAMESPACE, "catalog"), CatalogHandler),
        (url_path_join(NAMESPACE, "copies"), CopiesHandler),
        (url_path_join(labs, "open"), OpenLabHandler),
        (url_path_join(labs, "tests"), LabTestsHandler),
        (url_path_join(labs, "release"), ReleaseHandler),
        (url_path_join(labs, "verify"), VerifyHandler),
        (url_path_join(labs, "upgrade"), UpgradeHandler),
        (url_path_join(labs, "predictions"), PredictionsHandler),
        (url_path_join(labs, "predictions", _ID_SEGMENT), CommitPredictionHandler),
        (url_path_join(labs, "verify-clean"), VerifyCleanHandler),
    ]
