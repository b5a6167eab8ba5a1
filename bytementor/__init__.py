"""ByteMentor's kernel library: what lab code and lab tests import in the kernel.

- `bytementor.runner.run_check` runs an exercise's tests in the learner's
  kernel and publishes the verdict for the frontend.
- `bytementor.expect` holds the assertion helpers lab tests are written with.

The library depends on the standard library only (NumPy and IPython are used
when present) and never imports Jupyter Server.
"""

__all__ = ["expect", "runner"]
