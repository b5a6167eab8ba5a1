"""The check runner in a real ipykernel, driven by the frontend's own check request.

Each check is the silent execute request `src/check/checker.ts` sends (`silent`,
no history, no stdin, `stop_on_error: false`) with the code `src/check/protocol.ts`
builds (`verify.check_code` builds the same). Learner cells run as normal cells, so
their tracebacks name ipykernel's cell files as in JupyterLab. The kernel imports
`bytementor` from this checkout.
"""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

from jupyterlab_bytementor.verify import MIME_TYPE, check_code

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 30


class Kernel:
    """A fresh python3 kernel, its manager and its blocking client."""

    def __init__(self):
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p))
        self.manager, self.client = start_new_kernel(
            kernel_name="python3", env=env, cwd=str(REPO),
            extra_arguments=["--IPKernelApp.log_level=ERROR"])

    def close(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)

    def cell(self, source):
        """Run a learner cell as JupyterLab runs it; fail the test if it raised."""
        messages = self.messages(self.client.execute(textwrap.dedent(source)))
        errors = [m["content"] for m in messages if m["msg_type"] == "error"]
        assert not errors, errors

    def send_check(self, *sources, exercise="mse"):
        """Send the check request for tests given as sources; return its msg_id."""
        tests = [{"id": f"t{i}", "name": f"Test {i}", "source": textwrap.dedent(source)}
                 for i, source in enumerate(sources, start=1)]
        return self.client.execute(check_code(exercise, tests), silent=True,
                                   store_history=False, allow_stdin=False,
                                   stop_on_error=False)

    def check(self, *sources, exercise="mse"):
        """Check, and return the one verdict the request published."""
        return verdict_of(self.messages(self.send_check(*sources, exercise=exercise)))

    def messages(self, msg_id, timeout=TIMEOUT):
        """The IOPub messages of request `msg_id` until the kernel is idle again."""
        deadline = time.monotonic() + timeout
        messages = []
        while True:
            msg = self.client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return messages
            messages.append(msg)

    def user_names(self):
        """Every name in the user namespace, read by a silent request (no `_i` history)."""
        messages = self.messages(self.client.execute(
            "print(sorted(get_ipython().user_ns))", silent=True, store_history=False))
        return "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")


def verdict_of(messages):
    """The single verdict among a check's messages (the request itself must not fail)."""
    assert not [m for m in messages if m["msg_type"] == "error"], messages
    verdicts = [m["content"]["data"][MIME_TYPE] for m in messages
                if m["msg_type"] == "display_data" and MIME_TYPE in m["content"]["data"]]
    assert len(verdicts) == 1, messages
    return verdicts[0]


@pytest.fixture(scope="module")
def shared_kernel():
    kernel = Kernel()
    yield kernel
    kernel.close()


@pytest.fixture
def kernel(shared_kernel):
    """The module's kernel, with the learner's answers of the previous test forgotten."""
    shared_kernel.cell("get_ipython().run_line_magic('reset', '-f')")
    return shared_kernel


@pytest.fixture
def own_kernel():
    """A kernel for one test (for tests that kill it)."""
    kernel = Kernel()
    yield kernel
    kernel.close()


MSE = """
def mse(a, b):
    return sum((x - y) ** 2 for x, y in zip(a, b)) / len(a)
"""
WRONG_MSE = "def mse(a, b):\n    return 4.0\n"
TEST_MSE = """
from bytementor.expect import expect_close
expect_close(mse([1, 2], [1, 4]), 2.0, what="mse([1, 2], [1, 4])")
"""


def messages_of(verdict):
    return [test["message"] for test in verdict["tests"]]


def test_a_right_answer_passes_and_a_wrong_one_fails(kernel):
    kernel.cell(MSE)
    assert kernel.check(TEST_MSE)["passed"] is True
    kernel.cell(WRONG_MSE)
    verdict = kernel.check(TEST_MSE)
    assert messages_of(verdict) == [
        "mse([1, 2], [1, 4]) should be 2.0 but your function returned 4.0"]


def test_an_object_whose_eq_always_says_yes_fails(kernel):
    kernel.cell("""
        class Yes:
            def __eq__(self, other):
                return True
        def mse(a, b):
            return Yes()
        """)
    verdict = kernel.check(TEST_MSE, "from bytementor.expect import expect_equal\n"
                                     "expect_equal(mse([1], [1]), [0.0], what='mse')")
    assert verdict["passed"] is False
    assert all(not test["passed"] for test in verdict["tests"])
    assert "Yes object" in verdict["tests"][0]["message"]


