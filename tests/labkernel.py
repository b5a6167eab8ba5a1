"""The lab test modules' kernel: the package's `LabKernel`, importing this checkout's code.

`LabKernel(nb)` starts a fresh ipykernel that imports `bytementor` from this
checkout (not an older installed copy), in the repository's folder, so labs find
their shipped data as a learner's kernel does.
"""

from __future__ import annotations

from pathlib import Path

from jupyterlab_bytementor import verify

REPO = Path(__file__).resolve().parent.parent


class LabKernel(verify.LabKernel):
    """`jupyterlab_bytementor.verify.LabKernel` on this checkout's kernel library."""

    def __init__(self, nb, *, allow_errors: bool = False, timeout: int = 120):
        """Run `nb` in the repository's folder with the repository first on PYTHONPATH."""
        super().__init__(nb, allow_errors=allow_errors, timeout=timeout, cwd=REPO,
                         python_path=[str(REPO)])
