"""Single values, sequences and arrays: exact, with a tolerance, by shape, or True.

See the package's docstring for what every helper checks before it compares.
"""

import math
import numbers
import operator

try:
    import numpy as np
except ImportError:  # the helpers still work on plain Python values
    np = None


def expect_equal(actual, expected, what="the result"):
    """Check that `actual` equals `expected` exactly, type first.

    Numbers, strings, `None`, lists, tuples, dicts (recursively) and NumPy
    arrays (same shape, same values) are supported; any other expected type
    must match `type(actual)` exactly and is compared with `expected == actual`.
    Floats compare exactly here (`0.3 * 3` is not `0.9`): use `expect_close`
    for computed numbers.
    """
    plain = _plain_like(actual, expected, what)
    if isinstance(expected, (list, tuple)):
        for index, item in enumerate(expected):
            expect_equal(plain[index], item, what=f"{what}[{index}]")
        return
    if isinstance(expected, dict):
        for key, item in expected.items():
            expect_equal(plain[key], item, what=f"{what}[{key!r}]")
        return
    if _is_array(expected):
        same = np.array_equal(np.asarray(expected), plain)
    else:
        same = bool(expected == plain)
    if not same:
        raise AssertionError(_should_be(what, expected, plain))


def expect_close(actual, expected, rtol=1e-6, atol=1e-9, what="the result"):
    """Check that a number or an array of numbers is close to `expected`.

    Closeness is NumPy's: `|actual - expected| <= atol + rtol * |expected|`.
    An expected number asks for one number (a 0-d array counts); an expected
    array asks for a NumPy array of the same shape; an expected list or tuple
    asks for a sequence of that length (list, tuple or 1-D array).
    """
    if _is_real(expected):
        value = _real_number(actual, what)
        reference = float(expected)
        if not abs(value - reference) <= atol + rtol * abs(reference):
            message = _should_be(what, reference, value)
            raise AssertionError(message + _not_finite_note(value))
        return
    if _is_array(expected) or isinstance(expected, (list, tuple)):
        if np is None:
            raise TypeError("expect_close needs NumPy to compare arrays and sequences")
        reference = np.asarray(expected, dtype=float)
        if _is_array(expected):
            values = _numeric_array(actual, reference.shape, what)
        else:
            values = _numeric_sequence(actual, len(expected), what)
        close = np.isclose(values, reference, rtol=rtol, atol=atol, equal_nan=True)
        if not close.all():
            message = _should_be(what, reference, values)
            index = tuple(int(i) for i in np.argwhere(~close)[0])
            where = f" at index {index[0] if len(index) == 1 else index}" if index else ""
            message += (f" (first difference{where}: expected "
                        f"{_show(reference[index])}, got {_show(values[index])})")
            raise AssertionError(message + _not_finite_note(values))
        return
    raise TypeError(f"expect_close compares numbers or arrays of numbers, not "
                    f"{type(expected).__name__}; use expect_equal instead")


def expect_shape(actual, shape, what="the result", dtype=None):
    """Check that `actual` is a NumPy array of the given shape (and exactly `dtype`, if given).

    `dtype` is anything `np.dtype` takes (`np.float32`, `"int64"`, `bool`), for
    exercises where the type is the point (float32 for a model, say).
    """
    plain = _numeric_array(actual, tuple(shape), what, kinds="")
    if dtype is not None and plain.dtype != np.dtype(dtype):
        raise AssertionError(f"{what} should hold {np.dtype(dtype).name} values but your "
                             f"array holds {plain.dtype.name}")


def expect_true(cond, message):
    """Check that `cond` is `True` (a `bool` or a NumPy bool); else fail with `message`.

    Anything else, even a truthy object, fails: conditions built from a
    learner's objects cannot pass by returning something truthy.
    """
    if cond is True:
        return
    if np is not None and isinstance(cond, np.bool_) and bool(cond):
        return
    raise AssertionError(message)


