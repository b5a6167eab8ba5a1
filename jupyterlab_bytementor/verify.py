"""Run a lab notebook top to bottom in a fresh kernel and check every exercise.

This is the check protocol of ``docs/architecture.md`` run from the server side: nbclient
executes the notebook's code cells in order, then, in that same kernel, each exercise
is checked with its pristine tests in one silent execute request, exactly as the
frontend's "Check answer" sends it. ``jupyter bytementor validate`` uses it to prove
that a lab's solutions pass and its released stubs fail.
"""

from __future__ import annotations

import copy
import json
import os
import time
from dataclasses import dataclass, field
from typing import Any

from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbformat import NotebookNode, v4

from .release import role_of

MIME_TYPE = "application/vnd.bytementor.check+json"
"""The verdict's MIME type (``bytementor.runner.MIME_TYPE``; no kernel-library import here)."""


def check_code(exercise: str, tests: list[dict[str, str]]) -> str:
    """The code of a check request, built as ``src/check/protocol.ts`` builds it."""
    return (
        "import bytementor.runner as __bytementor_runner__\n"
        "try:\n"
        f"    __bytementor_runner__.run_check({json.dumps(exercise)}, "
        f"{json.dumps(json.dumps(tests))})\n"
        "finally:\n"
        "    del __bytementor_runner__\n"
    )


class LabKernel:
    """A fresh kernel that runs a lab notebook with nbclient, then answers check requests."""

    def __init__(
        self,
        nb: NotebookNode,
        *,
        allow_errors: bool = False,
        timeout: float = 120,
        cwd: str | os.PathLike[str] | None = None,
        python_path: list[str] | None = None,
        kernel_name: str = "python3",
    ) -> None:
        """Prepare to run ``nb``; ``allow_errors`` lets cells fail (as released stubs do).

        ``timeout`` bounds each cell and each check (seconds); ``python_path`` is put in
        front of the kernel's PYTHONPATH (a source checkout's ``bytementor``, say).
        """
        self.nb = nb
        self.timeout = timeout
        self.python_path = python_path or []
        self.client = NotebookClient(
            nb, timeout=int(timeout), kernel_name=kernel_name, allow_errors=allow_errors,
            resources={"metadata": {"path": str(cwd or os.getcwd())}},
            # The kernel's own start-up warnings say nothing about the lab.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
        self._context: Any = None

    def __enter__(self) -> LabKernel:
        env = dict(os.environ)
        path = [*self.python_path, env.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(p for p in path if p)
        self._context = self.client.setup_kernel(env=env)
        self._context.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._context.__exit__(*exc_info)

    def run_cell(self, index: int) -> None:
        """Execute code cell ``index`` (raises CellExecutionError unless errors are allowed)."""
        self.client.execute_cell(self.nb.cells[index], index)

    def run_notebook(self) -> None:
        """Execute every code cell in order."""
        for index, cell in enumerate(self.nb.cells):
            if cell.cell_type == "code":
                self.run_cell(index)

    def run(self, code: str) -> list[dict[str, Any]]:
        """Run ``code`` as a silent request; return its IOPub messages (outputs and errors)."""
        return run_sync(self._silent)(code)

    def check(self, exercise: str, tests: list[dict[str, str]]) -> dict[str, Any]:
        """Send the check request for ``exercise``; return the one verdict it published."""
        messages = self.run(check_code(exercise, tests))
        errors = [m["content"] for m in messages if m["msg_type"] == "error"]
        if errors:
            raise RuntimeError(f"the check request itself failed: {errors[0].get('evalue')}")
        verdicts = [m["content"]["data"][MIME_TYPE] for m in messages
                    if m["msg_type"] == "display_data" and MIME_TYPE in m["content"]["data"]]
        if len(verdicts) != 1:
            raise RuntimeError(f"expected one verdict from the check, got {len(verdicts)}")
        return verdicts[0]

    def user_names(self) -> set[str]:
        """The names in the kernel's user namespace."""
        messages = self.run("print(__import__('json').dumps(sorted(get_ipython().user_ns)))")
        text = "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")
        return set(json.loads(text))

    async def _silent(self, code: str) -> list[dict[str, Any]]:
        kc = self.client.kc
        msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        deadline = time.monotonic() + self.timeout
        messages = []
        while True:
            msg = await kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            messages.append(msg)
        while True:  # take our reply off the shell channel so it cannot confuse nbclient
            reply = await kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return messages


@dataclass
class ExerciseResult:
    """How one exercise fared: its verdict (or why there is none) and its time."""

    exercise: str
    passed: bool
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)
    problem: str | None = None
    """Set when the exercise could not be checked at all (a time-out, a dead kernel)."""


