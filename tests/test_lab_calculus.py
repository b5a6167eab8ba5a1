"""The calculus lab's tests accept any correct answer and reject the usual slips.

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

LAB = REPO / "labs" / "stage1-foundations" / "calculus.ipynb"

# (exercise, learner code, passes?, a phrase the first failure message must contain)
CASES = {
    # -- 1. central differences -----------------------------------------------------
    "derivative over the measured run": ("central-difference", """
        def derivative(f, x, h=1e-5):
            left, right = x - h, x + h
            return (f(right) - f(left)) / (right - left)
        """, True, None),
    "derivative as the mean of forward and backward differences": ("central-difference", """
        def derivative(f, x, h=1e-5):
            forward = (f(x + h) - f(x)) / h
            backward = (f(x) - f(x - h)) / h
            return 0.5 * (forward + backward)
        """, True, None),
    "derivative written with a half": ("central-difference", """
        def derivative(f, x, h=1e-5):
            return 0.5 * (f(x + h) - f(x - h)) / h
        """, True, None),
    "derivative as a forward difference": ("central-difference", """
        def derivative(f, x, h=1e-5):
            return (f(x + h) - f(x)) / h
        """, False, "forward difference"),
    "derivative as a backward difference": ("central-difference", """
        def derivative(f, x, h=1e-5):
            return (f(x) - f(x - h)) / h
        """, False, "backward difference"),
    "derivative dividing by h": ("central-difference", """
        def derivative(f, x, h=1e-5):
            return (f(x + h) - f(x - h)) / h
        """, False, "divide by 2 * h"),
    "derivative without brackets": ("central-difference", """
        def derivative(f, x, h=1e-5):
            return (f(x + h) - f(x - h)) / 2 * h
        """, False, "Put brackets around the run"),
    "derivative ignoring its h": ("central-difference", """
        def derivative(f, x, h=1e-5):
            step = 1e-5
            return (f(x + step) - f(x - step)) / (2 * step)
        """, False, "must use the h it is given"),
    # -- 2. step size -------------------------------------------------------------------
    "errors in a loop, best step by sorting pairs": ("step-size", """
        def derivative_errors(f, f_prime, x, hs):
            out = []
            for h in hs:
                out.append(abs(derivative(f, x, h) - f_prime(x)))
            return out

        def best_step(hs, errors):
            return min(zip(errors, hs))[1]
        """, True, None),
    "errors vectorised, best step by list index": ("step-size", """
        def derivative_errors(f, f_prime, x, hs):
            estimates = np.array([derivative(f, x, h) for h in hs], dtype=np.float64)
            return np.abs(estimates - f_prime(x))

        def best_step(hs, errors):
            errors = list(errors)
            return list(hs)[errors.index(min(errors))]
        """, True, None),
    "errors keeping their sign": ("step-size", """
        def derivative_errors(f, f_prime, x, hs):
            return np.array([derivative(f, x, h) - f_prime(x) for h in hs])
        """, False, "take the absolute value"),
    "errors from a forward difference": ("step-size", """
        def derivative_errors(f, f_prime, x, hs):
            return np.array([abs((f(x + h) - f(x)) / h - f_prime(x)) for h in hs])
        """, False, "derivative_errors(x³, 3x², 2.0, [0.1, 0.5, 1.0]) should be"),
    "best step returning the smallest error": ("step-size", """
        def best_step(hs, errors):
            return min(errors)
        """, False, "the smallest error: return the step h"),
    "best step returning its position": ("step-size", """
        def best_step(hs, errors):
            return int(np.argmin(errors))
        """, False, "the position of the best step"),
    "best step with argmax": ("step-size", """
        def best_step(hs, errors):
            return hs[np.argmax(errors)]
        """, False, "np.argmin, not np.argmax"),
    "best step returning the last step of a sorted list": ("step-size", """
        def best_step(hs, errors):
            return sorted(hs)[0] if errors[-1] < errors[0] else sorted(hs)[-1]
        """, False, "best_step"),
    # -- 3. numerical gradient ----------------------------------------------------------
    "gradient nudging a float copy in place and restoring it": ("numerical-gradient", """
        def numerical_gradient(f, w, h=1e-5):
            w = np.array(w, dtype=float)
            grad = []
            for j in range(w.size):
                old = w[j]
                w[j] = old + h
                up = f(w)
                w[j] = old - h
                down = f(w)
                w[j] = old
                grad.append((up - down) / (2 * h))
            return np.array(grad)

        def scipy_gradient(f, w):
            return approx_fprime(w, f, 1e-8)
        """, True, None),
    "gradient from the rows of an identity matrix": ("numerical-gradient", """
        import scipy.optimize

        def numerical_gradient(f, w, h=1e-5):
            w = np.asarray(w).astype(np.float64)
            return np.array([(f(w + e) - f(w - e)) / (2 * h) for e in h * np.eye(len(w))])

        def scipy_gradient(f, w):
            return scipy.optimize.approx_fprime(np.asarray(w, float), f)
        """, True, None),
    "gradient changing the caller's w": ("numerical-gradient", """
        def numerical_gradient(f, w, h=1e-5):
            grad = np.zeros(len(w))
            for j in range(len(w)):
                w[j] += h
                up = f(w)
                w[j] -= 2 * h
                grad[j] = (up - f(w)) / (2 * h)
            return grad
        """, False, "changed the w it was given"),
    "gradient rounding its nudge away on whole numbers": ("numerical-gradient", """
        def numerical_gradient(f, w, h=1e-5):
            grad = np.zeros(len(w))
            for j in range(len(w)):
                up, down = w.copy(), w.copy()
                up[j] += h
                down[j] -= h
                grad[j] = (f(up) - f(down)) / (2 * h)
            return grad
        """, False, "cut back to a whole number"),
    "gradient by forward differences": ("numerical-gradient", """
        def numerical_gradient(f, w, h=1e-5):
            w = np.asarray(w, dtype=float)
            return np.array([(f(w + h * e) - f(w)) / h for e in np.eye(len(w))])
        """, False, "forward difference"),
    "gradient nudging every input at once": ("numerical-gradient", """
        def numerical_gradient(f, w, h=1e-5):
            w = np.asarray(w, dtype=float)
            return np.full(len(w), (f(w + h) - f(w - h)) / (2 * h))
        """, False, "nudge one input at a time"),
    "scipy gradient returning a list of the own estimate rounded": ("numerical-gradient", """
        def scipy_gradient(f, w):
            return list(np.round(numerical_gradient(f, w), 2))
        """, False, "scipy_gradient"),
    # -- 4. gradient of a quadratic -----------------------------------------------------
    "quadratic gradient as rows plus columns": ("quadratic-gradient", """
        def quadratic_gradient(w, A, b):
            return A @ w + A.T @ w + b
        """, True, None),
    "quadratic gradient with loops, in float32": ("quadratic-gradient", """
        def quadratic_gradient(w, A, b):
            d = len(w)
            grad = np.zeros(d, dtype=np.float32)
            for j in range(d):
                grad[j] = b[j] + sum((A[j, k] + A[k, j]) * w[k] for k in range(d))
            return grad
        """, True, None),
    "quadratic gradient with w on the left": ("quadratic-gradient", """
        def quadratic_gradient(w, A, b):
            return w @ (A + A.T) + b
        """, True, None),
    "quadratic gradient assuming a symmetric A": ("quadratic-gradient", """
        def quadratic_gradient(w, A, b):
            return 2 * A @ w + b
        """, False, "right only for a symmetric A"),
    "quadratic gradient without the factor 2": ("quadratic-gradient", """
        def quadratic_gradient(w, A, b):
            return A @ w + b
        """, False, "half what it should be"),
    "quadratic gradient without b": ("quadratic-gradient", """
        def quadratic_gradient(w, A, b):
            return (A + A.T) @ w
        """, False, "without b"),
    "quadratic gradient subtracting b": ("quadratic-gradient", """
        def quadratic_gradient(w, A, b):
            return (A + A.T) @ w - b
        """, False, "adds + b"),
    # -- 5. chain rule ------------------------------------------------------------------
    "neuron gradient with a loop over examples": ("chain-rule", """
        def neuron_gradient(X, y, w, b):
            n, d = X.shape
            grad_w, grad_b = np.zeros(d), 0.0
            for i in range(n):
                a = np.tanh(X[i] @ w + b)
                slope = 2 * (a - y[i]) * (1 - a * a) / n
                grad_w += slope * X[i]
                grad_b += slope
            return grad_w, grad_b
        """, True, None),
    "neuron gradient with 1/cosh² and means, in float32": ("chain-rule", """
        def neuron_gradient(X, y, w, b):
            X32, y32 = X.astype(np.float32), y.astype(np.float32)
            z = X32 @ w.astype(np.float32) + np.float32(b)
            delta = 2 * (np.tanh(z) - y32) / np.cosh(z) ** 2
            return [np.mean(delta[:, None] * X32, axis=0), float(np.mean(delta))]
        """, True, None),
    "neuron gradient without the tanh slope": ("chain-rule", """
        def neuron_gradient(X, y, w, b):
            e = np.tanh(X @ w + b) - y
            return 2 / len(y) * X.T @ e, 2 * np.mean(e)
        """, False, "missing the slope of tanh"),
    "neuron gradient with 1 - z²": ("chain-rule", """
        def neuron_gradient(X, y, w, b):
            z = X @ w + b
            dz = 2 / len(y) * (np.tanh(z) - y) * (1 - z ** 2)
            return X.T @ dz, dz.sum()
        """, False, "1 - tanh(z)²"),
    "neuron gradient summing": ("chain-rule", """
        def neuron_gradient(X, y, w, b):
            a = np.tanh(X @ w + b)
            dz = 2 * (a - y) * (1 - a ** 2)
            return X.T @ dz, dz.sum()
        """, False, "3 times too big"),
    "neuron gradient with the sign flipped": ("chain-rule", """
        def neuron_gradient(X, y, w, b):
            a = np.tanh(X @ w + b)
            dz = 2 / len(y) * (y - a) * (1 - a ** 2)
            return X.T @ dz, dz.sum()
        """, False, "points the wrong way"),
    "neuron gradient with a bias that skips the tanh": ("chain-rule", """
        def neuron_gradient(X, y, w, b):
            a = np.tanh(X @ w + b)
            dz = 2 / len(y) * (a - y) * (1 - a ** 2)
            return X.T @ dz, 2 * np.mean(a - y)
        """, False, "grad_b is missing the slope of tanh"),
    # -- 6. gradient checking -----------------------------------------------------------
    "gradient check with its own loop and square roots": ("gradient-check", """
        def gradient_check(f, grad_f, w, h=1e-5):
            w = np.asarray(w, dtype=float)
            g = np.asarray(grad_f(w), dtype=float)
            g_num = np.empty_like(w)
            for j in range(len(w)):
                e = np.zeros_like(w)
                e[j] = h
                g_num[j] = (f(w + e) - f(w - e)) / (2 * h)
            bottom = np.sqrt(np.sum(g ** 2)) + np.sqrt(np.sum(g_num ** 2))
            if bottom == 0:
                return 0.0
            return np.sqrt(np.sum((g - g_num) ** 2)) / bottom
        """, True, None),
    "gradient check with a tolerance on the zero case": ("gradient-check", """
        def gradient_check(f, grad_f, w, h=1e-5):
            g, g_num = np.array(grad_f(w), dtype=float), numerical_gradient(f, w, h)
            total = np.linalg.norm(g) + np.linalg.norm(g_num)
            return float(np.linalg.norm(g - g_num) / total) if total > 1e-300 else 0.0
        """, True, None),
    "gradient check returning the plain difference": ("gradient-check", """
        def gradient_check(f, grad_f, w, h=1e-5):
            return float(np.linalg.norm(np.asarray(grad_f(w)) - numerical_gradient(f, w, h)))
        """, False, "the plain difference"),
    "gradient check dividing by the larger length": ("gradient-check", """
        def gradient_check(f, grad_f, w, h=1e-5):
            g, g_num = np.asarray(grad_f(w)), numerical_gradient(f, w, h)
            top = np.linalg.norm(g - g_num)
            return 0.0 if top == 0 else float(top / max(np.linalg.norm(g), np.linalg.norm(g_num)))
        """, False, "not by one of them"),
    "gradient check with squared lengths": ("gradient-check", """
        def gradient_check(f, grad_f, w, h=1e-5):
            g, g_num = np.asarray(grad_f(w)), numerical_gradient(f, w, h)
            total = g @ g + g_num @ g_num
            return 0.0 if total == 0 else float((g - g_num) @ (g - g_num) / total)
        """, False, "squared lengths"),
    "gradient check with forward differences": ("gradient-check", """
        def gradient_check(f, grad_f, w, h=1e-5):
            w = np.asarray(w, dtype=float)
            g = np.asarray(grad_f(w), dtype=float)
            g_num = np.array([(f(w + h * e) - f(w)) / h for e in np.eye(len(w))])
            total = np.linalg.norm(g) + np.linalg.norm(g_num)
            return 0.0 if total == 0 else float(np.linalg.norm(g - g_num) / total)
        """, False, "should be below 1e-7"),
    "gradient check dividing 0 by 0": ("gradient-check", """
        def gradient_check(f, grad_f, w, h=1e-5):
            g, g_num = np.asarray(grad_f(w), dtype=float), numerical_gradient(f, w, h)
            with np.errstate(invalid="ignore"):
                return np.linalg.norm(g - g_num) / (np.linalg.norm(g) + np.linalg.norm(g_num))
        """, False, "0 / 0"),
    "gradient check ignoring its h": ("gradient-check", """
        def gradient_check(f, grad_f, w, h=1e-5):
            g, g_num = np.asarray(grad_f(w), dtype=float), numerical_gradient(f, w)
            total = np.linalg.norm(g) + np.linalg.norm(g_num)
            return 0.0 if total == 0 else float(np.linalg.norm(g - g_num) / total)
        """, False, "must pass its h on"),
    # -- a review solve: other styles and slips ----------------------------------------------
    "derivative from named pieces": ("central-difference", """
        def derivative(f, x, h=1e-5):
            ahead = f(x + h)
            behind = f(x - h)
            run = 2 * h
            return (ahead - behind) / run
        """, True, None),
    "derivative dividing by 2h squared": ("central-difference", """
        def derivative(f, x, h=1e-5):
            return (f(x + h) - f(x - h)) / (2 * h ** 2)
        """, False, "should be 6.0 but your function returned 60"),
    "best step by list.index of the smallest error": ("step-size", """
        def best_step(hs, errors):
            errors = list(errors)
            return list(hs)[errors.index(min(errors))]
        """, True, None),
    "errors relative to the exact slope": ("step-size", """
        def derivative_errors(f, f_prime, x, hs):
            return np.array([abs(derivative(f, x, h) - f_prime(x)) / abs(f_prime(x)) for h in hs])
        """, False, "derivative_errors(x³, 3x², 2.0, [0.1, 0.5, 1.0]) should be"),
    "errors squared": ("step-size", """
        def derivative_errors(f, f_prime, x, hs):
            return np.array([(derivative(f, x, h) - f_prime(x)) ** 2 for h in hs])
        """, False, "derivative_errors(x³, 3x², 2.0, [0.1, 0.5, 1.0]) should be"),
    "gradient by derivative along one input at a time": ("numerical-gradient", """
        def numerical_gradient(f, w, h=1e-5):
            w = np.asarray(w, dtype=float)
            out = np.zeros_like(w)
            for j in range(len(w)):
                def along(t, j=j):
                    point = w.copy()
                    point[j] = t
                    return f(point)
                out[j] = derivative(along, w[j], h)
            return out
        """, True, None),
    "scipy gradient with a step of 1e-5": ("numerical-gradient", """
        def scipy_gradient(f, w):
            return approx_fprime(w, f, 1e-5)
        """, False, "did you pass a step of your own"),
    "quadratic gradient by two einsums": ("quadratic-gradient", """
        def quadratic_gradient(w, A, b):
            return np.einsum("jk,k->j", A, w) + np.einsum("kj,k->j", A, w) + b
        """, True, None),
    "quadratic gradient with the transpose only": ("quadratic-gradient", """
        def quadratic_gradient(w, A, b):
            return 2 * A.T @ w + b
        """, False, "right only for a symmetric A"),
    "neuron gradient link by link, one sum per feature": ("chain-rule", """
        def neuron_gradient(X, y, w, b):
            n = X.shape[0]
            z = X @ w + b
            a = np.tanh(z)
            dL_da = 2 * (a - y) / n
            da_dz = 1 - np.tanh(z) ** 2
            delta = dL_da * da_dz
            grad_w = np.array([np.sum(delta * X[:, j]) for j in range(X.shape[1])])
            return grad_w, float(np.sum(delta))
        """, True, None),
    "neuron gradient as dz @ X, returned as a list": ("chain-rule", """
        def neuron_gradient(X, y, w, b):
            a = np.tanh(X @ w + b)
            dz = 2 / len(y) * (a - y) * (1 - a ** 2)
            return [dz @ X, dz.sum()]
        """, True, None),
    "neuron grad_b as a mean": ("chain-rule", """
        def neuron_gradient(X, y, w, b):
            a = np.tanh(X @ w + b)
            dz = 2 / len(y) * (a - y) * (1 - a ** 2)
            return X.T @ dz, np.mean(dz)
        """, False, "grad_b should be 0.07546791"),
    "gradient check with L1 lengths": ("gradient-check", """
        def gradient_check(f, grad_f, w, h=1e-5):
            g = np.asarray(grad_f(w), dtype=float)
            g_hat = numerical_gradient(f, w, h)
            bottom = np.abs(g).sum() + np.abs(g_hat).sum()
            return 0.0 if bottom == 0 else np.abs(g - g_hat).sum() / bottom
        """, False, "vs scipy.optimize.check_grad"),
    "gradient check dividing by the length of the sum": ("gradient-check", """
        def gradient_check(f, grad_f, w, h=1e-5):
            g = np.asarray(grad_f(w), dtype=float)
            g_hat = numerical_gradient(f, w, h)
            bottom = np.linalg.norm(g + g_hat)
            return 0.0 if bottom == 0 else np.linalg.norm(g - g_hat) / bottom
        """, False, "pointing the wrong way should be 1.0"),
}


@pytest.fixture(scope="module", params=[LAB], ids=["calculus"])
def lab_path(request):
    """The lab's path; its id makes `pytest -k calculus` select these tests too."""
    return request.param


