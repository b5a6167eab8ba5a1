"""The gradient-descent lab's tests accept any correct answer and reject the usual slips.

One kernel runs the source notebook; each case then replaces one exercise's
answer with another learner's code, checks that exercise with the pristine
tests, and puts the reference answer back.
"""

from __future__ import annotations


import nbformat
import pytest
from labkernel import REPO, SolvedLab, thinly_tested

from jupyterlab_bytementor.catalog import load_lab
from jupyterlab_bytementor.release import role_of

LAB = REPO / "labs" / "stage2-core-ml" / "gradient-descent.ipynb"

# (exercise, learner code, passes?, a phrase the first failure message must contain)
CASES = {
    "mse with a loop": ("mse", """
        def mse(y_true, y_pred):
            total = 0.0
            for t, p in zip(y_true, y_pred):
                total += (p - t) ** 2
            return total / len(y_true)
        """, True, None),
    "mse in float32": ("mse", """
        def mse(y_true, y_pred):
            d = np.asarray(y_pred, np.float32) - np.asarray(y_true, np.float32)
            return (d @ d) / d.size
        """, True, None),
    "mse summing": ("mse", """
        def mse(y_true, y_pred):
            return np.sum((y_pred - y_true) ** 2)
        """, False, "mse([1, 2], [1, 4]) should be 2.0 but your function returned 4.0"),
    "mse as RMSE": ("mse", """
        def mse(y_true, y_pred):
            return np.sqrt(np.mean((y_pred - y_true) ** 2))
        """, False, "should be 2.0"),
    "mse without the mean": ("mse", """
        def mse(y_true, y_pred):
            return (y_pred - y_true) ** 2
        """, False, "should be a single number"),
    "mse with a shape bug": ("mse", """
        def mse(y_true, y_pred):
            y_pred = y_pred.reshape(3)
            return np.mean((y_pred - y_true) ** 2)
        """, False, "line 2 of your cell: `y_pred = y_pred.reshape(3)`"),
    "mse never run": ("mse", "del mse", False, "`mse` is not defined: run your answer cell"),
    "gradient with loops": ("gradient", """
        def mse_gradient(X, y, w, b):
            n, d = X.shape
            grad_w, grad_b = np.zeros(d), 0.0
            for i in range(n):
                error = sum(X[i, j] * w[j] for j in range(d)) + b - y[i]
                for j in range(d):
                    grad_w[j] += 2 * error * X[i, j] / n
                grad_b += 2 * error / n
            return grad_w, grad_b
        """, True, None),
    "gradient through a bias column, in float32": ("gradient", """
        def mse_gradient(X, y, w, b):
            A = np.column_stack([X, np.ones(len(X))]).astype(np.float32)
            g = 2 * A.T @ (A @ np.append(w, b).astype(np.float32) - y.astype(np.float32)) / len(y)
            return [g[:-1], g[-1]]
        """, True, None),
    "gradient without the 2": ("gradient", """
        def mse_gradient(X, y, w, b):
            e = X @ w + b - y
            return X.T @ e / len(y), np.mean(e)
        """, False, "half the right size"),
    "gradient summing": ("gradient", """
        def mse_gradient(X, y, w, b):
            e = X @ w + b - y
            return 2 * X.T @ e, 2 * np.sum(e)
        """, False, "4 times too big"),
    "gradient with the sign flipped": ("gradient", """
        def mse_gradient(X, y, w, b):
            e = y - (X @ w + b)
            return 2 * X.T @ e / len(y), 2 * np.mean(e)
        """, False, "points the wrong way"),
    "gradient forgetting the bias": ("gradient", """
        def mse_gradient(X, y, w, b):
            e = X @ w - y
            return 2 * X.T @ e / len(y), 2 * np.mean(e)
        """, False, "without b"),
    "gradient per feature in a list comprehension": ("gradient", """
        def mse_gradient(X, y, w, b):
            n = X.shape[0]
            err = X.dot(w) + b - y
            grad_w = np.array([2 * np.sum(err * X[:, j]) / n for j in range(X.shape[1])])
            return grad_w, 2 * err.mean()
        """, True, None),
    "gradient multiplying X by the errors without a new axis": ("gradient", """
        def mse_gradient(X, y, w, b):
            e = X @ w + b - y
            return 2 * np.mean(X * e, axis=0), 2 * np.mean(e)
        """, False, "errors[:, None]"),
    "gradient averaging over the wrong axis": ("gradient", """
        def mse_gradient(X, y, w, b):
            e = X @ w + b - y
            return 2 * np.mean(X * e[:, None], axis=1), 2 * np.mean(e)
        """, False, "shape (4,)"),
    "loop returning an array history without the helpers": ("gd-loop", """
        def gradient_descent(X, y, lr, steps):
            w, b = np.zeros(X.shape[1]), 0.0
            losses = np.empty(steps + 1)
            for k in range(steps + 1):
                e = X @ w + b - y
                losses[k] = e @ e / len(y)
                if k < steps:
                    w, b = w - lr * 2 * X.T @ e / len(y), b - lr * 2 * e.mean()
            return w, b, losses
        """, True, None),
    "loop in float32": ("gd-loop", """
        def gradient_descent(X, y, lr, steps):
            X, y = X.astype(np.float32), y.astype(np.float32)
            w, b = np.zeros(X.shape[1], np.float32), np.float32(0)
            history = [mse(y, X @ w + b)]
            for _ in range(steps):
                gw, gb = mse_gradient(X, y, w, b)
                w, b = w - np.float32(lr) * gw, b - np.float32(lr) * gb
                history.append(mse(y, X @ w + b))
            return w, b, history
        """, True, None),
    "loop forgetting the starting loss": ("gd-loop", """
        def gradient_descent(X, y, lr, steps):
            w, b, history = np.zeros(X.shape[1]), 0.0, []
            for _ in range(steps):
                gw, gb = mse_gradient(X, y, w, b)
                w, b = w - lr * gw, b - lr * gb
                history.append(mse(y, X @ w + b))
            return w, b, history
        """, False, "should have 2 numbers but yours has 1"),
    "loop updating w before computing b's gradient": ("gd-loop", """
        def gradient_descent(X, y, lr, steps):
            w, b = np.zeros(X.shape[1]), 0.0
            history = [mse(y, X @ w + b)]
            for _ in range(steps):
                w = w - lr * mse_gradient(X, y, w, b)[0]
                b = b - lr * mse_gradient(X, y, w, b)[1]
                history.append(mse(y, X @ w + b))
            return w, b, history
        """, False, "your loop updated w first and then computed b's gradient with the new w"),
    "loop updating b before computing w's gradient": ("gd-loop", """
        def gradient_descent(X, y, lr, steps):
            w, b = np.zeros(X.shape[1]), 0.0
            history = [mse(y, X @ w + b)]
            for _ in range(steps):
                b -= lr * mse_gradient(X, y, w, b)[1]
                w = w - lr * mse_gradient(X, y, w, b)[0]
                history.append(mse(y, X @ w + b))
            return w, b, history
        """, False, "your loop updated b first and then computed w's gradient with the new b"),
    "loop asking for each gradient separately, both at the current point": ("gd-loop", """
        def gradient_descent(X, y, lr, steps):
            w, b = np.zeros(X.shape[1]), 0.0
            history = [mse(y, X @ w + b)]
            for _ in range(steps):
                new_w = w - lr * mse_gradient(X, y, w, b)[0]
                b = b - lr * mse_gradient(X, y, w, b)[1]
                w = new_w
                history.append(mse(y, X @ w + b))
            return w, b, history
        """, True, None),
    "loop returning b as a one-element array after the w-first slip": ("gd-loop", """
        def gradient_descent(X, y, lr, steps):
            w, b = np.zeros(X.shape[1]), np.zeros(1)
            history = [mse(y, X @ w + b)]
            for _ in range(steps):
                w = w - lr * mse_gradient(X, y, w, b)[0]
                b = b - lr * mse_gradient(X, y, w, b)[1]
                history.append(mse(y, X @ w + b))
            return w, b, history
        """, False, "updated w first"),
    "loop climbing uphill": ("gd-loop", """
        def gradient_descent(X, y, lr, steps):
            w, b = np.zeros(X.shape[1]), 0.0
            history = [mse(y, X @ w + b)]
            for _ in range(steps):
                gw, gb = mse_gradient(X, y, w, b)
                w, b = w + lr * gw, b + lr * gb
                history.append(mse(y, X @ w + b))
            return w, b, history
        """, False, "w after one step"),
    "classify with math, search sorted from the top": ("learning-rate", """
        import math

        def classify_run(history):
            last = float(history[-1])
            return "diverging" if math.isnan(last) or last > history[0] else "converging"

        def largest_stable_lr(X, y, candidates, steps=50):
            for lr in sorted(candidates, reverse=True):
                with np.errstate(all="ignore"):
                    if classify_run(gradient_descent(X, y, lr, steps)[2]) == "converging":
                        return lr
            return None
        """, True, None),
    "classify falling into the nan trap": ("learning-rate", """
        def classify_run(history):
            return "diverging" if history[-1] > history[0] else "converging"
        """, False, "classify_run([1.0, 5.0, nan]) should be 'diverging'"),
    "classify demanding a steady fall": ("learning-rate", """
        def classify_run(history):
            falling = all(b <= a for a, b in zip(history, history[1:]))
            return "converging" if falling else "diverging"
        """, False, "a zig-zag that ends lower"),
    "classify by self-inequality, search by a comprehension without errstate": ("learning-rate", """
        def classify_run(history):
            first, last = float(history[0]), float(history[-1])
            if last != last or last == float("inf") or last > first:
                return "diverging"
            return "converging"

        def largest_stable_lr(X, y, candidates, steps=50):
            good = [lr for lr in candidates
                    if classify_run(gradient_descent(X, y, lr, steps)[2]) == "converging"]
            return max(good) if good else None
        """, True, None),
    "search ignoring its steps argument": ("learning-rate", """
        def largest_stable_lr(X, y, candidates, steps=50):
            stable = []
            for lr in candidates:
                with np.errstate(all="ignore"):
                    if classify_run(gradient_descent(X, y, lr, 50)[2]) == "converging":
                        stable.append(lr)
            return max(stable) if stable else None
        """, False, "for the `steps` you were given"),
    "search returning the last stable candidate seen": ("learning-rate", """
        def largest_stable_lr(X, y, candidates, steps=50):
            best = None
            for lr in candidates:
                with np.errstate(all="ignore"):
                    if classify_run(gradient_descent(X, y, lr, steps)[2]) == "converging":
                        best = lr
            return best
        """, False, "out of order"),
    "search stopping at the first divergence": ("learning-rate", """
        def largest_stable_lr(X, y, candidates, steps=50):
            best = None
            for lr in candidates:
                with np.errstate(all="ignore"):
                    if classify_run(gradient_descent(X, y, lr, steps)[2]) == "diverging":
                        break
                best = lr
            return best
        """, False, "out of order"),
    "closed form by the normal equations and pinv": ("closed-form", """
        def closed_form(X, y):
            A = np.hstack([X, np.ones((len(X), 1))])
            theta = np.linalg.solve(A.T @ A, A.T @ y)
            return theta[:-1], float(theta[-1])

        def sklearn_fit(X, y):
            model = LinearRegression()
            model.fit(X, y)
            return np.array(model.coef_), float(model.intercept_)
        """, True, None),
    "closed form by centring the data": ("closed-form", """
        def closed_form(X, y):
            x_mean, y_mean = X.mean(axis=0), y.mean()
            Xc = X - x_mean
            w = np.linalg.solve(Xc.T @ Xc, Xc.T @ (y - y_mean))
            return w, y_mean - x_mean @ w
        """, True, None),
    "closed form with the ones column first, read as if last": ("closed-form", """
        def closed_form(X, y):
            A = np.column_stack([np.ones(len(X)), X])
            theta = np.linalg.lstsq(A, y, rcond=None)[0]
            return theta[:-1], theta[-1]
        """, False, "the slope and the intercept are swapped"),
    "closed form without the column of ones": ("closed-form", """
        def closed_form(X, y):
            return np.linalg.lstsq(X, y, rcond=None)[0], 0.0
        """, False, "b (the intercept) from closed_form"),
    "scikit-learn without an intercept": ("closed-form", """
        def sklearn_fit(X, y):
            model = LinearRegression(fit_intercept=False).fit(X, y)
            return model.coef_, model.intercept_
        """, False, "b (the intercept) from sklearn_fit"),
    "closed form returning b as an array": ("closed-form", """
        def closed_form(X, y):
            A = np.column_stack([X, np.ones(len(X))])
            theta = np.linalg.lstsq(A, y, rcond=None)[0]
            return theta[:-1], theta[-1:]
        """, False, "should be a single number"),
}


