"""How much time "Check answer" adds in the kernel, measured on a real idle ipykernel.

Starts one python3 kernel (importing `bytementor` from this checkout), waits until
it is idle, and sends three kinds of silent execute request, all with the flags the
frontend's check uses (`silent`, no history, no stdin, `stop_on_error: false`):

- **bare**: `pass`. Its round trip (send → execute_reply and `idle` both received)
  is the floor every request pays: messaging, the kernel's scheduling.
- **direct**: the exercise's test code itself, run as plain code: the learner's
  function called by the test, and the test's `expect` helper.
- **check**: the check request of `src/check/protocol.ts` running that same test
  through `bytementor.runner.run_check`, until its verdict and `idle` are in.

The **check overhead** is what a check adds beyond running the learner's code and
the test: for each round, check round trip − direct round trip (the rounds
interleave the three requests, so both see the same machine). Its p50 and p95 are
the figures the issue's targets speak of (≤ 5 ms and ≤ 15 ms). The runner's own
`ms` (run_check start to verdict built, inside the kernel) is shown too, and every
figure is given as a ratio to the bare round trip.

Two exercises are measured: a trivial one in a fresh kernel, and the same in a
learner namespace the size of a worked-through lab (NumPy and pandas imported,
500 globals), since each test copies the learner's globals.

Run `make bench-kernel` (or `python bench/check_overhead.py [--rounds N]`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

REPO = Path(__file__).resolve().parent.parent
MIME_TYPE = "application/vnd.bytementor.check+json"
WARM_UP = 5

ANSWER = "def answer(x):\n    return x + 1\n"
TEST = ("from bytementor.expect import expect_equal\n"
        "expect_equal(answer(1), 2, what='answer(1)')\n")
BIG_NAMESPACE = ("import numpy as np\nimport pandas as pd\n"
                 "for _i in range(500):\n    globals()[f'value_{_i}'] = np.zeros(3)\n")


def check_code(exercise, tests):
    """The check request's code, exactly as `src/check/protocol.ts` builds it."""
    return "\n".join([
        "import bytementor.runner as __bytementor_runner__",
        "try:",
        (f"    __bytementor_runner__.run_check({json.dumps(exercise)}, "
         f"{json.dumps(json.dumps(tests))})"),
        "finally:",
        "    del __bytementor_runner__",
    ])


class Kernel:
    """A kernel and a blocking client that times silent requests."""

    def __init__(self):
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p))
        self.manager, self.client = start_new_kernel(
            kernel_name="python3", env=env, extra_arguments=["--IPKernelApp.log_level=ERROR"])

    def close(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)

    def run(self, code, silent=True):
        """Send `code`; return (seconds until its reply and idle are in, its IOPub messages)."""
        started = time.perf_counter()
        msg_id = self.client.execute(code, silent=silent, store_history=False,
                                     allow_stdin=False, stop_on_error=False)
        messages = []
        while True:
            msg = self.client.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            messages.append(msg)
        while self.client.get_shell_msg(timeout=30)["parent_header"].get("msg_id") != msg_id:
            pass
        seconds = time.perf_counter() - started
        errors = [m["content"]["evalue"] for m in messages if m["msg_type"] == "error"]
        if errors:
            raise RuntimeError(f"the request failed: {errors[0]}")
        return seconds, messages


def verdict(messages):
    (found,) = [m["content"]["data"][MIME_TYPE] for m in messages
                if m["msg_type"] == "display_data" and MIME_TYPE in m["content"]["data"]]
    if not found["passed"]:
        raise RuntimeError(f"the trivial exercise did not pass: {found}")
    return found


def measure(kernel, rounds):
    """Interleaved rounds of bare, direct and check requests; times in ms."""
    check = check_code("trivial", [{"id": "t1", "name": "answer(1)", "source": TEST}])
    times = {"bare": [], "direct": [], "check": [], "overhead": [], "runner": []}
    for index in range(WARM_UP + rounds):
        bare, _ = kernel.run("pass")
        direct, _ = kernel.run(TEST)
        checked, messages = kernel.run(check)
        runner_ms = verdict(messages)["ms"]
        if index < WARM_UP:  # the first check imports the runner
            continue
        for name, value in (("bare", bare * 1000), ("direct", direct * 1000),
                            ("check", checked * 1000), ("overhead", (checked - direct) * 1000),
                            ("runner", runner_ms)):
            times[name].append(value)
    return times


def percentile(values, q):
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def table(title, times):
    """The figures as text: p50, p95 and their ratio to the bare round trip's."""
    bare50, bare95 = percentile(times["bare"], 50), percentile(times["bare"], 95)
    rows = [("bare round trip (pass)", "bare"),
            ("test code run directly", "direct"),
            ("check round trip", "check"),
            ("check overhead (check - direct)", "overhead"),
            ("runner's own ms (in kernel)", "runner")]
    lines = [title, f"  {'':34} {'p50 ms':>8} {'p95 ms':>8} {'p50/bare':>9} {'p95/bare':>9}"]
    for label, key in rows:
        p50, p95 = percentile(times[key], 50), percentile(times[key], 95)
        lines.append(f"  {label:34} {p50:8.2f} {p95:8.2f} {p50 / bare50:9.2f} {p95 / bare95:9.2f}")
    overhead50, overhead95 = percentile(times["overhead"], 50), percentile(times["overhead"], 95)
    verdict_text = "meets" if overhead50 <= 5 and overhead95 <= 15 else "MISSES"
    lines.append(f"  overhead {verdict_text} the target (p50 <= 5 ms, p95 <= 15 ms) "
                 f"over {len(times['overhead'])} checks")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100, help="checks per exercise (>= 50)")
    rounds = max(50, parser.parse_args().rounds)
    kernel = Kernel()
    try:
        kernel.run(ANSWER, silent=False)
        _, messages = kernel.run("import bytementor; print(bytementor.__file__)", silent=False)
        where = "".join(m["content"].get("text", "") for m in messages).strip()
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"Kernel check overhead, {rounds} checks each (bytementor from {where}; "
              f"load average {load} on {os.cpu_count()} CPUs: a busy machine widens p95)\n")
        print(table("Trivial exercise, fresh kernel", measure(kernel, rounds)))
        kernel.run(BIG_NAMESPACE, silent=False)
        print()
        print(table("Same exercise, lab-sized namespace (NumPy, pandas, 500 globals)",
                    measure(kernel, rounds)))
    finally:
        kernel.close()


if __name__ == "__main__":
    main()
