"""Calling the learner's function: an exception it must raise, several cases, a time budget."""

import contextlib
import time

from .values import _show, expect_equal


class Raised:
    """What `expect_raises` caught: `exception` is set once the block has raised."""

    exception = None


@contextlib.contextmanager
def expect_raises(exception, what, match=None):
    """Check that the block raises `exception` (or a subclass), e.g.::

        with expect_raises(ValueError, what="mse([], [])", match="empty"):
            mse([], [])

    `match`, when given, is text the exception's message must contain. A
    `NotImplementedError` the test does not ask for is let through, so an
    unwritten answer still says "Not written yet"; so are `KeyboardInterrupt`
    and `SystemExit`, which the runner reports itself.
    """
    raised = Raised()
    expected = exception.__name__
    try:
        yield raised
    except exception as err:
        raised.exception = err
        text = _message(err)
        if match is not None and match not in text:
            raise AssertionError(f"{what} should raise {expected} with a message that "
                                 f"mentions {match!r}, but its message was {_clip(repr(text))}"
                                 ) from None
        return
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 - any other exception is the learner's mistake
        raise AssertionError(f"{what} should raise {expected} but it raised "
                             f"{_raised(err)}") from None
    raise AssertionError(f"{what} should raise {expected} but it finished without an error")


def expect_cases(function, cases, compare=expect_equal, name=None, **options):
    """Call `function` on each case and compare, stopping at the first failing case.

    `cases` is a list of `(args, expected)` pairs, `args` a tuple of positional
    arguments. Each result is checked with `compare(result, expected, what=...,
    **options)` (`expect_equal` by default; `expect_close` with `rtol=`/`atol=`
    for numbers), where `what` names the call, e.g. `mse([1, 2], [1, 4])`, and
    the message says which case of how many failed. An exception from the
    function fails with the input that caused it (`NotImplementedError` is let
    through, as in `expect_raises`).
    """
    label = name or str(getattr(function, "__name__", "the function"))
    for number, (args, expected) in enumerate(cases, start=1):
        call = f"{label}({', '.join(_show(arg) for arg in args)})"
        where = f" (case {number} of {len(cases)})"
        try:
            result = function(*args)
        except NotImplementedError:
            raise
        except Exception as err:  # noqa: BLE001
            raise AssertionError(f"{call} raised {_raised(err)}{where}") from None
        try:
            compare(result, expected, what=call, **options)
        except AssertionError as err:
            raise AssertionError(f"{_message(err)}{where}") from None


def expect_fast(function, args=(), budget=1.0, what=None, repeat=3, hint=""):
    """Check that `function(*args)` runs within `budget` seconds; return its result.

    For "vectorise this": the call is timed up to `repeat` times and the best
    time counts (as `timeit` does), so one slow moment of a busy machine does
    not fail a fast answer; the first run under budget ends the check. `hint`
    is added to the failure message (what makes such code slow, say).
    """
    label = what or f"{getattr(function, '__name__', 'the function')}(...)"
    best = float("inf")
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - started)
        if best <= budget:
            return result
    message = (f"{label} took {_seconds(best)} (best of {max(1, repeat)} runs), over its "
               f"budget of {_seconds(budget)}")
    raise AssertionError(f"{message}. {hint}" if hint else message)


def _message(err):
    """str(err), or "" when the exception's own __str__ fails (it may be learner code)."""
    try:
        return str(err)
    except Exception:  # noqa: BLE001
        return ""


def _raised(err):
    detail = _message(err)
    return _clip(f"{type(err).__name__}: {detail}" if detail else type(err).__name__)


def _clip(text, limit=600):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _seconds(value):
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
