"""The linear-algebra lab's tests accept any correct answer and reject the usual slips.

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

LAB = REPO / "labs" / "stage1-foundations" / "linear-algebra.ipynb"

# (exercise, learner code, passes?, a phrase the first failure message must contain)
CASES = {
    # -- 1. norms ---------------------------------------------------------------------
    "norms with loops and np.linalg.norm": ("norms", """
        def vector_norms(v):
            l1 = l2_squared = linf = 0.0
            for value in v:
                l1 += abs(value)
                l2_squared += value * value
                linf = max(linf, abs(value))
            return [l1, l2_squared ** 0.5, linf]

        def normalize_rows(X):
            lengths = np.linalg.norm(X, axis=1, keepdims=True)
            safe = np.where(lengths == 0, 1.0, lengths)
            return X / safe
        """, True, None),
    "norms in float32 through the dot product": ("norms", """
        def vector_norms(v):
            v = np.asarray(v, dtype=np.float32)
            return float(np.abs(v).sum()), np.sqrt(v @ v), np.abs(v).max()

        def normalize_rows(X):
            X = np.array(X, dtype=np.float32)
            out = np.zeros_like(X)
            for i, row in enumerate(X):
                length = np.sqrt(row @ row)
                if length > 0:
                    out[i] = row / length
            return out
        """, True, None),
    "L1 without the absolute values": ("norms", """
        def vector_norms(v):
            return np.sum(v), np.sqrt(np.sum(v ** 2)), np.max(np.abs(v))
        """, False, "you summed the signed entries"),
    "L2 without the square root": ("norms", """
        def vector_norms(v):
            return np.sum(np.abs(v)), np.sum(v ** 2), np.max(np.abs(v))
        """, False, "that is the squared length"),
    "L-infinity without the absolute values": ("norms", """
        def vector_norms(v):
            return np.sum(np.abs(v)), np.sqrt(np.sum(v ** 2)), np.max(v)
        """, False, "you took the largest signed entry"),
    "rows normalised by column lengths": ("norms", """
        def normalize_rows(X):
            return X / np.linalg.norm(X, axis=0)
        """, False, "divided each COLUMN by its length"),
    "rows normalised without keepdims": ("norms", """
        def normalize_rows(X):
            lengths = np.linalg.norm(X, axis=1)
            lengths[lengths == 0] = 1.0
            return X / lengths
        """, False, "keepdims=True, or lengths[:, None]"),
    "rows normalised by squared lengths": ("norms", """
        def normalize_rows(X):
            return X / np.sum(X ** 2, axis=1, keepdims=True)
        """, False, "divided by the squared lengths"),
    "zero rows become nan": ("norms", """
        def normalize_rows(X):
            return X / np.linalg.norm(X, axis=1, keepdims=True)
        """, False, "a row of zeros was divided by its length 0"),
    "rows normalised in place": ("norms", """
        def normalize_rows(X):
            lengths = np.linalg.norm(X, axis=1, keepdims=True)
            lengths[lengths == 0] = 1.0
            X /= lengths
            return X
        """, False, "changed the array it was given"),
    "norms with math.fsum, rows with np.divide where": ("norms", """
        import math

        def vector_norms(v):
            values = [float(x) for x in v]
            l1 = math.fsum(abs(x) for x in values)
            l2 = math.sqrt(math.fsum(x * x for x in values))
            linf = max((abs(x) for x in values), default=0.0)
            return l1, l2, linf

        def normalize_rows(X):
            X = np.asarray(X, dtype=float)
            lengths = np.sqrt(np.einsum("ij,ij->i", X, X))[:, None]
            return np.divide(X, lengths, out=np.zeros_like(X), where=lengths > 0)
        """, True, None),
    "norms as a 1-D array of three": ("norms", """
        def vector_norms(v):
            a = np.abs(v)
            return np.array([a.sum(), np.sqrt((a ** 2).sum()), a.max()])
        """, True, None),
    "rows divided into an int array's own dtype": ("norms", """
        def normalize_rows(X):
            n = np.linalg.norm(X, axis=1, keepdims=True)
            return np.divide(X, n, out=np.zeros_like(X), where=n > 0)
        """, False, "Cannot cast ufunc 'divide' output"),
    # -- 2. dot product and angle -----------------------------------------------------
    "dot and angle with NumPy's norm": ("dot-angle", """
        def dot(u, v):
            return np.sum(np.asarray(u) * np.asarray(v))

        def angle_degrees(u, v):
            cosine = dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
            return np.rad2deg(np.arccos(min(1.0, max(-1.0, cosine))))
        """, True, None),
    "dot and angle with the math module": ("dot-angle", """
        import math

        def dot(u, v):
            return sum(float(a) * float(b) for a, b in zip(u, v))

        def angle_degrees(u, v):
            cosine = dot(u, v) / math.sqrt(dot(u, u) * dot(v, v))
            cosine = max(-1.0, min(1.0, cosine))
            return math.degrees(math.acos(cosine))
        """, True, None),
    "dot without the sum": ("dot-angle", """
        def dot(u, v):
            return u * v
        """, False, "should be a single number"),
    "angle in radians": ("dot-angle", """
        def angle_degrees(u, v):
            cosine = dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
            return np.arccos(np.clip(cosine, -1, 1))
        """, False, "that is 45 degrees in radians"),
    "angle from the raw dot product": ("dot-angle", """
        def angle_degrees(u, v):
            return np.degrees(np.arccos(dot(u, v)))
        """, False, "divide it by BOTH lengths"),
    "angle without clipping": ("dot-angle", """
        def angle_degrees(u, v):
            cosine = dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
            return np.degrees(np.arccos(cosine))
        """, False, "Clip it first"),
    "angle by atan2, clamped at zero": ("dot-angle", """
        def angle_degrees(u, v):
            uu, vv, uv = dot(u, u), dot(v, v), dot(u, v)
            sine_part = np.sqrt(max(uu * vv - uv * uv, 0.0))
            return float(np.degrees(np.arctan2(sine_part, uv)))
        """, True, None),
    "dot with operator.mul, angle through normalize_rows": ("dot-angle", """
        import operator

        def dot(u, v):
            return sum(map(operator.mul, u, v))

        def angle_degrees(u, v):
            a, b = normalize_rows(np.vstack([u, v]).astype(float))
            return np.degrees(np.arccos(np.clip(np.sum(a * b), -1, 1)))
        """, True, None),
    "dot by NumPy's @": ("dot-angle", """
        def dot(u, v):
            return u @ v
        """, False, "dot used NumPy's own product"),
    "dot by np.einsum": ("dot-angle", """
        def dot(u, v):
            return np.einsum("i,i->", u, v)
        """, False, "dot used NumPy's own product"),
    "angle divided by the squared lengths": ("dot-angle", """
        def angle_degrees(u, v):
            cosine = dot(u, v) / (dot(u, u) * dot(v, v))
            return np.degrees(np.arccos(np.clip(cosine, -1, 1)))
        """, False, "SQUARED lengths"),
    "angle by atan2 without the clamp": ("dot-angle", """
        def angle_degrees(u, v):
            uu, vv, uv = u @ u, v @ v, u @ v
            return np.degrees(np.arctan2(np.sqrt(uu * vv - uv * uv), uv))
        """, False, "a hair below 0"),
    "angle as scikit-learn's (1, 1) array": ("dot-angle", """
        from sklearn.metrics.pairwise import cosine_similarity

        def angle_degrees(u, v):
            return np.degrees(np.arccos(np.clip(cosine_similarity([u], [v]), -1, 1)))
        """, False, "yours has shape (1, 1)"),
    # -- 3. the shape of a product ----------------------------------------------------
    "shape by asking NumPy": ("product-shape", """
        def product_shape(shape_a, shape_b):
            try:
                return (np.zeros(shape_a) @ np.zeros(shape_b)).shape
            except ValueError:
                return None
        """, True, None),
    "shape case by case": ("product-shape", """
        def product_shape(shape_a, shape_b):
            if len(shape_a) == 1 and len(shape_b) == 1:
                return () if shape_a[0] == shape_b[0] else None
            if len(shape_a) == 2 and len(shape_b) == 1:
                return (shape_a[0],) if shape_a[1] == shape_b[0] else None
            if len(shape_a) == 1:
                return (shape_b[1],) if shape_a[0] == shape_b[0] else None
            if shape_a[1] != shape_b[0]:
                return None
            return (shape_a[0], shape_b[1])
        """, True, None),
    "a vector treated as a column": ("product-shape", """
        def product_shape(shape_a, shape_b):
            a = shape_a if len(shape_a) == 2 else (1,) + tuple(shape_a)
            b = shape_b if len(shape_b) == 2 else tuple(shape_b) + (1,)
            return None if a[1] != b[0] else (a[0], b[1])
        """, False, "a 1-D array stays 1-D"),
    "inner sizes never compared": ("product-shape", """
        def product_shape(shape_a, shape_b):
            return tuple(shape_a[:-1]) + tuple(shape_b[1:])
        """, False, "the inner sizes differ"),
    "outer sizes swapped": ("product-shape", """
        def product_shape(shape_a, shape_b):
            if shape_a[-1] != shape_b[0]:
                return None
            return tuple(shape_b[1:]) + tuple(shape_a[:-1])
        """, False, "in the wrong order"),
    "the dot product as shape (1,)": ("product-shape", """
        def product_shape(shape_a, shape_b):
            if shape_a[-1] != shape_b[0]:
                return None
            return tuple(shape_a[:-1]) + tuple(shape_b[1:]) or (1,)
        """, False, "the empty tuple ()"),
    "a list instead of a tuple": ("product-shape", """
        def product_shape(shape_a, shape_b):
            if shape_a[-1] != shape_b[0]:
                return None
            return list(shape_a[:-1]) + list(shape_b[1:])
        """, False, "NumPy shapes are tuples"),
    # -- 4. matrix-vector product -----------------------------------------------------
    "columns mixed by broadcasting": ("matvec", """
        def matvec_by_columns(A, x):
            return (A * x).sum(axis=1)
        """, True, None),
    "columns mixed in float32 with a generator": ("matvec", """
        def matvec_by_columns(A, x):
            A = np.asarray(A, dtype=np.float32)
            return sum(np.float32(x[j]) * A[:, j] for j in range(A.shape[1]))
        """, True, None),
    "columns summed with start=": ("matvec", """
        def matvec_by_columns(A, x):
            A = np.asarray(A)
            return sum((x_j * column for x_j, column in zip(x, A.T)), start=np.zeros(A.shape[0]))
        """, True, None),
    "rows read as dot products": ("matvec", """
        def matvec_by_columns(A, x):
            return np.array([dot(A[i], x) for i in range(A.shape[0])])
        """, True, None),
    "NumPy's @ itself": ("matvec", """
        def matvec_by_columns(A, x):
            return A @ x
        """, False, "matvec_by_columns used NumPy's own product"),
    "A.dot itself": ("matvec", """
        def matvec_by_columns(A, x):
            return A.dot(x)
        """, False, "matvec_by_columns used NumPy's own product"),
    "np.einsum itself": ("matvec", """
        def matvec_by_columns(A, x):
            return np.einsum("ij,j->i", A, x)
        """, False, "matvec_by_columns used NumPy's own product"),
    "running total in A's int dtype": ("matvec", """
        def matvec_by_columns(A, x):
            out = np.zeros_like(A[:, 0])
            for j in range(A.shape[1]):
                out += x[j] * A[:, j]
            return out
        """, False, "Cannot cast ufunc 'add' output"),
    "rows mixed instead of columns": ("matvec", """
        def matvec_by_columns(A, x):
            return (A * x[:, None]).sum(axis=0)
        """, False, "you mixed the ROWS of A"),
    "each column summed on its own": ("matvec", """
        def matvec_by_columns(A, x):
            return (A * x).sum(axis=0)
        """, False, "you added up the entries inside each column"),
    "columns scaled but not added": ("matvec", """
        def matvec_by_columns(A, x):
            return A * x
        """, False, "did not add the scaled columns together"),
    # -- 5. projection ----------------------------------------------------------------
    "projection through a unit vector": ("projection", """
        def project(v, u):
            unit = u / np.linalg.norm(u)
            return (v @ unit) * unit
        """, True, None),
    "projection by one-column least squares": ("projection", """
        def project(v, u):
            u = np.asarray(u, dtype=float)
            c = np.linalg.lstsq(u[:, None], np.asarray(v, dtype=float), rcond=None)[0]
            return c[0] * u
        """, True, None),
    "projection by the projection matrix": ("projection", """
        def project(v, u):
            u = np.asarray(u, dtype=float)
            direction = u / np.linalg.norm(u)
            return np.outer(direction, direction).dot(np.asarray(v, dtype=float))
        """, True, None),
    "the residual instead of the shadow": ("projection", """
        def project(v, u):
            return v - (v @ u) / (u @ u) * u
        """, False, "that is the residual"),
    "projection divided by the length": ("projection", """
        def project(v, u):
            return (u @ v) / np.linalg.norm(u) * u
        """, False, "the SQUARED length"),
    "u projected onto v": ("projection", """
        def project(v, u):
            return (u @ v) / (v @ v) * v
        """, False, "you projected u onto v"),
    "the coefficient instead of the vector": ("projection", """
        def project(v, u):
            return (u @ v) / (u @ u)
        """, False, "returned one number"),
    # -- 6. least squares -------------------------------------------------------------
    "normal equations by the inverse, sklearn with np.r_": ("least-squares", """
        def least_squares(A, y):
            return np.linalg.inv(A.T @ A) @ A.T @ y

        def sklearn_coefficients(X, y):
            model = LinearRegression()
            model.fit(X, y)
            return np.r_[model.intercept_, model.coef_]
        """, True, None),
    "least squares by lstsq, sklearn with np.append": ("least-squares", """
        def least_squares(A, y):
            theta, *_ = np.linalg.lstsq(A, y, rcond=None)
            return theta

        def sklearn_coefficients(X, y):
            fitted = LinearRegression(fit_intercept=True).fit(np.asarray(X), np.asarray(y))
            return np.append(fitted.intercept_, fitted.coef_)
        """, True, None),
    "least squares by the pseudo-inverse": ("least-squares", """
        def least_squares(A, y):
            return np.linalg.pinv(A) @ y
        """, True, None),
    "normal equations by Cholesky, sklearn with np.insert": ("least-squares", """
        import scipy.linalg

        def least_squares(A, y):
            factor = scipy.linalg.cho_factor(A.T @ A)
            return scipy.linalg.cho_solve(factor, A.T @ y)

        def sklearn_coefficients(X, y):
            model = LinearRegression().fit(X, y)
            return np.insert(model.coef_, 0, model.intercept_)
        """, True, None),
    "sklearn coefficients as a list": ("least-squares", """
        def sklearn_coefficients(X, y):
            model = LinearRegression().fit(X, y)
            return [model.intercept_, *model.coef_]
        """, False, "np.array(...) turns a list into an array"),
    "the whole lstsq answer returned": ("least-squares", """
        def least_squares(A, y):
            return np.linalg.lstsq(A, y, rcond=None)
        """, False, "should be a NumPy array of shape (2,) but your function returned a tuple"),
    "the normal equations without y": ("least-squares", """
        def least_squares(A, y):
            return np.linalg.inv(A.T @ A) @ A.T
        """, False, "that is the matrix (AᵀA)⁻¹Aᵀ itself"),
    "the right-hand side without A.T": ("least-squares", """
        def least_squares(A, y):
            return np.linalg.solve(A.T @ A, y)
        """, False, "line 2 of your cell: `return np.linalg.solve(A.T @ A, y)`"),
    "sklearn with the intercept last": ("least-squares", """
        def sklearn_coefficients(X, y):
            model = LinearRegression().fit(X, y)
            return np.append(model.coef_, model.intercept_)
        """, False, "the intercept (1) goes first"),
    "sklearn without an intercept": ("least-squares", """
        def sklearn_coefficients(X, y):
            model = LinearRegression(fit_intercept=False).fit(X, y)
            return np.concatenate([[model.intercept_], model.coef_])
        """, False, "keep LinearRegression's default fit_intercept=True"),
    "sklearn weights alone": ("least-squares", """
        def sklearn_coefficients(X, y):
            return LinearRegression().fit(X, y).coef_
        """, False, "returned only the weights"),
    # -- a review solve: other styles and slips ----------------------------------------------
    "norms with Python's builtins, rows one at a time": ("norms", """
        def vector_norms(v):
            l1 = sum(abs(x) for x in v)
            l2 = sum(x * x for x in v) ** 0.5
            linf = max(abs(x) for x in v)
            return (l1, l2, linf)

        def normalize_rows(X):
            out = np.zeros(X.shape)
            for i in range(X.shape[0]):
                length = np.sqrt(np.sum(X[i] ** 2))
                if length > 0:
                    out[i] = X[i] / length
            return out
        """, True, None),
    "rows with np.where around the zero lengths": ("norms", """
        def normalize_rows(X):
            lengths = np.linalg.norm(X, axis=1)[:, None]
            return np.where(lengths == 0, 0.0, X / np.where(lengths == 0, 1, lengths))
        """, True, None),
    "L-infinity as the largest minus the smallest entry": ("norms", """
        def vector_norms(v):
            v = np.asarray(v, float)
            return np.abs(v).sum(), np.sqrt((v ** 2).sum()), v.max() - v.min()
        """, False, "linf of [3, -4] should be 4.0"),
    "dot by a comprehension, angle clamped with min and max": ("dot-angle", """
        def dot(u, v):
            return sum([u[i] * v[i] for i in range(len(u))])

        def angle_degrees(u, v):
            c = dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
            c = min(1.0, max(-1.0, c))
            return np.arccos(c) * 180 / np.pi
        """, True, None),
    "angle converted with 3.14 for pi": ("dot-angle", """
        def angle_degrees(u, v):
            c = np.clip(dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)), -1, 1)
            return np.arccos(c) * 180 / 3.14
        """, False, "angle_degrees([2, 0], [3, 3]) should be 45.0"),
    "the dot product's shape as a vector": ("product-shape", """
        def product_shape(shape_a, shape_b):
            if shape_a[-1] != shape_b[0]:
                return None
            if len(shape_a) == 1:
                return (shape_b[-1],)
            if len(shape_b) == 1:
                return (shape_a[0],)
            return (shape_a[0], shape_b[1])
        """, False, "two 1-D arrays multiply to their dot product"),
    "columns scaled in a list, then summed": ("matvec", """
        def matvec_by_columns(A, x):
            return sum([x[j] * A[:, j] for j in range(len(x))])
        """, True, None),
    "projection scaling u in place": ("projection", """
        def project(v, u):
            c = (u @ v) / (u @ u)
            u *= c
            return u
        """, False, "project changed an array it was given"),
    "least squares with y as a column": ("least-squares", """
        def least_squares(A, y):
            return np.linalg.solve(A.T @ A, A.T @ y.reshape(-1, 1))
        """, False, "an extra axis of length 1"),
}


@pytest.fixture(scope="module", params=[LAB], ids=["linear-algebra"])
def lab_path(request):
    """The lab's path; the id lets `pytest -k linear-algebra` select this module too."""
    return request.param


