"""The check runner, driven with an explicit namespace (no IPython needed)."""

import json
import linecache

import pytest

import bytementor.runner as runner
from bytementor.runner import MIME_TYPE, NOT_WRITTEN, run_check

_cell_count = 0


def learner_cell(namespace, source):
    """Run `source` as IPython would run a learner's cell, so tracebacks name the cell."""
    global _cell_count
    _cell_count += 1
    filename = f"<ipython-input-{_cell_count}-abc123>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)


def check(namespace, *sources, exercise="mse"):
    """run_check on tests given as sources, named Test 1, Test 2, ..."""
    tests = [{"id": f"t{i}", "name": f"Test {i}", "source": source}
             for i, source in enumerate(sources, start=1)]
    return run_check(exercise, json.dumps(tests), namespace=namespace)


MSE = "def mse(a, b):\n    return sum((x - y) ** 2 for x, y in zip(a, b)) / len(a)\n"
TEST_MSE = ("from bytementor.expect import expect_close\n"
            "expect_close(mse([1, 2], [1, 4]), 2.0, what='mse([1, 2], [1, 4])')\n")


def test_a_correct_answer_passes():
    namespace = {}
    learner_cell(namespace, MSE)
    payload = check(namespace, TEST_MSE)
    assert payload["exercise"] == "mse"
    assert payload["passed"] is True
    assert payload["tests"] == [{"name": "Test 1", "passed": True, "message": ""}]
    assert isinstance(payload["ms"], float)
    assert list(payload) == ["exercise", "passed", "tests", "ms"]


def test_a_wrong_answer_fails_with_the_assertion_message():
    namespace = {}
    learner_cell(namespace, "def mse(a, b):\n    return 4.0\n")
    payload = check(namespace, TEST_MSE, "assert True")
    assert payload["passed"] is False
    first, second = payload["tests"]
    assert first["message"] == "mse([1, 2], [1, 4]) should be 2.0 but your function returned 4.0"
    assert second["passed"] is True


def test_no_tests_is_not_a_pass():
    assert check({})["passed"] is False


def test_a_learner_eq_that_always_says_yes_fails():
    namespace = {}
    learner_cell(namespace, "class Yes:\n    def __eq__(self, other):\n        return True\n"
                            "def mse(a, b):\n    return Yes()\n")
    assert check(namespace, TEST_MSE)["passed"] is False


def test_learner_redefining_builtins_does_not_break_tests():
    namespace = {}
    learner_cell(namespace, MSE + "len = lambda x: 0\nprint = None\nisinstance = lambda *a: True\n"
                 "sum = 'not a function'\n")
    test = "assert len([1, 2]) == 2\nprint('tests can print')\nassert not isinstance(1, str)\n"
    payload = check(namespace, test)
    assert payload["passed"] is True, payload
    # The learner's own functions keep using the learner's names: their business.
    assert namespace["len"]([1, 2]) == 0


def test_learner_builtins_cannot_make_a_wrong_answer_pass():
    namespace = {}
    learner_cell(namespace, "def mse(a, b):\n    return 4.0\n"
                            "def expect_close(*args, **kwargs):\n    pass\n")
    assert check(namespace, TEST_MSE)["passed"] is False


def test_not_implemented_says_not_written_yet():
    namespace = {}
    learner_cell(namespace, 'def mse(a, b):\n    raise NotImplementedError("Your code here")\n')
    assert check(namespace, TEST_MSE)["tests"][0]["message"] == NOT_WRITTEN


def test_a_missing_name_asks_to_run_the_answer_cell():
    message = check({}, TEST_MSE)["tests"][0]["message"]
    assert message == ("`mse` is not defined: run your answer cell (and the cells above it) "
                       "first, and check that it defines `mse` under that name.")


def test_a_typo_inside_learner_code_is_reported_as_the_learners_error():
    namespace = {}
    learner_cell(namespace, "def mse(a, b):\n    return totl / len(a)\n")
    message = check(namespace, TEST_MSE)["tests"][0]["message"]
    assert message.startswith("Your code raised NameError: name 'totl' is not defined")
    assert "line 2 of your cell: `return totl / len(a)`" in message


