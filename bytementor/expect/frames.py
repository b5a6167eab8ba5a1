"""pandas results: a DataFrame or a Series checked kind, shape, labels, then values.

The learner's table is read through pandas' own constructors into plain
NumPy arrays and Python lists, and compared from the expected side: numbers
with a tolerance (missing values equal each other), anything else only with
a value of exactly the expected value's type, so neither a DataFrame
subclass with a lying `equals` nor cell objects with a lying `__eq__` pass.
"""

import math

from .values import _show, _wrong_kind, np


def _pandas(helper):
    """pandas, imported on first use: labs without tables never pay for it."""
    try:
        import pandas
    except ImportError:
        raise TypeError(f"{helper} needs pandas") from None
    return pandas


def expect_frame(actual, expected, rtol=1e-6, atol=1e-9, check_index=True,
                 what="the result"):
    """Check a DataFrame: the same columns in order, the same rows, close values.

    Numeric columns compare with NumPy's closeness (`rtol`, `atol`), other
    columns exactly. The row labels must match too unless `check_index` is
    false (a filtered table keeps its original labels, say); the rows are then
    compared in order.
    """
    pd = _pandas("expect_frame")
    if not isinstance(actual, pd.DataFrame):
        raise _wrong_kind(what, "a DataFrame", actual)
    actual = pd.DataFrame(actual, copy=True)
    got, want = [str(c) for c in actual.columns], [str(c) for c in expected.columns]
    if got != want:
        raise AssertionError(f"{what} should have the columns {want} but yours has {got}"
                             f"{_columns_tip(got, want)}")
    _same_rows(actual.index, expected.index, check_index, what)
    for position, column in enumerate(expected.columns):
        _same_values(actual.iloc[:, position], expected.iloc[:, position], actual.index,
                     rtol, atol, f"column {str(column)!r} of {what}")


def expect_series(actual, expected, rtol=1e-6, atol=1e-9, check_index=True,
                  what="the result"):
    """Check a Series: its length, its labels (unless `check_index` is false), its values."""
    pd = _pandas("expect_series")
    if not isinstance(actual, pd.Series):
        tip = " (one column of a table, df['name'], is a Series)" \
            if isinstance(actual, pd.DataFrame) else ""
        raise _wrong_kind(what, "a Series", actual, tip)
    actual = pd.Series(actual, copy=True)
    _same_rows(actual.index, expected.index, check_index, what)
    _same_values(actual, expected, actual.index, rtol, atol, what)


def _same_rows(got, want, check_index, what):
    if len(got) != len(want):
        raise AssertionError(f"{what} should have {len(want)} rows but yours has {len(got)}")
    if check_index:
        got_labels, want_labels = _labels(got), _labels(want)
        if got_labels != want_labels:
            raise AssertionError(f"{what} should have the row labels {_show(want_labels)} "
                                 f"but yours has {_show(got_labels)}")


def _labels(index):
    return [str(label) for label in index]


def _same_values(got, want, labels, rtol, atol, what):
    """Compare two columns of the same length, from the expected side."""
    if want.dtype.kind in "iuf":
        if got.dtype.kind not in "iuf":
            raise AssertionError(f"{what} should hold numbers but yours holds "
                                 f"{_dtype_label(got.dtype)}")
        values = got.to_numpy(dtype=float, na_value=np.nan)
        reference = want.to_numpy(dtype=float, na_value=np.nan)
        same = np.isclose(values, reference, rtol=rtol, atol=atol, equal_nan=True)
    else:
        values = got.astype(object).tolist()
        reference = want.astype(object).tolist()
        same = [_same_cell(v, r) for v, r in zip(values, reference)]
    wrong = [row for row, ok in enumerate(same) if not ok]
    if wrong:
        row = wrong[0]
        raise AssertionError(
            f"{what} should be {_show(reference)} but yours is {_show(values)} "
            f"(first difference in row {_labels(labels)[row]!s}: expected "
            f"{_show(reference[row])}, got {_show(values[row])})")


def _same_cell(got, want):
    if _is_missing(want):
        return _is_missing(got)
    return type(got) is type(want) and bool(want == got)


def _is_missing(value):
    """None, NaN, NaT or pd.NA (`pd.isna` for one cell, without running its code)."""
    pd = _pandas("expect_frame")
    return value is None or value is pd.NaT or value is pd.NA or \
        (type(value) is float and math.isnan(value))


def _dtype_label(dtype):
    return {"O": "text or other objects", "M": "dates", "b": "True/False values"}.get(
        dtype.kind, str(dtype))


def _columns_tip(got, want):
    missing = [c for c in want if c not in got]
    extra = [c for c in got if c not in want]
    if sorted(got) == sorted(want):
        return " (the same columns in another order)"
    parts = []
    if missing:
        parts.append(f"missing {missing}")
    if extra:
        parts.append(f"extra {extra}")
    return f" ({'; '.join(parts)})"