def test_the_prediction_answer_stays_hidden_in_the_release(lab_path):
    source = nbformat.read(lab_path, as_version=4)
    cells = {cell.id: cell for cell in source.cells}
    ids = list(cells)
    assert ids.index("product-shape-predict") < ids.index("product-shape-prediction") < ids.index(
        "product-shape-try") < ids.index("product-shape-why")
    assert "prediction" not in cells["product-shape-predict"].metadata["bytementor"]
    # The prediction cell: four choices, the right one (5,), choice B.
    question = cells["product-shape-prediction"].metadata["bytementor"]
    assert question["role"] == "prediction" and question["exercise"] == "product-shape"
    assert len(question["choices"]) == 4 and question["answer"] == 1
    assert question["choices"][1].startswith("(5,)")
    reveal = cells["product-shape-why"]
    assert role_of(reveal) == "reveal"
    assert reveal.metadata["bytementor"]["exercise"] == "product-shape"
    assert reveal.source.splitlines()[0] == "### What happened, and why"
    assert reveal.source.splitlines()[2].startswith("**B.**")
    # The release has neither the answer nor the explanation.
    released = {cell.id: cell for cell in load_lab(lab_path).released.cells}
    assert "answer" not in released["product-shape-prediction"].metadata["bytementor"]
    assert "**B.**" not in released["product-shape-why"].source
    assert released["product-shape-why"].metadata["editable"] is False


def test_every_exercise_has_three_hints_in_order(lab_path):
    source = nbformat.read(lab_path, as_version=4)
    for exercise in load_lab(lab_path).entry["exercises"]:
        hints = [cell.source.splitlines()[0] for cell in source.cells
                 if role_of(cell) == "hint"
                 and cell.metadata["bytementor"]["exercise"] == exercise["id"]]
        assert hints == [f"**Hint {n} of 3**" for n in (1, 2, 3)], exercise["id"]


def test_every_exercise_has_cases_that_pass_and_fail():
    assert thinly_tested(LAB, CASES) == []


@pytest.fixture(scope="module")
def solved(lab_path):
    """A kernel that ran the source notebook, with the pristine tests and the answers."""
    with SolvedLab(lab_path) as lab:
        yield lab


@pytest.mark.parametrize("case", list(CASES))
def test_learner_variant(solved, case):
    solved.try_variant(*CASES[case])