@pytest.mark.parametrize("shadow", [
    "len = lambda x: 0",
    "isinstance = lambda *args: True",
    "type = lambda x: float",
    "print = None",
    "import types\nnp = types.SimpleNamespace(isclose=lambda *a, **k: True, array=list)",
])
def test_learner_names_that_shadow_builtins_or_np_change_no_verdict(kernel, shadow):
    test = """
        import numpy as np
        from bytementor.expect import expect_close
        assert len([1, 2]) == 2 and not isinstance(1, str) and type(1) is int
        print("a test may print")
        expect_close(np.array([mse([1, 2], [1, 4])]), np.array([2.0]), what="mse")
        """
    # An answer that itself calls none of the shadowed names.
    kernel.cell("def mse(a, b):\n    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) / 2\n"
                + shadow)
    assert kernel.check(test)["passed"] is True
    kernel.cell(WRONG_MSE)
    assert kernel.check(test)["passed"] is False


def test_learner_names_the_runner_uses_change_nothing(kernel):
    kernel.cell(WRONG_MSE + textwrap.dedent("""
        json = sys = time = builtins = bytementor = None
        run_check = Guard = exercise = tests_json = namespace = results = None
        def expect_close(*args, **kwargs):
            pass
        """))
    verdict = kernel.check(TEST_MSE)
    assert verdict["passed"] is False
    kernel.cell(MSE)
    assert kernel.check(TEST_MSE)["passed"] is True
    assert "run_check" in kernel.user_names()  # the learner's own names are still there


def test_the_last_definition_of_the_function_is_checked(kernel):
    kernel.cell(MSE)
    kernel.cell(WRONG_MSE)
    assert kernel.check(TEST_MSE)["passed"] is False
    kernel.cell(MSE)
    assert kernel.check(TEST_MSE)["passed"] is True


def test_floats_compare_with_a_tolerance_and_keep_their_sign(kernel):
    kernel.cell("def scale(x):\n    return 0.3 * x\n")
    close = "from bytementor.expect import expect_close\nexpect_close({}, 0.9, what='scale(3)')"
    verdict = kernel.check(close.format("scale(3)"), close.format("-scale(3)"))
    assert [test["passed"] for test in verdict["tests"]] == [True, False]
    assert verdict["tests"][1]["message"] == (
        "scale(3) should be 0.9 but your function returned -0.9")


def test_a_list_where_an_array_is_expected_and_the_reverse(kernel):
    kernel.cell("""
        import numpy as np
        def as_list(x):
            return [1.0, 2.0]
        def as_array(x):
            return np.array([1.0, 2.0])
        """)
    wants_array = ("import numpy as np\nfrom bytementor.expect import expect_close\n"
                   "expect_close({}(0), np.array([1.0, 2.0]), what='w')")
    wants_list = ("from bytementor.expect import expect_equal\n"
                  "expect_equal({}(0), [1.0, 2.0], what='w')")
    verdict = kernel.check(wants_array.format("as_list"), wants_array.format("as_array"),
                           wants_list.format("as_array"), wants_list.format("as_list"))
    assert [test["passed"] for test in verdict["tests"]] == [False, True, False, True]
    assert verdict["tests"][0]["message"] == (
        "w should be a NumPy array of shape (2,) but your function returned a list of 2 items "
        "(np.array(...) turns a list into an array)")
    assert verdict["tests"][2]["message"] == (
        "w should be a list but your function returned a NumPy array of shape (2,)")


def test_patching_the_expect_helpers_cannot_make_a_wrong_answer_pass(kernel):
    kernel.cell(WRONG_MSE + "import bytementor.expect\n"
                "bytementor.expect.expect_close = lambda *args, **kwargs: None\n")
    assert kernel.check(TEST_MSE)["passed"] is False
    kernel.cell("import bytementor.expect\n"
                "assert bytementor.expect.expect_close(1, 2) is None")  # theirs, put back


def test_input_during_a_check_says_it_cannot_be_used(kernel):
    kernel.cell("def mse(a, b):\n    return float(input('a number: '))\n")
    (message,) = messages_of(kernel.check(TEST_MSE))
    assert message.startswith("Your code called input(), which cannot work during a check")


