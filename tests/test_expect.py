"""The `expect` helpers: right answers pass, wrong ones fail with a readable message."""

import numpy as np
import pytest

from bytementor.expect import expect_close, expect_equal, expect_shape, expect_true


class AlwaysEqual:
    """A learner object that claims to equal everything."""

    def __eq__(self, other):
        return True

    __hash__ = None


class AlwaysEqualArray(np.ndarray):
    """An array subclass whose == says yes everywhere."""

    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)


class AlwaysEqualFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


def failure(check, *args, **kwargs):
    with pytest.raises(AssertionError) as info:
        check(*args, **kwargs)
    return str(info.value)


def test_a_close_number_passes_whatever_its_numpy_type():
    expect_close(2.0, 2.0)
    expect_close(np.float32(2.0000001), 2.0, rtol=1e-6)
    expect_close(np.float64(2.0), 2)
    expect_close(np.array(2.0), 2.0)  # a 0-d array is one number
    expect_close(2, 2.0)


def test_a_wrong_number_names_what_was_checked():
    message = failure(expect_close, 4.0, 2.0, what="mse([1, 2], [1, 4])")
    assert message == "mse([1, 2], [1, 4]) should be 2.0 but your function returned 4.0"


def test_an_array_where_a_number_is_asked_for_gets_a_readable_message():
    message = failure(expect_close, np.array([1.0, 4.0]), 2.0, what="mse")
    assert "should be a single number" in message
    assert "NumPy array of shape (2,)" in message


@pytest.mark.parametrize("value", [True, None, "2.0", [2.0]])
def test_things_that_are_not_numbers_fail(value):
    assert "single number" in failure(expect_close, value, 2.0, what="mse")


def test_nan_is_called_out():
    message = failure(expect_close, float("nan"), 2.0, what="loss")
    assert "nan" in message and "overflowed" in message


def test_a_close_array_passes_including_float32():
    expect_close(np.array([1.0, 2.0, 3.0], dtype=np.float32), np.array([1.0, 2.0, 3.0]), rtol=1e-6)


def test_a_list_where_an_array_is_asked_for_gets_a_readable_message():
    message = failure(expect_close, [1.0, 2.0, 3.0], np.array([1.0, 2.0, 3.0]), what="w")
    assert message.startswith("w should be a NumPy array of shape (3,) but your function "
                              "returned a list of 3 items")
    assert "np.array" in message


def test_a_column_where_a_flat_array_is_asked_for_is_explained():
    message = failure(expect_close, np.zeros((3, 1)), np.zeros(3), what="w")
    assert "shape (3, 1)" in message and "extra axis" in message


def test_a_wrong_array_points_at_the_first_difference():
    message = failure(expect_close, np.array([1.0, 2.0, 4.0]), np.array([1.0, 2.0, 3.0]), what="w")
    assert "w should be [1., 2., 3.] but your function returned [1., 2., 4.]" in message
    assert "first difference at index 2: expected 3.0, got 4.0" in message


def test_an_array_of_objects_is_not_numbers():
    actual = np.array([1.0, 2.0], dtype=object)
    assert "Python objects" in failure(expect_close, actual, np.array([1.0, 2.0]))


def test_an_expected_list_accepts_any_sequence_of_numbers():
    expect_close([1.0, 2.0], [1.0, 2.0])
    expect_close((1.0, np.float32(2.0)), [1.0, 2.0])
    expect_close(np.array([1.0, 2.0]), [1.0, 2.0])
    assert "2 numbers" in failure(expect_close, [1.0], [1.0, 2.0], what="history")


def test_an_eq_that_always_says_yes_does_not_pass():
    assert "AlwaysEqual object" in failure(expect_equal, AlwaysEqual(), 3, what="count")
    failure(expect_equal, AlwaysEqual(), [1, 2])
    failure(expect_equal, AlwaysEqual(), "converging")
    failure(expect_equal, AlwaysEqualFloat(1.0), 2.0)
    failure(expect_close, AlwaysEqualFloat(1.0), 2.0)


def test_an_array_subclass_with_a_lying_eq_does_not_pass():
    cheat = np.zeros(3).view(AlwaysEqualArray)
    failure(expect_equal, cheat, np.array([1.0, 2.0, 3.0]))
    failure(expect_close, cheat, np.array([1.0, 2.0, 3.0]))


def test_expect_equal_checks_the_type_first():
    expect_equal(np.int64(3), 3)
    expect_equal("converging", "converging")
    expect_equal(None, None)
    assert "whole number" in failure(expect_equal, 3.0, 3, what="count")
    assert "should be a string" in failure(expect_equal, 1, "one")
    assert "should be None" in failure(expect_equal, 0, None)
    assert "True or False" in failure(expect_equal, 1, True)


def test_expect_equal_compares_containers_item_by_item():
    expect_equal((np.array([1, 2]), 3.0), (np.array([1, 2]), 3.0))
    expect_equal({"a": [1, 2]}, {"a": [1, 2]})
    message = failure(expect_equal, (np.array([1, 2]), 3.0), (np.array([1, 3]), 3.0), what="pair")
    assert message.startswith("pair[0] should be [1, 3]")
    assert "3 items" in failure(expect_equal, [1, 2], [1, 2, 3])
    assert "keys" in failure(expect_equal, {"a": 1, "b": 2}, {"a": 1})


def test_expect_equal_compares_arrays_of_any_dtype_by_kind():
    expect_equal(np.array([True, False]), np.array([True, False]))
    expect_equal(np.array([1.0, 2.0]), np.array([1, 2]))
    expect_equal(np.array(["a", "b"]), np.array(["a", "b"]))
    assert "True/False values" in failure(expect_equal, np.array([1, 0]), np.array([True, False]))


def test_expect_shape():
    expect_shape(np.zeros((3, 1)), (3, 1))
    assert "swapped" in failure(expect_shape, np.zeros((2, 3)), (3, 2), what="X")
    assert "list of 2 items" in failure(expect_shape, [1, 2], (2,))


def test_expect_shape_checks_the_exact_dtype_when_asked():
    expect_shape(np.zeros(3, dtype=np.float32), (3,), dtype=np.float32)
    assert failure(expect_shape, np.zeros(3), (3,), what="w", dtype="float32") == (
        "w should hold float32 values but your array holds float64")
    assert "shape (2,)" in failure(expect_shape, np.zeros(2, dtype=np.float32), (3,),
                                   dtype=np.float32)


def test_expect_true_needs_a_real_true():
    expect_true(True, "never shown")
    expect_true(np.bool_(True), "never shown")
    assert failure(expect_true, False, "the loss should go down") == "the loss should go down"
    failure(expect_true, 1, "a truthy int is not True")
    failure(expect_true, AlwaysEqual(), "a truthy object is not True")


def test_expect_close_refuses_to_compare_text():
    with pytest.raises(TypeError):
        expect_close("a", "a")