# -- turning learner values into trusted plain data ---------------------------


def _plain_like(actual, expected, what):
    """`actual` as plain data of the same kind as `expected`, or AssertionError."""
    if expected is None:
        if actual is not None:
            raise _wrong_kind(what, "None", actual)
        return None
    if _is_bool(expected):
        if not _is_bool(actual):
            raise _wrong_kind(what, "True or False", actual)
        return bool(actual)
    if _is_integer(expected):
        if not _is_integer(actual):
            raise _wrong_kind(what, "a whole number (int)", actual)
        return operator.index(actual)
    if _is_real(expected):
        return _real_number(actual, what)
    for kind, label in ((str, "a string"), (list, "a list"), (tuple, "a tuple"), (dict, "a dict")):
        if isinstance(expected, kind) and not isinstance(actual, kind):
            raise _wrong_kind(what, label, actual)
    if isinstance(expected, str):
        return str.__str__(actual)
    if isinstance(expected, (list, tuple)):
        items = _items(actual)
        if len(items) != len(expected):
            raise AssertionError(
                f"{what} should have {len(expected)} items but yours has {len(items)}")
        return items
    if isinstance(expected, dict):
        keys = {key for key in dict.keys(actual) if type(key) in (str, int, float, bool, tuple)}
        if len(dict.keys(actual)) != len(expected) or any(key not in keys for key in expected):
            raise AssertionError(f"{what} should have exactly the keys "
                                 f"{', '.join(sorted(map(repr, expected)))}")
        return {key: dict.__getitem__(actual, key) for key in expected}
    if _is_array(expected):
        return _numeric_array(actual, expected.shape, what, kinds=expected.dtype.kind)
    if type(actual) is not type(expected):
        raise _wrong_kind(what, f"a {type(expected).__name__}", actual)
    return actual


def _real_number(actual, what):
    """`actual` as a float, if it is one real number (bools are not numbers here)."""
    if _is_array(actual):
        plain = np.ndarray.view(actual, np.ndarray)
        if plain.shape == () and plain.dtype.kind in "iuf":
            return float(plain)
        raise _wrong_kind(what, "a single number", actual)
    if not _is_real(actual):
        raise _wrong_kind(what, "a single number", actual)
    try:
        return float(actual)
    except (TypeError, ValueError, OverflowError) as err:
        raise AssertionError(
            f"{what} should be a number but yours could not be read as one ({err})") from None


def _numeric_array(actual, shape, what, kinds="f"):
    """`actual` as a plain ndarray of `shape`, holding values like dtype kind `kinds`.

    `kinds` is the expected array's dtype kind ("f" for numbers by default);
    "" skips the dtype check.
    """
    expected_kind = f"a NumPy array of shape {_shape(shape)}"
    if not _is_array(actual):
        tip = ""
        if isinstance(actual, (list, tuple)):
            tip = " (np.array(...) turns a list into an array)"
        raise AssertionError(f"{what} should be {expected_kind} but your function returned "
                             f"{_kind(actual)}{tip}")
    plain = np.ndarray.view(actual, np.ndarray)
    if plain.shape != tuple(shape):
        raise AssertionError(f"{what} should be {expected_kind} but yours has shape "
                             f"{_shape(plain.shape)}{_shape_tip(plain.shape, tuple(shape))}")
    accepted, label = _ACCEPTED_KINDS.get(kinds, (None, ""))
    if accepted is not None and plain.dtype.kind not in accepted:
        raise AssertionError(f"{what} should hold {label} but your array holds "
                             f"{_DTYPE_KINDS.get(plain.dtype.kind, plain.dtype.name)}")
    return plain.copy()