def test_every_exercise_has_cases_that_pass_and_fail():
    assert thinly_tested(LAB, CASES) == []


def test_the_prediction_is_structured_and_its_answer_stays_hidden(lab_path):
    source = nbformat.read(lab_path, as_version=4)
    cells = {cell.id: cell for cell in source.cells}
    ids = list(cells)
    assert ids.index("step-size-predict") < ids.index("step-size-prediction") < ids.index(
        "step-size-try") < ids.index("step-size-why")
    assert "prediction" not in cells["step-size-predict"].metadata["bytementor"]
    meta = cells["step-size-prediction"].metadata["bytementor"]
    assert meta["role"] == "prediction" and meta["exercise"] == "step-size"
    assert len(meta["choices"]) == 4 and meta["answer"] == 1
    reveal = cells["step-size-why"]
    assert role_of(reveal) == "reveal"
    assert reveal.metadata["bytementor"]["exercise"] == "step-size"
    assert reveal.source.splitlines()[0] == "### What happened, and why"
    assert "**B.**" in reveal.source
    # The cell that shows the result is the learner's: no role, not locked.
    assert role_of(cells["step-size-try"]) is None
    # The release has neither the answer nor the explanation.
    released = {cell.id: cell for cell in load_lab(lab_path).released.cells}
    assert "answer" not in released["step-size-prediction"].metadata["bytementor"]
    assert "**B.**" not in released["step-size-why"].source
    assert released["step-size-why"].metadata["editable"] is False


@pytest.fixture(scope="module")
def solved(lab_path):
    """A kernel that ran the source notebook, with the pristine tests and the answers."""
    with SolvedLab(lab_path) as lab:
        yield lab


@pytest.mark.parametrize("case", list(CASES))
def test_learner_variant(solved, case):
    solved.try_variant(*CASES[case])
