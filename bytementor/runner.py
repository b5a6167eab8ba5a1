"""Run one exercise's tests in the learner's kernel and publish the verdict.

The frontend sends a silent execute request that calls `run_check` with the
pristine tests fetched from the server (see docs/architecture.md, "Check
protocol"). Each test runs in its own namespace copied from the learner's
globals, so nothing a test defines reaches the learner's namespace and no
learner global that shadows a builtin (`len`, `print`, `isinstance`, ...)
reaches a test.

While the tests run, `bytementor.guard` captures their output (capped, and
returned per test as `output`), keeps `exit()` from stopping the kernel, and
gives them a pristine copy of `bytementor.expect`.

This guards against accidents, not against a determined cheat: learner code
that patches the `builtins` module itself, rewrites NumPy, or replaces
`bytementor.runner` in `sys.modules` runs in the same process as the tests and
is out of reach. Hidden tests and the trusted comparisons in
`bytementor.expect` are the defence against lucky passes.
"""

import builtins
import json
import linecache
import re
import sys
import time

from bytementor.guard import CappedOutput, Guard

MIME_TYPE = "application/vnd.bytementor.check+json"

NOT_WRITTEN = (
    "Not written yet: replace `raise NotImplementedError(...)` in your answer "
    "cell with your code."
)

# Names the check-request code itself puts in the learner's namespace.
_PROTOCOL_NAMES = frozenset({"__bytementor_runner__"})
_BUILTIN_NAMES = frozenset(name for name in vars(builtins) if not name.startswith("__"))
# Cell files: `<ipython-input-3-1a2b>` (IPython) and
# `/tmp/ipykernel_123/456789.py` (ipykernel's cell compiler).
_CELL_FILE = re.compile(r"^<ipython-input-|[\\/]ipykernel_\d+[\\/]\d+\.py$")
_MAX_MESSAGE = 600
_INTERRUPTED = ("The check was stopped before this test finished: it ran past the time "
                "limit or was interrupted. If your code runs for a long time, look for a "
                "loop that never ends.")
_NO_INPUT = ("Your code called input(), which cannot work during a check (nobody is there "
             "to type). Take the value as a function argument instead.")


def run_check(exercise, tests_json, *, namespace=None):
    """Run the tests of `exercise` and publish one verdict.

    `tests_json` is a JSON array of `{"id", "name", "source"}` objects (an
    already decoded list is accepted too). The tests run against
    `namespace` when given (used by the library's own tests), else the
    IPython user namespace, else the caller's globals.

    Publishes exactly one `display_data` with MIME type
    `application/vnd.bytementor.check+json` when IPython is running, and
    returns the same payload: `{"exercise", "passed", "tests", "ms"}`, where
    `passed` is true when there is at least one test and every test passed.
    Each test is `{"name", "passed", "message"}`, plus `"output"` (a string of
    at most `guard.OUTPUT_LIMIT` characters and a note of what was left out)
    when the test printed anything or made a display.
    """
    started = time.perf_counter()
    shell = _shell()
    if namespace is None:
        namespace = shell.user_ns if shell is not None else sys._getframe(1).f_globals
    try:
        tests = _decode_tests(tests_json)
    except ValueError as err:
        results = [_result("Reading the tests", False,
                           f"The check could not read this exercise's tests ({err}). "
                           "This is a problem with the lab, not with your code.")]
    else:
        with Guard(shell, namespace).active() as guard:
            results = _run_tests(tests, namespace, guard)
    payload = {
        "exercise": str(exercise),
        "passed": bool(results) and all(result["passed"] for result in results),
        "tests": results,
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }
    _publish(payload, shell)
    return payload


def _shell():
    """The running IPython shell, or None."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _decode_tests(tests_json):
    """Decode and validate the test list; raise ValueError when malformed."""
    tests = json.loads(tests_json) if isinstance(tests_json, (str, bytes)) else tests_json
    if not isinstance(tests, list):
        raise ValueError("expected a list of tests")
    for test in tests:
        if not isinstance(test, dict) or not isinstance(test.get("source"), str):
            raise ValueError("every test needs a 'source' string")
    return tests


def _run_tests(tests, user_ns, guard):
    """Run every test in its own namespace; stop early if interrupted."""
    results = []
    for index, test in enumerate(tests, start=1):
        name = str(test.get("name") or f"Test {index}")
        output = CappedOutput()
        try:
            with guard.capture(output):
                passed, message = _run_one(name, test["source"], user_ns)
        except KeyboardInterrupt:  # landing outside the test: entering or leaving capture
            passed, message = False, _INTERRUPTED
        results.append(_result(name, passed, message, output.text()))
        if message is _INTERRUPTED:
            results.extend(
                _result(str(rest.get("name") or f"Test {number}"), False,
                        "Not run: the check was interrupted.")
                for number, rest in enumerate(tests[index:], start=index + 1))
            break
    return results


def _run_one(name, source, user_ns):
    """Run one test's source; return (passed, message)."""
    filename = f"<test {name}>"
    try:
        code = compile(source, filename, "exec")
    except SyntaxError as err:
        return False, (f"This test could not be compiled ({err.msg}, line {err.lineno}). "
                       "This is a problem with the lab, not with your code.")
    try:
        exec(code, _test_namespace(user_ns))
    except KeyboardInterrupt:
        return False, _INTERRUPTED
    except BaseException as err:  # noqa: BLE001 - learner code may raise anything
        return False, _describe_failure(err, filename, source)
    return True, ""


