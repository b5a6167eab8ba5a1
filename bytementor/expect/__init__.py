"""Assertions lab tests are written with: `from bytementor.expect import expect_close`.

Every helper checks the kind (and shape) of the learner's value first, turns
it into plain trusted data (a `float`, a plain `numpy.ndarray`, a `list`),
and only then compares it with the expected value, so a learner object whose
`__eq__` always says yes cannot pass. Failures raise `AssertionError` with a
message written for the learner, naming `what` was checked, what was
expected and what came back, e.g.::

    mse([1, 2], [1, 4]) should be 2.0 but your function returned 4.0

- `values`: `expect_equal`, `expect_close`, `expect_shape`, `expect_true`;
- `calls`: `expect_raises`, `expect_cases` (a function on several inputs),
  `expect_fast` (a time budget);
- `frames`: `expect_frame`, `expect_series` (pandas).
"""

from .calls import expect_cases, expect_fast, expect_raises
from .frames import expect_frame, expect_series
from .values import expect_close, expect_equal, expect_shape, expect_true

__all__ = ["expect_cases", "expect_close", "expect_equal", "expect_fast", "expect_frame",
           "expect_raises", "expect_series", "expect_shape", "expect_true"]
