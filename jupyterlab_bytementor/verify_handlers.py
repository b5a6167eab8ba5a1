"""``POST labs/<id>/verify-clean``: run a learner's saved copy in a fresh kernel.

"Check answer" judges the learner's live kernel, whose state may hold names a cell
they since deleted once defined. This run starts from nothing: the saved notebook,
with every locked cell as the release has it (a tampered test or setup cell runs as
released), top to bottom in a new kernel (nbclient), then each exercise checked with
the release's pristine tests, hidden ones included. The server saves nothing.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import os
import threading
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server.auth.decorator import authorized
from nbformat import NotebookNode, from_dict
from tornado import web

from .base_handler import BytementorHandler, ReplyError, json_errors
from .catalog import Lab
from .release import LOCKED_ROLES, role_of
from .upgrade import lab_version
from .verify import ExerciseResult, verify_notebook

MAX_CLEAN_KERNELS = 2
"""Clean-kernel runs at once on this server: each starts a kernel, so no more than this."""

CELL_TIMEOUT = 60.0
"""Seconds one cell, or one exercise's check, may take in a clean run."""

_slots = threading.BoundedSemaphore(MAX_CLEAN_KERNELS)


def pristine_copy(saved: NotebookNode, released: NotebookNode) -> NotebookNode:
    """The learner's ``saved`` notebook with every locked cell as ``released`` has it.

    The learner's answers and the cells they added stay where they are; a locked cell
    is replaced by the release's cell of the same id, and a cell claiming a locked role
    that the release does not have (a forged test, say) is left out.
    """
    pristine = {cell.get("id"): cell for cell in released.cells
                if role_of(cell) in LOCKED_ROLES}
    cells = []
    for cell in saved.cells:
        if role_of(cell) in LOCKED_ROLES:
            if cell.get("id") in pristine:
                cells.append(copy.deepcopy(pristine[cell.get("id")]))
        else:
            cells.append(copy.deepcopy(cell))
    nb = copy.deepcopy(saved)
    nb.cells = cells
    return nb


class VerifyCleanHandler(BytementorHandler):
    """``POST labs/<id>/verify-clean`` with ``{"path"}``: the verdict of each exercise."""

    @web.authenticated
    @authorized
    @json_errors("run your notebook in a clean kernel")
    async def post(self, lab_id: str) -> None:
        """Send ``{"lab", "version", "exercises": [{"exercise", "passed", "seconds",
        "messages", "problem"}]}``, in the lab's order.
        """
        lab = self.find_lab(lab_id)
        path = self.json_body().get("path")
        if not isinstance(path, str) or not path.endswith(".ipynb"):
            raise ReplyError(400, "'path' must be the path of a notebook.")
        saved = await self._saved_copy(path, lab)
        if not _slots.acquire(blocking=False):
            raise ReplyError(
                429, "The server is already running other notebooks in clean kernels: "
                "try again in a minute.")
        try:
            # Not asyncio.to_thread: it copies this context, whose event loop (the
            # server's, running) jupyter_core's run_sync would then try to reuse.
            run = functools.partial(verify_notebook, pristine_copy(saved, lab.released),
                                    lab.tests, timeout=CELL_TIMEOUT,
                                    cwd=self._folder_of(path))
            results = await asyncio.get_running_loop().run_in_executor(None, run)
        finally:
            _slots.release()
        self.log.info("ByteMentor: clean run of %s: %d of %d exercises pass", path,
                      sum(r.passed for r in results), len(results))
        self.send_json({"lab": lab.id, "version": lab.version,
                        "exercises": [_result_json(r) for r in results]})

    async def _saved_copy(self, path: str, lab: Lab) -> NotebookNode:
        """The notebook saved at ``path``, checked to be a copy of ``lab`` at its version."""
        cm = self.contents_manager
        if not await ensure_async(cm.file_exists(path)):
            raise ReplyError(404, f"There is no notebook at '{path}': save it first.")
        model = await ensure_async(cm.get(path, content=True, type="notebook"))
        nb = from_dict(model["content"])
        meta = nb.get("metadata", {}).get("bytementor", {})
        meta_lab = meta.get("lab") if isinstance(meta, dict) else None
        if not isinstance(meta_lab, dict) or "id" not in meta_lab:
            raise ReplyError(409, f"'{path}' is not a ByteMentor lab, so there is nothing "
                             "to verify. Open a lab from the roadmap.")
        if meta_lab["id"] != lab.id:
            raise ReplyError(409, f"'{path}' is a copy of the lab '{meta_lab['id']}', "
                             f"not of '{lab.id}'.")
        version = lab_version(nb)
        if version != lab.version:
            raise ReplyError(409, f"'{path}' is of version {version} of the lab, and the "
                             f"course has {lab.version}: upgrade it first.")
        language = nb.get("metadata", {}).get("kernelspec", {}).get("language", "python")
        if language != "python":
            raise ReplyError(409, f"The labs run in Python, but '{path}' uses a "
                             f"{language} kernel.")
        return nb

    def _folder_of(self, path: str) -> str | None:
        """The folder on disk of the notebook at ``path``, for relative file names."""
        root = getattr(self.contents_manager, "root_dir", None)
        if not root:
            return None
        return os.path.join(root, os.path.dirname(path))


def _result_json(result: ExerciseResult) -> dict[str, Any]:
    return {"exercise": result.exercise, "passed": result.passed,
            "seconds": round(result.seconds, 3), "messages": result.messages,
            "problem": result.problem}
