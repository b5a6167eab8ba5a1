"""Run a lab notebook in a real kernel with nbclient, then check exercises as the frontend does.

Test helper (not a test module): `LabKernel` starts an ipykernel that can import
`bytementor` from this checkout, runs a notebook top to bottom, and sends the
check request of docs/architecture.md ("Check protocol") as a silent execute
request, returning the verdict published on IOPub.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbformat import NotebookNode

from bytementor.runner import MIME_TYPE

REPO = Path(__file__).resolve().parent.parent


def check_code(exercise: str, tests: list[dict[str, str]]) -> str:
    """The code of a check request, built as `src/check/protocol.ts` builds it."""
    return (
        "import bytementor.runner as __bytementor_runner__\n"
        "try:\n"
        f"    __bytementor_runner__.run_check({json.dumps(exercise)}, "
        f"{json.dumps(json.dumps(tests))})\n"
        "finally:\n"
        "    del __bytementor_runner__\n"
    )


class LabKernel:
    """A kernel that runs a lab notebook with nbclient and then answers check requests."""

    def __init__(self, nb: NotebookNode, *, allow_errors: bool = False, timeout: int = 120):
        """Prepare to run `nb`; `allow_errors` lets cells fail (as released stubs do)."""
        self.nb = nb
        self.timeout = timeout
        self.client = NotebookClient(
            nb, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
            resources={"metadata": {"path": str(REPO)}},
        )
        self._context = None

    def __enter__(self) -> "LabKernel":
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
        self._context = self.client.setup_kernel(env=env)
        self._context.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._context.__exit__(*exc_info)

    def run_notebook(self) -> None:
        """Execute every cell in order (raises CellExecutionError unless errors are allowed)."""
        for index, cell in enumerate(self.nb.cells):
            if cell.cell_type == "code":
                self.client.execute_cell(cell, index)

    def run(self, code: str) -> list[dict[str, Any]]:
        """Run `code` as a silent request; return its IOPub messages (outputs and errors)."""
        return run_sync(self._silent)(code)

    def check(self, exercise: str, tests: list[dict[str, str]]) -> dict[str, Any]:
        """Send the check request for `exercise`; return the one verdict it published."""
        messages = self.run(check_code(exercise, tests))
        errors = [m["content"] for m in messages if m["msg_type"] == "error"]
        assert not errors, f"the check request itself failed: {errors}"
        verdicts = [m["content"]["data"][MIME_TYPE] for m in messages
                    if m["msg_type"] == "display_data" and MIME_TYPE in m["content"]["data"]]
        assert len(verdicts) == 1, f"expected one verdict, got {len(verdicts)}"
        return verdicts[0]

    def user_names(self) -> set[str]:
        """The names in the kernel's user namespace."""
        messages = self.run("print(sorted(get_ipython().user_ns))")
        text = "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")
        return set(eval(text))  # noqa: S307 - our own kernel's repr of a list of str

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