def test_other_errors_name_the_type_and_the_learner_line():
    namespace = {}
    learner_cell(namespace, "import math\n\ndef mse(a, b):\n    return math.sqrt(-1)\n")
    message = check(namespace, TEST_MSE)["tests"][0]["message"]
    assert message == ("Your code raised ValueError: math domain error "
                       "(line 4 of your cell: `return math.sqrt(-1)`)")


def test_an_exception_whose_str_fails_still_gives_a_verdict():
    namespace = {}
    learner_cell(namespace, "class Odd(Exception):\n"
                            "    def __str__(self):\n        raise RuntimeError\n"
                            "def mse(a, b):\n    raise Odd()\n")
    message = check(namespace, TEST_MSE)["tests"][0]["message"]
    assert message.startswith("Your code raised Odd (line 5 of your cell")


def test_a_bare_assert_quotes_the_failing_line():
    message = check({"x": 1}, "y = 2\nassert x == y\n")["tests"][0]["message"]
    assert message == "This check failed: `assert x == y`"


@pytest.mark.parametrize("body", ["raise SystemExit(3)", "import sys\n    sys.exit()", "exit()"])
def test_system_exit_from_learner_code_is_a_failure(body):
    namespace = {}
    learner_cell(namespace, f"def mse(a, b):\n    {body}\n")
    payload = check(namespace, TEST_MSE, "assert True")
    assert payload["passed"] is False
    assert "exit()" in payload["tests"][0]["message"]
    assert payload["tests"][1]["passed"] is True  # the check carried on


def test_keyboard_interrupt_fails_and_stops_the_check():
    namespace = {}
    learner_cell(namespace, "def mse(a, b):\n    raise KeyboardInterrupt\n")
    payload = check(namespace, TEST_MSE, "assert True")
    assert payload["passed"] is False
    assert "interrupted" in payload["tests"][0]["message"]
    assert payload["tests"][1] == {"name": "Test 2", "passed": False,
                                   "message": "Not run: the check was interrupted."}


def test_nothing_leaks_into_the_learner_namespace():
    namespace = {"data": [1, 2]}
    learner_cell(namespace, MSE)
    before = dict(namespace)
    check(namespace, TEST_MSE + "leaked = 1\nimport os\n", "def helper():\n    pass\n")
    assert namespace == before
    assert all(namespace[name] is before[name] for name in before)


def test_each_test_gets_a_fresh_namespace():
    payload = check({}, "shared = 1", "assert 'shared' not in globals()")
    assert payload["passed"] is True


def test_a_broken_test_blames_the_lab_not_the_learner():
    message = check({}, "def (:")["tests"][0]["message"]
    assert "problem with the lab" in message


def test_malformed_tests_json_gives_a_clear_verdict():
    payload = run_check("mse", "{not json", namespace={})
    assert payload["passed"] is False
    assert "could not read" in payload["tests"][0]["message"]


def test_unnamed_tests_are_numbered():
    payload = run_check("mse", json.dumps([{"id": "a", "source": "pass"}]), namespace={})
    assert payload["tests"][0]["name"] == "Test 1"


class FakeShell:
    def __init__(self, user_ns):
        self.user_ns = user_ns


def test_under_ipython_it_uses_the_user_namespace_and_publishes_once(monkeypatch):
    import IPython
    import IPython.display

    published = []
    shell = FakeShell({})
    learner_cell(shell.user_ns, MSE)
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    monkeypatch.setattr(IPython.display, "publish_display_data", published.append)
    payload = runner.run_check("mse", json.dumps([{"id": "a", "name": "n", "source": TEST_MSE}]))
    assert payload["passed"] is True
    assert len(published) == 1
    assert published[0][MIME_TYPE] == payload
    assert "Exercise mse: passed" in published[0]["text/plain"]


def test_outside_ipython_it_uses_the_callers_globals(monkeypatch):
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    payload = run_check("x", json.dumps([{"source": "assert 'learner_cell' in globals()"}]))
    assert payload["passed"] is True


def test_what_a_test_prints_comes_back_with_its_result_not_on_stdout(capsys):
    payload = check({}, "print('hello')", "pass")
    assert payload["tests"][0]["output"] == "hello\n"
    assert "output" not in payload["tests"][1]
    assert capsys.readouterr().out == ""