def verify_notebook(
    nb: NotebookNode,
    tests: dict[str, Any],
    *,
    allow_errors: bool = True,
    timeout: float = 120,
    cwd: str | os.PathLike[str] | None = None,
    python_path: list[str] | None = None,
) -> list[ExerciseResult]:
    """Run ``nb`` top to bottom in a fresh kernel, then check each exercise of ``tests``.

    ``tests`` is ``pristine_tests(source)``. Each exercise's time is that of its own
    cells plus its check; one over ``timeout`` seconds fails that exercise. Cells that
    raise are allowed by default (a learner's unfinished answer, a released stub); a
    cell that times out or kills the kernel fails every exercise not yet checked.
    """
    exercises = list(tests["exercises"])
    spent = dict.fromkeys(exercises, 0.0)
    with LabKernel(nb, allow_errors=allow_errors, timeout=timeout, cwd=cwd,
                   python_path=python_path) as kernel:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            exercise = cell.metadata.get("bytementor", {}).get("exercise")
            started = time.monotonic()
            try:
                kernel.run_cell(index)
            except (CellTimeoutError, DeadKernelError, CellExecutionError) as error:
                reason = _cell_failure(index, cell, error, timeout)
                return [ExerciseResult(e, False, spent[e], problem=reason) for e in exercises]
            if exercise in spent:
                spent[exercise] += time.monotonic() - started
        return [_check(kernel, exercise, tests["exercises"][exercise]["tests"],
                       spent[exercise], timeout) for exercise in exercises]


def _check(kernel: LabKernel, exercise: str, tests: list[dict[str, str]],
           spent: float, timeout: float) -> ExerciseResult:
    started = time.monotonic()
    try:
        verdict = kernel.check(exercise, tests)
    except (TimeoutError, RuntimeError) as error:
        problem = str(error) or f"the check did not finish within {timeout:g} s"
        return ExerciseResult(exercise, False, spent + time.monotonic() - started,
                              problem=problem)
    seconds = spent + time.monotonic() - started
    messages = [f"{t['name']}: {t['message']}" for t in verdict["tests"] if not t["passed"]]
    result = ExerciseResult(exercise, bool(verdict["passed"]), seconds, messages)
    if seconds > timeout:
        result.passed = False
        result.problem = f"took {seconds:.0f} s, over the limit of {timeout:g} s"
    return result


def _cell_failure(index: int, cell: NotebookNode, error: Exception, timeout: float) -> str:
    role = role_of(cell) or "learner's own"
    if isinstance(error, CellTimeoutError):
        return f"the {role} cell {index} ({cell.get('id')}) ran longer than {timeout:g} s"
    if isinstance(error, DeadKernelError):
        return f"the kernel died while running the {role} cell {index} ({cell.get('id')})"
    name = getattr(error, "ename", type(error).__name__)
    return f"the {role} cell {index} ({cell.get('id')}) raised {name}"


def setup_failures_with_stubs(
    released: NotebookNode,
    *,
    timeout: float = 120,
    cwd: str | os.PathLike[str] | None = None,
    python_path: list[str] | None = None,
) -> list[str]:
    """How setup cells fail while every answer is still a stub, one phrase per cell.

    Before its tests, a check runs every setup and answer cell up to its exercise
    (``cellsToRun`` in ``src/lab/roles.ts``); checking the last exercise runs them all.
    A setup cell that calls the learner's functions would then stop every check with
    "a setup cell failed" until every answer above it works: plots of the learner's
    work belong in plain cells. This replays those cells on the released stubs.
    """
    cells = [copy.deepcopy(cell) for cell in released.cells
             if cell.cell_type == "code" and role_of(cell) in ("setup", "learner")]
    replay = v4.new_notebook(cells=cells, metadata=released.metadata)
    with LabKernel(replay, allow_errors=True, timeout=timeout, cwd=cwd,
                   python_path=python_path) as kernel:
        for index, cell in enumerate(replay.cells):
            try:
                kernel.run_cell(index)
            except (CellTimeoutError, DeadKernelError) as error:
                return [_cell_failure(index, cell, error, timeout)]
    return [f"setup cell {cell.id} raised {output.ename}"
            for cell in replay.cells if role_of(cell) == "setup"
            for output in cell.outputs if output.output_type == "error"]
