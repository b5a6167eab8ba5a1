"""The logistic-regression lab's tests accept any correct answer and reject the usual slips.

One kernel runs the source notebook; each case then replaces one exercise's
answer with another learner's code, checks that exercise with the pristine
tests, and puts the reference answer back.
"""

from __future__ import annotations


import pytest
from labkernel import REPO, SolvedLab, thinly_tested

from jupyterlab_bytementor.catalog import load_lab
from jupyterlab_bytementor.release import role_of

LAB = REPO / "labs" / "stage2-core-ml" / "logistic-regression.ipynb"

# (exercise, learner code, passes?, a phrase the first failure message must contain)
CASES = {
    # -- 1. sigmoid ------------------------------------------------------------------
    "sigmoid with exp(-|z|) and np.where": ("sigmoid", """
        def sigmoid(z):
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        """, True, None),
    "sigmoid by a loop with math.exp": ("sigmoid", """
        import math

        def sigmoid(z):
            out = []
            for v in z:
                if v >= 0:
                    out.append(1 / (1 + math.exp(-v)))
                else:
                    e = math.exp(v)
                    out.append(e / (1 + e))
            return np.array(out)
        """, True, None),
    "sigmoid in float32": ("sigmoid", """
        def sigmoid(z):
            z = np.asarray(z, dtype=np.float32)
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float32)
        """, True, None),
    "sigmoid with the scores clipped": ("sigmoid", """
        def sigmoid(z):
            return 1 / (1 + np.exp(-np.clip(z, -500, 500)))
        """, True, None),
    "sigmoid filling two boolean masks": ("sigmoid", """
        def sigmoid(z):
            z = np.array(z, dtype=float)
            out = np.zeros(z.shape)
            pos, neg = z >= 0, z < 0
            out[pos] = 1 / (1 + np.exp(-z[pos]))
            out[neg] = np.exp(z[neg]) / (1 + np.exp(z[neg]))
            return out
        """, True, None),
    "sigmoid as typed from the formula": ("sigmoid", """
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))
        """, False, "made NumPy warn"),
    "sigmoid with both branches in np.where": ("sigmoid", """
        def sigmoid(z):
            return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
        """, False, "np.where(cond, a, b) computes both a and b"),
    "sigmoid as one minus for negative scores": ("sigmoid", """
        def sigmoid(z):
            s = 1 / (1 + np.exp(-np.abs(z)))
            return np.where(z >= 0, s, 1 - s)
        """, False, "yours is exactly 0"),
    "sigmoid through tanh": ("sigmoid", """
        def sigmoid(z):
            return 0.5 * (1 + np.tanh(z / 2))
        """, False, "yours is exactly 0"),
    # -- 2. binary cross-entropy -----------------------------------------------------
    "bce by a loop with math.log": ("bce", """
        import math

        def binary_cross_entropy(y_true, p):
            total = 0.0
            for label, prob in zip(y_true, p):
                prob = min(max(prob, 1e-15), 1 - 1e-15)
                total += -math.log(prob) if label == 1 else -math.log(1 - prob)
            return total / len(y_true)
        """, True, None),
    "bce choosing the probability of what happened, in float32": ("bce", """
        def binary_cross_entropy(y_true, p):
            p = np.clip(np.asarray(p, dtype=np.float32), 1e-7, 1 - 1e-7)
            given = np.where(np.asarray(y_true) == 1, p, 1 - p)
            return -np.log(given).mean()
        """, True, None),
    "bce by boolean indexing": ("bce", """
        def binary_cross_entropy(y_true, p):
            p = np.clip(p, 1e-15, 1 - 1e-15)
            late = y_true == 1
            return (-np.log(p[late]).sum() - np.log(1 - p[~late]).sum()) / len(p)
        """, True, None),
    "bce summing": ("bce", """
        def binary_cross_entropy(y_true, p):
            p = np.clip(p, 1e-15, 1 - 1e-15)
            return -np.sum(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
        """, False, "4 times too big"),
    "bce without the minus sign": ("bce", """
        def binary_cross_entropy(y_true, p):
            p = np.clip(p, 1e-15, 1 - 1e-15)
            return np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
        """, False, "is negative"),
    "bce in log base 10": ("bce", """
        def binary_cross_entropy(y_true, p):
            p = np.clip(p, 1e-15, 1 - 1e-15)
            return -np.mean(y_true * np.log10(p) + (1 - y_true) * np.log10(1 - p))
        """, False, "log base 10"),
    "bce with the two terms swapped": ("bce", """
        def binary_cross_entropy(y_true, p):
            p = np.clip(p, 1e-15, 1 - 1e-15)
            return -np.mean(y_true * np.log(1 - p) + (1 - y_true) * np.log(p))
        """, False, "probability of class 0"),
    "bce forgetting the y = 0 term": ("bce", """
        def binary_cross_entropy(y_true, p):
            p = np.clip(p, 1e-15, 1 - 1e-15)
            return -np.mean(y_true * np.log(p))
        """, False, "ignores the examples with y = 0"),
    "bce without clipping": ("bce", """
        def binary_cross_entropy(y_true, p):
            with np.errstate(divide="ignore", invalid="ignore"):
                return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
        """, False, "clip p first"),
    # -- 3. gradient -----------------------------------------------------------------
    "gradient with loops": ("gradient", """
        def bce_gradient(X, y, w, b):
            n, d = X.shape
            grad_w, grad_b = np.zeros(d), 0.0
            for i in range(n):
                score = sum(X[i, j] * w[j] for j in range(d)) + b
                error = sigmoid(np.array([score]))[0] - y[i]
                for j in range(d):
                    grad_w[j] += error * X[i, j] / n
                grad_b += error / n
            return grad_w, grad_b
        """, True, None),
    "gradient through a bias column, in float32": ("gradient", """
        def bce_gradient(X, y, w, b):
            A = np.column_stack([X, np.ones(len(X))]).astype(np.float32)
            theta = np.append(w, b).astype(np.float32)
            g = A.T @ (sigmoid(A @ theta) - y.astype(np.float32)) / len(y)
            return [g[:-1], g[-1]]
        """, True, None),
    "gradient per feature in a list comprehension": ("gradient", """
        def bce_gradient(X, y, w, b):
            p = sigmoid(X.dot(w) + b)
            grad_w = np.array([np.mean((p - y) * X[:, j]) for j in range(X.shape[1])])
            return grad_w, np.mean(p - y)
        """, True, None),
    "gradient multiplying X by the errors without a new axis": ("gradient", """
        def bce_gradient(X, y, w, b):
            e = sigmoid(X @ w + b) - y
            return np.mean(X * e, axis=0), np.mean(e)
        """, False, "errors[:, None]"),
    "gradient with the factor 2 of the MSE": ("gradient", """
        def bce_gradient(X, y, w, b):
            e = sigmoid(X @ w + b) - y
            return 2 * X.T @ e / len(y), 2 * np.mean(e)
        """, False, "twice the right size"),
    "gradient summing": ("gradient", """
        def bce_gradient(X, y, w, b):
            e = sigmoid(X @ w + b) - y
            return X.T @ e, np.sum(e)
        """, False, "4 times too big"),
    "gradient with the sign flipped": ("gradient", """
        def bce_gradient(X, y, w, b):
            e = y - sigmoid(X @ w + b)
            return X.T @ e / len(y), np.mean(e)
        """, False, "points the wrong way"),
    "gradient without the sigmoid": ("gradient", """
        def bce_gradient(X, y, w, b):
            e = X @ w + b - y
            return X.T @ e / len(y), np.mean(e)
        """, False, "in place of the probability"),
    "gradient of the squared error on p": ("gradient", """
        def bce_gradient(X, y, w, b):
            p = sigmoid(X @ w + b)
            e = (p - y) * p * (1 - p)
            return X.T @ e / len(y), np.mean(e)
        """, False, "extra factor p * (1 - p)"),
    "gradient forgetting the bias": ("gradient", """
        def bce_gradient(X, y, w, b):
            e = sigmoid(X @ w) - y
            return X.T @ e / len(y), np.mean(e)
        """, False, "without b"),
    # -- 4. training -----------------------------------------------------------------
    "training with an array history and no helpers": ("train", """
        def train_logistic(X, y, lr, steps):
            w, b = np.zeros(X.shape[1]), 0.0
            history = np.empty(steps + 1)
            for k in range(steps + 1):
                p = np.clip(1 / (1 + np.exp(-(X @ w + b))), 1e-15, 1 - 1e-15)
                history[k] = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
                if k < steps:
                    w, b = w - lr * X.T @ (p - y) / len(y), b - lr * np.mean(p - y)
            return w, b, history
        """, True, None),
    "training in float32 through a bias column": ("train", """
        def train_logistic(X, y, lr, steps):
            A = np.column_stack([X, np.ones(len(X))]).astype(np.float32)
            theta = np.zeros(A.shape[1], dtype=np.float32)
            history = [binary_cross_entropy(y, sigmoid(A @ theta))]
            for _ in range(steps):
                theta = theta - np.float32(lr) * A.T @ (sigmoid(A @ theta) - y) / len(y)
                history.append(binary_cross_entropy(y, sigmoid(A @ theta)))
            return theta[:-1], theta[-1], history
        """, True, None),
    "training updating w before computing b's gradient": ("train", """
        def train_logistic(X, y, lr, steps):
            w, b = np.zeros(X.shape[1]), 0.0
            history = [binary_cross_entropy(y, sigmoid(X @ w + b))]
            for _ in range(steps):
                w = w - lr * bce_gradient(X, y, w, b)[0]
                b = b - lr * bce_gradient(X, y, w, b)[1]
                history.append(binary_cross_entropy(y, sigmoid(X @ w + b)))
            return w, b, history
        """, False, "updated w first"),
    "training updating b before computing w's gradient": ("train", """
        def train_logistic(X, y, lr, steps):
            w, b = np.zeros(X.shape[1]), 0.0
            history = [binary_cross_entropy(y, sigmoid(X @ w + b))]
            for _ in range(steps):
                b = b - lr * bce_gradient(X, y, w, b)[1]
                w = w - lr * bce_gradient(X, y, w, b)[0]
                history.append(binary_cross_entropy(y, sigmoid(X @ w + b)))
            return w, b, history
        """, False, "updated b first"),
    "training climbing uphill": ("train", """
        def train_logistic(X, y, lr, steps):
            w, b = np.zeros(X.shape[1]), 0.0
            history = [binary_cross_entropy(y, sigmoid(X @ w + b))]
            for _ in range(steps):
                grad_w, grad_b = bce_gradient(X, y, w, b)
                w, b = w + lr * grad_w, b + lr * grad_b
                history.append(binary_cross_entropy(y, sigmoid(X @ w + b)))
            return w, b, history
        """, False, "stepped uphill"),
    "training forgetting the starting loss": ("train", """
        def train_logistic(X, y, lr, steps):
            w, b, history = np.zeros(X.shape[1]), 0.0, []
            for _ in range(steps):
                grad_w, grad_b = bce_gradient(X, y, w, b)
                w, b = w - lr * grad_w, b - lr * grad_b
                history.append(binary_cross_entropy(y, sigmoid(X @ w + b)))
            return w, b, history
        """, False, "should have 2 numbers but yours has 1"),
    # -- 5. L2 and scikit-learn ------------------------------------------------------
    "L2 as weight decay, sklearn with the solver named": ("l2", """
        def train_logistic_l2(X, y, lam, lr=1.0, steps=2000):
            w, b = np.zeros(X.shape[1]), 0.0
            for _ in range(steps):
                p = sigmoid(X @ w + b)
                w = (1 - lr * lam) * w - lr * X.T @ (p - y) / len(y)
                b = b - lr * np.mean(p - y)
            return w, b

        def sklearn_l2(X, y, lam):
            C = 1.0 / (lam * X.shape[0])
            model = LogisticRegression(C=C, solver="lbfgs", tol=1e-10, max_iter=1000)
            model.fit(X, y)
            return model.coef_.ravel(), float(model.intercept_[0])
        """, True, None),
    "L2 through a bias column with a penalty mask, sklearn by newton-cg": ("l2", """
        def train_logistic_l2(X, y, lam, lr=1.0, steps=2000):
            A = np.column_stack([X, np.ones(len(X))])
            mask = np.append(np.ones(X.shape[1]), 0.0)
            theta = np.zeros(A.shape[1])
            for _ in range(steps):
                grad = A.T @ (sigmoid(A @ theta) - y) / len(y) + lam * mask * theta
                theta -= lr * grad
            return theta[:-1], theta[-1]

        def sklearn_l2(X, y, lam):
            model = LogisticRegression(C=1 / (len(y) * lam), solver="newton-cg",
                                       tol=1e-10, max_iter=1000).fit(X, y)
            return model.coef_[0], model.intercept_.item()
        """, True, None),
    "L2 penalising the bias": ("l2", """
        def train_logistic_l2(X, y, lam, lr=1.0, steps=2000):
            w, b = np.zeros(X.shape[1]), 0.0
            for _ in range(steps):
                grad_w, grad_b = bce_gradient(X, y, w, b)
                w, b = w - lr * (grad_w + lam * w), b - lr * (grad_b + lam * b)
            return w, b
        """, False, "penalises b too"),
    "L2 with twice the pull": ("l2", """
        def train_logistic_l2(X, y, lam, lr=1.0, steps=2000):
            w, b = np.zeros(X.shape[1]), 0.0
            for _ in range(steps):
                grad_w, grad_b = bce_gradient(X, y, w, b)
                w, b = w - lr * (grad_w + 2 * lam * w), b - lr * grad_b
            return w, b
        """, False, "twice as hard"),
    "L2 with lam divided by n": ("l2", """
        def train_logistic_l2(X, y, lam, lr=1.0, steps=2000):
            w, b = np.zeros(X.shape[1]), 0.0
            for _ in range(steps):
                grad_w, grad_b = bce_gradient(X, y, w, b)
                w, b = w - lr * (grad_w + lam / len(y) * w), b - lr * grad_b
            return w, b
        """, False, "you divided lam by n"),
    "L2 forgetting the penalty": ("l2", """
        def train_logistic_l2(X, y, lam, lr=1.0, steps=2000):
            w, b = np.zeros(X.shape[1]), 0.0
            for _ in range(steps):
                grad_w, grad_b = bce_gradient(X, y, w, b)
                w, b = w - lr * grad_w, b - lr * grad_b
            return w, b
        """, False, "ignores lam"),
    "sklearn with C = 1 / lam": ("l2", """
        def sklearn_l2(X, y, lam):
            model = LogisticRegression(C=1 / lam, tol=1e-10, max_iter=1000).fit(X, y)
            return model.coef_[0], model.intercept_[0]
        """, False, "C = 1 / (n * lam)"),
    "sklearn with C = lam": ("l2", """
        def sklearn_l2(X, y, lam):
            model = LogisticRegression(C=lam, tol=1e-10, max_iter=1000).fit(X, y)
            return model.coef_[0], model.intercept_[0]
        """, False, "uses C = lam"),
    "sklearn with C = 1 / (2 n lam)": ("l2", """
        def sklearn_l2(X, y, lam):
            model = LogisticRegression(C=1 / (2 * len(y) * lam), tol=1e-10, max_iter=1000)
            model.fit(X, y)
            return model.coef_[0], model.intercept_[0]
        """, False, "twice as hard as J"),
    "sklearn with the default C": ("l2", """
        def sklearn_l2(X, y, lam):
            model = LogisticRegression(tol=1e-10, max_iter=1000).fit(X, y)
            return model.coef_[0], model.intercept_[0]
        """, False, "default C = 1.0"),
    "sklearn returning coef_ as it is": ("l2", """
        def sklearn_l2(X, y, lam):
            model = LogisticRegression(C=1 / (len(y) * lam), tol=1e-10, max_iter=1000).fit(X, y)
            return model.coef_, model.intercept_[0]
        """, False, "an extra axis of length 1"),
    "sklearn returning intercept_ as it is": ("l2", """
        def sklearn_l2(X, y, lam):
            model = LogisticRegression(C=1 / (len(y) * lam), tol=1e-10, max_iter=1000).fit(X, y)
            return model.coef_[0], model.intercept_
        """, False, "take intercept_[0]"),
    # -- 6. threshold ----------------------------------------------------------------
    "threshold with booleans and broadcasting": ("threshold", """
        def predict(X, w, b, threshold=0.5):
            return sigmoid(X @ w + b) >= threshold

        def lowest_cost_threshold(p, y, thresholds, cost_fp, cost_fn):
            t = np.asarray(thresholds)[:, None]
            said_late = p[None, :] >= t
            cost = (cost_fp * (said_late & (y == 0)).sum(axis=1)
                    + cost_fn * (~said_late & (y == 1)).sum(axis=1))
            return float(t[np.argmin(cost), 0])
        """, True, None),
    "threshold on the score through the logit, search with a strict <": ("threshold", """
        import math

        def predict(X, w, b, threshold=0.5):
            cut = math.log(threshold / (1 - threshold))
            return np.array([1 if score >= cut else 0 for score in X @ w + b])

        def lowest_cost_threshold(p, y, thresholds, cost_fp, cost_fn):
            best, best_cost = None, math.inf
            for t in thresholds:
                fp = sum(1 for pi, yi in zip(p, y) if pi >= t and yi == 0)
                fn = sum(1 for pi, yi in zip(p, y) if pi < t and yi == 1)
                if cost_fp * fp + cost_fn * fn < best_cost:
                    best, best_cost = t, cost_fp * fp + cost_fn * fn
            return best
        """, True, None),
    "threshold with np.where and a dict of costs": ("threshold", """
        def predict(X, w, b, threshold=0.5):
            return np.where(sigmoid(X @ w + b) >= threshold, 1, 0)

        def lowest_cost_threshold(p, y, thresholds, cost_fp, cost_fn):
            cost = {}
            for t in thresholds:
                said = (p >= t).astype(int)
                cost[t] = (cost_fp * np.sum((said == 1) & (y == 0))
                           + cost_fn * np.sum((said == 0) & (y == 1)))
            return min(cost, key=cost.get)
        """, True, None),
    "predict comparing the score with the threshold": ("threshold", """
        def predict(X, w, b, threshold=0.5):
            return (X @ w + b >= threshold).astype(int)
        """, False, "compared the score"),
    "predict returning probabilities": ("threshold", """
        def predict(X, w, b, threshold=0.5):
            return sigmoid(X @ w + b)
        """, False, "should hold only 0 and 1"),
    "cost with the two costs swapped": ("threshold", """
        def lowest_cost_threshold(p, y, thresholds, cost_fp, cost_fn):
            costs = [cost_fn * np.sum((p >= t) & (y == 0)) + cost_fp * np.sum((p < t) & (y == 1))
                     for t in thresholds]
            return thresholds[int(np.argmin(costs))]
        """, False, "costs swapped"),
    "cost keeping the highest": ("threshold", """
        def lowest_cost_threshold(p, y, thresholds, cost_fp, cost_fn):
            costs = [cost_fp * np.sum((p >= t) & (y == 0)) + cost_fn * np.sum((p < t) & (y == 1))
                     for t in thresholds]
            return thresholds[int(np.argmax(costs))]
        """, False, "highest cost"),
    "cost returning the cost": ("threshold", """
        def lowest_cost_threshold(p, y, thresholds, cost_fp, cost_fn):
            costs = [cost_fp * np.sum((p >= t) & (y == 0)) + cost_fn * np.sum((p < t) & (y == 1))
                     for t in thresholds]
            return min(costs)
        """, False, "not its cost"),
    "cost breaking ties towards the largest threshold": ("threshold", """
        def lowest_cost_threshold(p, y, thresholds, cost_fp, cost_fn):
            best, best_cost = None, float("inf")
            for t in thresholds:
                cost = cost_fp * np.sum((p >= t) & (y == 0)) + cost_fn * np.sum((p < t) & (y == 1))
                if cost <= best_cost:
                    best, best_cost = t, cost
            return best
        """, False, "three-way tie"),
}


def test_every_exercise_has_cases_that_pass_and_fail():
    assert thinly_tested(LAB, CASES) == []


def test_the_lab_matches_the_curriculum_line():
    lab = load_lab(LAB)
    assert lab.entry["stage"] == 2 and lab.entry["track"] == "ml-algorithm-lab"
    assert [e["id"] for e in lab.entry["exercises"]] == [
        "sigmoid", "bce", "gradient", "train", "l2", "threshold"]
    for cell in lab.released.cells:
        if role_of(cell) == "hint":
            assert cell.source.startswith("**Hint "), cell.id


@pytest.fixture(scope="module")
def solved():
    """A kernel that ran the source notebook, with the pristine tests and the answers."""
    with SolvedLab(LAB) as lab:
        yield lab


@pytest.mark.parametrize("case", list(CASES))
def test_learner_variant(solved, case):
    solved.try_variant(*CASES[case])
