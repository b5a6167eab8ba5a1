"""The lab test modules' kernel: the package's `LabKernel`, importing this checkout's code.

`LabKernel(nb)` starts a fresh ipykernel that imports `bytementor` from this
checkout (not an older installed copy), in the repository's folder, so labs find
their shipped data as a learner's kernel does.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat

from jupyterlab_bytementor import verify
from jupyterlab_bytementor.catalog import load_lab
from jupyterlab_bytementor.release import role_of

REPO = Path(__file__).resolve().parent.parent


class LabKernel(verify.LabKernel):
    """`jupyterlab_bytementor.verify.LabKernel` on this checkout's kernel library."""

    def __init__(self, nb, *, allow_errors: bool = False, timeout: int = 120):
        """Run `nb` in the repository's folder with the repository first on PYTHONPATH."""
        super().__init__(nb, allow_errors=allow_errors, timeout=timeout, cwd=REPO,
                         python_path=[str(REPO)])


class SolvedLab:
    """A lab's source notebook run in a kernel: its answers, its pristine tests.

    `try_variant` replaces one exercise's answer with another learner's code, checks
    the exercise with the pristine tests, puts the reference answer back, and asserts
    the verdict and, when given, a phrase of the failure messages.
    """

    def __init__(self, path: Path):
        """Prepare to run the source notebook at `path`."""
        self.source = nbformat.read(path, as_version=4)
        self.tests = load_lab(path).tests["exercises"]
        self.answers: dict[str, list[str]] = {}
        for cell in self.source.cells:
            if role_of(cell) == "learner":
                exercise = cell.metadata["bytementor"]["exercise"]
                self.answers.setdefault(exercise, []).append(cell.source)
        self.kernel = LabKernel(self.source)

    def __enter__(self) -> "SolvedLab":
        self.kernel.__enter__()
        self.kernel.run_notebook()
        return self

    def __exit__(self, *exc_info) -> None:
        self.kernel.__exit__(*exc_info)

    def try_variant(self, exercise: str, code: str, should_pass: bool, phrase: str | None):
        """Check `exercise` with `code` as its answer; assert the verdict (see the class)."""
        kernel = self.kernel
        try:
            errors = [m for m in kernel.run(textwrap.dedent(code)) if m["msg_type"] == "error"]
            assert not errors, errors[0]["content"]
            verdict = kernel.check(exercise, self.tests[exercise]["tests"])
        finally:
            for answer in self.answers[exercise]:
                kernel.run(answer)
        messages = [test["message"] for test in verdict["tests"] if not test["passed"]]
        assert verdict["passed"] is should_pass, messages
        if phrase:
            assert any(phrase in message for message in messages), messages


def thinly_tested(path: Path, cases: dict) -> list[str]:
    """Exercises of the lab at `path` with fewer than two passing and two failing `cases`.

    `cases` maps a case name to `(exercise, code, passes, phrase)`, as `try_variant` takes.
    """
    thin = []
    for exercise in load_lab(path).entry["exercises"]:
        outcomes = [passes for ex, _, passes, _ in cases.values() if ex == exercise["id"]]
        if outcomes.count(True) < 2 or outcomes.count(False) < 2:
            thin.append(exercise["id"])
    return thin
