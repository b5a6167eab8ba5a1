"""`expect_frame` and `expect_series`: tables compared from the expected side."""

import numpy as np
import pandas as pd
import pytest

from bytementor.expect import expect_frame, expect_series

EXPECTED = pd.DataFrame({"region": ["north", "south"], "revenue": [10.0, np.nan]},
                        index=["a", "b"])


def failure(check, *args, **kwargs):
    with pytest.raises(AssertionError) as info:
        check(*args, **kwargs)
    return str(info.value)


class LyingFrame(pd.DataFrame):
    """A DataFrame subclass that says it equals anything."""

    def equals(self, other):
        return True

    def __eq__(self, other):
        return pd.DataFrame(True, index=self.index, columns=self.columns)


class Yes(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def test_the_same_table_passes_including_missing_values_and_float_noise():
    got = pd.DataFrame({"region": ["north", "south"], "revenue": [0.1 * 100, np.nan]},
                       index=["a", "b"])
    expect_frame(got, EXPECTED)


def test_a_wrong_number_points_at_its_row():
    got = EXPECTED.assign(revenue=[10.0, 3.0])
    message = failure(expect_frame, got, EXPECTED, what="totals")
    assert message == ("column 'revenue' of totals should be [10., nan] but yours is [10.,  3.] "
                       "(first difference in row b: expected nan, got 3.0)")


def test_columns_are_checked_by_name_and_order():
    message = failure(expect_frame, EXPECTED[["revenue", "region"]], EXPECTED)
    assert "the same columns in another order" in message
    message = failure(expect_frame, EXPECTED.rename(columns={"revenue": "total"}), EXPECTED)
    assert "missing ['revenue']; extra ['total']" in message


def test_row_labels_count_unless_asked_not_to():
    got = EXPECTED.reset_index(drop=True)
    assert "row labels ['a', 'b']" in failure(expect_frame, got, EXPECTED)
    expect_frame(got, EXPECTED, check_index=False)
    assert "should have 2 rows but yours has 1" in failure(expect_frame, got.head(1), EXPECTED)


def test_numbers_stored_as_text_are_not_numbers():
    got = EXPECTED.assign(revenue=["10", "nan"])
    assert "should hold numbers but yours holds text" in failure(expect_frame, got, EXPECTED)


def test_a_lying_subclass_or_cell_does_not_pass():
    failure(expect_frame, LyingFrame({"region": ["x", "y"], "revenue": [0.0, 0.0]},
                                     index=["a", "b"]), EXPECTED)
    cells = pd.DataFrame({"region": [Yes("x"), Yes("y")], "revenue": [10.0, np.nan]},
                         index=["a", "b"], dtype=object).astype({"revenue": float})
    failure(expect_frame, cells, EXPECTED)


def test_not_a_table_gets_a_readable_message():
    assert failure(expect_frame, [1, 2], EXPECTED, what="t") == (
        "t should be a DataFrame but your function returned a list of 2 items")


def test_a_series_is_checked_like_a_column():
    expected = pd.Series([0.5, 0.25], index=["price", "note"])
    expect_series(pd.Series([0.5, 0.25000001], index=["price", "note"]), expected)
    message = failure(expect_series, pd.Series([0.5, 0.3], index=["price", "note"]), expected,
                      what="share")
    assert message.endswith("(first difference in row note: expected 0.25, got 0.3)")
    assert "df['name'], is a Series" in failure(expect_series, expected.to_frame(), expected)


def test_dates_and_text_compare_exactly():
    expected = pd.Series(pd.to_datetime(["2024-01-01", None]))
    expect_series(pd.Series(pd.to_datetime(["2024-01-01", None])), expected)
    failure(expect_series, pd.Series(pd.to_datetime(["2024-01-02", None])), expected)
    failure(expect_series, pd.Series(["2024-01-01", None]), expected)