def _numeric_sequence(actual, length, what):
    """`actual` (a list, tuple or 1-D array) as a float array of `length`."""
    if _is_array(actual):
        return _numeric_array(actual, (length,), what).astype(float)
    if not isinstance(actual, (list, tuple)):
        raise _wrong_kind(what, f"a list of {length} numbers", actual)
    items = _items(actual)
    if len(items) != length:
        raise AssertionError(f"{what} should have {length} numbers but yours has {len(items)}")
    return np.array([_real_number(item, f"{what}[{i}]") for i, item in enumerate(items)])


def _items(sequence):
    """The items of a list or tuple, read without running a subclass's own methods."""
    if isinstance(sequence, list):
        return list(list.__iter__(sequence))
    return list(tuple.__iter__(sequence))


_NUMPY_SCALARS = () if np is None else (np.float64, np.float32, np.int64, np.int32)
_DTYPE_KINDS = {"b": "True/False values", "O": "Python objects (dtype=object)",
                "U": "strings", "S": "bytes", "c": "complex numbers"}
# Expected dtype kind -> (the learner's accepted dtype kinds, what to call them).
_ACCEPTED_KINDS = {"b": ("b", "True/False values"), "i": ("iuf", "numbers"),
                   "u": ("iuf", "numbers"), "f": ("iuf", "numbers"),
                   "c": ("iufc", "numbers"), "U": ("U", "strings"), "S": ("S", "bytes")}


# -- kinds and messages -----------------------------------------------------------


def _is_array(value):
    return np is not None and isinstance(value, np.ndarray)


def _is_bool(value):
    return isinstance(value, bool) or (np is not None and isinstance(value, np.bool_))


def _is_integer(value):
    return isinstance(value, numbers.Integral) and not _is_bool(value)


def _is_real(value):
    return isinstance(value, numbers.Real) and not _is_bool(value)


def _kind(value):
    """A short description of a value's kind that runs none of its code."""
    if value is None:
        return "None"
    if _is_bool(value):
        return repr(bool(value))
    if _is_array(value):
        return f"a NumPy array of shape {_shape(np.ndarray.view(value, np.ndarray).shape)}"
    if isinstance(value, (list, tuple)):
        size = list.__len__(value) if isinstance(value, list) else tuple.__len__(value)
        noun = "list" if isinstance(value, list) else "tuple"
        return f"a {noun} of {size} item{'s' if size != 1 else ''}"
    if type(value) in (int, float) or (np is not None and type(value) in _NUMPY_SCALARS):
        return f"the number {_show(value)}"
    for kind, label in ((numbers.Integral, "a whole number"), (numbers.Real, "a number"),
                        (str, "a string"), (dict, "a dict")):
        if isinstance(value, kind):
            return label
    return f"a {type(value).__name__} object"


def _wrong_kind(what, expected_label, actual, tip=""):
    return AssertionError(f"{what} should be {expected_label} but your function returned "
                          f"{_kind(actual)}{tip}")


def _should_be(what, expected, actual):
    return f"{what} should be {_show(expected)} but your function returned {_show(actual)}"


def _not_finite_note(value):
    finite = np.isfinite(value).all() if np is not None else math.isfinite(value)
    return "" if finite else " (nan or inf: a calculation overflowed or divided by zero)"


def _show(value):
    """Plain data as short text for a message."""
    if _is_array(value):
        text = np.array2string(value, precision=6, separator=", ", threshold=12,
                               edgeitems=3, suppress_small=True)
    elif np is not None and isinstance(value, np.generic):
        return _show(value.item())
    elif isinstance(value, float):
        text = repr(value) if len(repr(value)) <= 12 else f"{value:.8g}"
    else:
        text = repr(value)
    return text if len(text) <= 300 else text[:299] + "…"


def _shape(shape):
    return repr(tuple(int(size) for size in shape))


def _shape_tip(got, wanted):
    if len(got) == len(wanted) + 1 and 1 in got and tuple(s for s in got if s != 1) == wanted:
        return " (an extra axis of length 1: a column where a flat array is asked for)"
    if got == wanted[::-1] and len(got) == 2:
        return " (rows and columns swapped: check which axis you used)"
    return ""