def _test_namespace(user_ns):
    """A fresh copy of the learner's globals with the real builtins restored."""
    namespace = {name: value for name, value in user_ns.items()
                 if name not in _BUILTIN_NAMES and name not in _PROTOCOL_NAMES}
    namespace["__builtins__"] = builtins
    return namespace


def _describe_failure(err, test_file, test_source):
    """A message for a learner explaining why a test failed."""
    frames = _frames(err.__traceback__)
    in_learner_code = bool(frames) and _CELL_FILE.search(frames[-1][0]) is not None
    if isinstance(err, AssertionError):
        text = _safe_str(err)
        return _clip(text) if text else _bare_assert(frames, test_file, test_source)
    if type(err).__name__ == "StdinNotImplementedError":  # IPython's; a NotImplementedError
        return _NO_INPUT
    if isinstance(err, NotImplementedError):
        return NOT_WRITTEN
    if isinstance(err, NameError) and not isinstance(err, UnboundLocalError) \
            and not in_learner_code:
        name = getattr(err, "name", None) or _name_from_message(_safe_str(err))
        return (f"`{name}` is not defined: run your answer cell (and the cells above it) first, "
                f"and check that it defines `{name}` under that name.")
    if isinstance(err, SystemExit):
        return ("Your code called exit() or sys.exit(), which would stop the kernel. "
                "Return a value from your function instead.")
    text = f"Your code raised {type(err).__name__}"
    detail = _safe_str(err)
    if detail:
        text += f": {detail}"
    return _clip(text) + _learner_location(frames)


def _safe_str(err):
    """str(err), or "" when the exception's own __str__ fails (it is learner code too)."""
    try:
        return str(err)
    except Exception:  # noqa: BLE001
        return ""


def _frames(tb):
    """(filename, lineno) for each frame of a traceback, outermost first."""
    frames = []
    while tb is not None:
        frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    return frames


def _learner_location(frames):
    """' (line 3 of your cell: `...`)' for the innermost learner frame, or ''."""
    for filename, lineno in reversed(frames):
        if _CELL_FILE.search(filename):
            line = linecache.getline(filename, lineno).strip()
            where = f"line {lineno} of your cell"
            return f" ({where}: `{_clip(line, 160)}`)" if line else f" ({where})"
    return ""


def _bare_assert(frames, test_file, test_source):
    """Message for an `assert` without a message: quote the failing line."""
    lines = test_source.splitlines()
    for filename, lineno in reversed(frames):
        if filename == test_file and 0 < lineno <= len(lines):
            return f"This check failed: `{_clip(lines[lineno - 1].strip(), 200)}`"
    return "This check failed."


def _name_from_message(message):
    match = re.search(r"name '([^']+)' is not defined", message)
    return match.group(1) if match else "a name"


def _clip(text, limit=_MAX_MESSAGE):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _result(name, passed, message, output=""):
    result = {"name": name, "passed": passed, "message": message}
    if output:
        result["output"] = output
    return result


def _plain_summary(payload):
    """A text/plain fallback for front ends without the ByteMentor renderer."""
    verdict = "passed" if payload["passed"] else "not passed yet"
    lines = [f"Exercise {payload['exercise']}: {verdict}"]
    for test in payload["tests"]:
        mark = "✓" if test["passed"] else "✗"
        detail = f" — {test['message']}" if test["message"] else ""
        lines.append(f"  {mark} {test['name']}{detail}")
    return "\n".join(lines)


def _publish(payload, shell):
    """Publish the verdict as one display_data message when IPython runs."""
    if shell is None:
        return
    from IPython.display import publish_display_data

    publish_display_data({MIME_TYPE: payload, "text/plain": _plain_summary(payload)})
