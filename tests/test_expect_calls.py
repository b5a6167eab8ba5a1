"""`expect_raises`, `expect_cases`, `expect_fast`: the verdict and the message a learner reads."""

import time

import numpy as np
import pytest

from bytementor.expect import expect_cases, expect_close, expect_fast, expect_raises


def failure(block):
    with pytest.raises(AssertionError) as info:
        block()
    return str(info.value)


def mean(values):
    if not values:
        raise ValueError("mean of an empty list")
    return sum(values) / len(values)


def test_the_right_exception_passes_and_is_handed_back():
    with expect_raises(ValueError, what="mean([])", match="empty") as raised:
        mean([])
    assert isinstance(raised.exception, ValueError)


def test_no_exception_fails():
    def block():
        with expect_raises(ValueError, what="mean([1])"):
            mean([1])
    assert failure(block) == "mean([1]) should raise ValueError but it finished without an error"


def test_another_exception_fails_and_is_named():
    def block():
        with expect_raises(ValueError, what="mean(5)"):
            mean(5)
    assert failure(block) == ("mean(5) should raise ValueError but it raised "
                              "TypeError: 'int' object is not iterable")


def test_the_message_must_mention_the_match():
    def block():
        with expect_raises(ValueError, what="mean([])", match="no values"):
            mean([])
    assert "mentions 'no values'" in failure(block)


def test_an_unwritten_answer_still_says_not_written():
    with pytest.raises(NotImplementedError), expect_raises(ValueError, what="mean([])"):
        raise NotImplementedError("Your code here")


def test_every_case_passes():
    expect_cases(mean, [(([1, 2],), 1.5), (([4],), 4.0)])


def test_the_first_failing_case_is_reported_with_its_input():
    def wrong(values):
        return values[0]
    cases = [(([1, 1],), 1), (([1, 3],), 2.0), (([5, 5],), 9)]
    message = failure(lambda: expect_cases(wrong, cases, compare=expect_close))
    assert message == "wrong([1, 3]) should be 2.0 but your function returned 1.0 (case 2 of 3)"


def test_an_exception_in_a_case_names_the_input():
    message = failure(lambda: expect_cases(mean, [(([1],), 1.0), (([],), 0.0)], name="mean"))
    assert message == "mean([]) raised ValueError: mean of an empty list (case 2 of 2)"


def test_cases_forward_tolerances_and_show_arrays_briefly():
    double = np.multiply
    expect_cases(lambda x: double(x, 2.0), [((np.array([0.1, 0.2]),), np.array([0.2, 0.4]))],
                 compare=expect_close, rtol=1e-3)
    message = failure(lambda: expect_cases(lambda x: x, [((np.arange(100.0),), np.zeros(100))],
                                           compare=expect_close, name="same"))
    assert message.startswith("same([ 0.,  1.,  2., ..., 97., 98., 99.]) should be")


def test_a_fast_function_passes_and_returns_its_result():
    assert expect_fast(np.sum, (np.ones(1000),), budget=1.0) == 1000.0


def test_a_slow_function_fails_with_its_time_and_the_hint():
    calls = []

    def slow():
        calls.append(1)
        time.sleep(0.02)

    message = failure(lambda: expect_fast(slow, budget=0.001, what="loop(x)", repeat=2,
                                          hint="Use NumPy on the whole array."))
    assert message.startswith("loop(x) took ")
    assert message.endswith("ms (best of 2 runs), over its budget of 1 ms. "
                            "Use NumPy on the whole array.")
    assert len(calls) == 2


def test_the_first_run_under_budget_ends_the_timing():
    calls = []
    expect_fast(lambda: calls.append(1), budget=1.0, repeat=5)
    assert calls == [1]
