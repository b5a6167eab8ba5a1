"""The shields a check puts up: capped output, exit(), pristine helpers, all put back."""

import builtins
import sys

import pytest

import bytementor.expect
from bytementor.guard import PRISTINE_EXPECT, CappedOutput, Guard


def test_output_up_to_the_limit_is_kept_whole():
    output = CappedOutput(limit=5)
    output.write("ab")
    output.write("cde")
    assert output.text() == "abcde"


def test_output_past_the_limit_says_how_much_was_left_out():
    output = CappedOutput(limit=5)
    for text in ("abc", "defg", "hij"):
        output.write(text)
    assert output.text() == "abcde\n… (5 more characters not shown)"


def test_a_display_is_noted():
    output = CappedOutput()
    output.displayed = True
    assert output.text() == "[a display (a plot, a table, ...) is not shown during a check]"


def test_everything_is_put_back_even_when_interrupted():
    exit_before, expect_before = builtins.exit, sys.modules["bytementor.expect"]
    namespace = {"exit": "the learner's own exit"}
    with pytest.raises(KeyboardInterrupt), Guard(None, namespace).active():
        assert sys.modules["bytementor.expect"] is PRISTINE_EXPECT
        assert bytementor.expect is PRISTINE_EXPECT
        with pytest.raises(SystemExit):
            exit()  # noqa: PLR1722 - the builtin exit is what is tested
        raise KeyboardInterrupt
    assert builtins.exit is exit_before
    assert sys.modules["bytementor.expect"] is expect_before
    assert sys.modules["bytementor"].expect is expect_before
    assert namespace == {"exit": "the learner's own exit"}  # not IPython's exiter: left alone


def test_a_test_writes_to_its_own_output():
    guard = Guard(None, {})
    output = CappedOutput()
    with guard.active(), guard.capture(output):
        print("inside")
    print("outside")
    assert output.text() == "inside\n"