def test_output_during_a_check_comes_back_capped_in_the_verdict(kernel):
    kernel.cell(MSE + "def noisy():\n    print('x' * 5000)\n    return 1\n")
    messages = kernel.messages(kernel.send_check(
        "print('working')\nimport sys\nprint('careful', file=sys.stderr)\n",
        "assert noisy() == 1\n", "pass"))
    verdict = verdict_of(messages)
    quiet, noisy, silent = verdict["tests"]
    assert quiet["output"] == "working\ncareful\n"
    assert noisy["output"] == "x" * 2000 + "\n… (3001 more characters not shown)"
    assert "output" not in silent
    assert not [m for m in messages if m["msg_type"] == "stream"]


def test_a_display_during_a_check_is_noted_not_sent(kernel):
    kernel.cell(MSE + "from IPython.display import display\n")
    messages = kernel.messages(kernel.send_check("display({'text/html': '<b>big</b>'}, raw=True)"))
    verdict = verdict_of(messages)
    assert "display" in verdict["tests"][0]["output"]
    assert len([m for m in messages if m["msg_type"] == "display_data"]) == 1  # the verdict


def test_a_figure_drawn_during_a_check_is_not_shown_after_it(kernel):
    kernel.cell(MSE + "import matplotlib.pyplot as plt\n"
                "def plot_loss():\n    plt.plot([3, 2, 1])\n    return 1\n")
    messages = kernel.messages(kernel.send_check("assert plot_loss() == 1"))
    assert verdict_of(messages)["passed"] is True
    assert [m["msg_type"] for m in messages].count("display_data") == 1  # the verdict
    kernel.cell("assert plt.get_fignums() == []")


def interrupt_once_started(kernel, msg_id, flag):
    """Wait until the learner's code has started (it creates `flag`), then interrupt."""
    deadline = time.monotonic() + TIMEOUT
    while not flag.exists():
        assert time.monotonic() < deadline, "the learner's code never started"
        time.sleep(0.01)
    kernel.manager.interrupt_kernel()
    return kernel.messages(msg_id)


@pytest.mark.parametrize("loop", ["pass", "print('spam')"])
def test_an_endless_loop_stopped_by_the_interrupt_gives_one_clear_verdict(kernel, tmp_path, loop):
    flag = tmp_path / "started"
    kernel.cell(f"def mse(a, b):\n    open({str(flag)!r}, 'w').close()\n"
                f"    while True:\n        {loop}\n")
    messages = interrupt_once_started(kernel, kernel.send_check(TEST_MSE, "pass"), flag)
    verdict = verdict_of(messages)
    first, second = verdict["tests"]
    assert first["passed"] is False and "stopped before this test finished" in first["message"]
    assert second == {"name": "Test 2", "passed": False,
                      "message": "Not run: the check was interrupted."}
    assert len(first.get("output", "")) < 2100
    assert not [m for m in messages if m["msg_type"] == "stream"]
    kernel.cell(MSE)
    assert kernel.check(TEST_MSE)["passed"] is True  # the kernel carries on


@pytest.mark.parametrize("stop", ["raise SystemExit", "import sys\n    sys.exit(1)",
                                  "exit()", "quit()"])
def test_system_exit_and_exit_fail_the_test_and_the_kernel_lives(kernel, stop):
    kernel.cell(f"def mse(a, b):\n    {stop}\n")
    verdict = kernel.check(TEST_MSE, "assert True")
    assert [test["passed"] for test in verdict["tests"]] == [False, True]
    assert "exit()" in verdict["tests"][0]["message"]
    kernel.cell(MSE)
    assert kernel.check(TEST_MSE)["passed"] is True
    assert kernel.manager.is_alive()


def test_os_exit_kills_the_kernel_before_any_verdict(own_kernel):
    own_kernel.cell("import os\ndef mse(a, b):\n    os._exit(1)\n")
    msg_id = own_kernel.send_check(TEST_MSE)
    deadline = time.monotonic() + TIMEOUT
    while own_kernel.manager.is_alive():
        assert time.monotonic() < deadline, "the kernel survived os._exit"
        time.sleep(0.05)
    sent = []
    while own_kernel.client.iopub_channel.msg_ready():
        msg = own_kernel.client.get_iopub_msg(timeout=1)
        if msg["parent_header"].get("msg_id") == msg_id:
            sent.append(msg["msg_type"])
    assert "display_data" not in sent and "error" not in sent  # no half verdict to show


def test_nothing_of_the_check_stays_in_the_learners_namespace(kernel):
    kernel.cell(MSE + "data = [1, 2]\n")
    before = kernel.user_names()
    kernel.check(TEST_MSE + "leaked = 1\nimport os\n", "def helper():\n    pass\n")
    assert kernel.user_names() == before