def test_the_prediction_answer_stays_hidden_in_the_release():
    source = nbformat.read(LAB, as_version=4)
    cells = {cell.id: cell for cell in source.cells}
    ids = list(cells)
    assert ids.index("learning-rate-predict") < ids.index("learning-rate-prediction") < ids.index(
        "learning-rate-try") < ids.index("learning-rate-why")
    meta = cells["learning-rate-prediction"].metadata["bytementor"]
    assert meta["role"] == "prediction" and meta["exercise"] == "learning-rate"
    assert len(meta["choices"]) == 4 and meta["answer"] == 2
    reveal = cells["learning-rate-why"]
    assert role_of(reveal) == "reveal"
    assert reveal.metadata["bytementor"]["exercise"] == "learning-rate"
    assert reveal.source.splitlines()[0] == "### What happened, and why"
    assert "**C.**" in reveal.source
    # The release has neither the answer nor the explanation.
    released = {cell.id: cell for cell in load_lab(LAB).released.cells}
    assert "answer" not in released["learning-rate-prediction"].metadata["bytementor"]
    assert "**C.**" not in released["learning-rate-why"].source
    assert released["learning-rate-why"].metadata["editable"] is False


def test_every_exercise_has_cases_that_pass_and_fail():
    assert thinly_tested(LAB, CASES) == []


@pytest.fixture(scope="module")
def solved():
    """A kernel that ran the source notebook, with the pristine tests and the answers."""
    with SolvedLab(LAB) as lab:
        yield lab


@pytest.mark.parametrize("case", list(CASES))
def test_learner_variant(solved, case):
    solved.try_variant(*CASES[case])
