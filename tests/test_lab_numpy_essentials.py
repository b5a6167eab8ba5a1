"""The numpy-essentials lab's tests accept any correct answer and reject the usual slips.

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

LAB = REPO / "labs" / "stage1-foundations" / "numpy-essentials.ipynb"

# (exercise, learner code, passes?, a phrase the first failure message must contain)
CASES = {
    # -- 1. reshape and transpose ------------------------------------------------------
    "images with np.reshape, mirror with swapaxes": ("shapes", """
        def to_images(flat, side):
            return np.reshape(flat, (len(flat), side, side))

        def mirror_images(images):
            return np.swapaxes(images, 1, 2)
        """, True, None),
    "images row by row in a loop, mirror with three loops": ("shapes", """
        def to_images(flat, side):
            return np.array([row.reshape(side, side) for row in flat])

        def mirror_images(images):
            n, rows, cols = images.shape
            out = np.empty((n, cols, rows), dtype=images.dtype)
            for k in range(n):
                for i in range(cols):
                    for j in range(rows):
                        out[k, i, j] = images[k, j, i]
            return out
        """, True, None),
    "mirror with einsum": ("shapes", """
        def mirror_images(images):
            return np.einsum("kij->kji", images)
        """, True, None),
    "mirror with .T": ("shapes", """
        def mirror_images(images):
            return images.T
        """, False, "reverses all three axes"),
    "mirror with reshape": ("shapes", """
        def mirror_images(images):
            n, rows, cols = images.shape
            return images.reshape(n, cols, rows)
        """, False, "only regrouped"),
    "mirror by flipping left-right": ("shapes", """
        def mirror_images(images):
            return np.flip(images, axis=2)
        """, False, "returned the shape it was given"),
    "images filled column by column": ("shapes", """
        def to_images(flat, side):
            return flat.reshape(-1, side, side).transpose(0, 2, 1)
        """, False, "every image mirrored"),
    "images with the size hard-coded": ("shapes", """
        def to_images(flat, side):
            return flat.reshape(1797, 8, 8)
        """, False, "cannot reshape array of size 18"),
    # -- 2. standardise ------------------------------------------------------------------
    "standardise with keepdims": ("standardise", """
        def standardise(X):
            mu = np.mean(X, axis=0, keepdims=True)
            sigma = np.sqrt(np.mean((X - mu) ** 2, axis=0, keepdims=True))
            return (X - mu) / sigma
        """, True, None),
    "standardise column by column in float32": ("standardise", """
        def standardise(X):
            Z = np.empty(X.shape, dtype=np.float32)
            for j in range(X.shape[1]):
                column = X[:, j].astype(np.float32)
                Z[:, j] = (column - column.mean()) / column.std()
            return Z
        """, True, None),
    "standardise with StandardScaler": ("standardise", """
        from sklearn.preprocessing import StandardScaler

        def standardise(X):
            return StandardScaler().fit_transform(X)
        """, True, None),
    "standardise along rows": ("standardise", """
        def standardise(X):
            return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)
        """, False, "statistics of each row"),
    "standardise with ddof=1": ("standardise", """
        def standardise(X):
            return (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
        """, False, "ddof=1"),
    "standardise with one mean for everything": ("standardise", """
        def standardise(X):
            return (X - X.mean()) / X.std()
        """, False, "one mean and one standard deviation for the whole array"),
    "standardise in place": ("standardise", """
        def standardise(X):
            X -= X.mean(axis=0)
            X /= X.std(axis=0)
            return X
        """, False, "changed the array it was given"),
    "standardise only centring": ("standardise", """
        def standardise(X):
            return X - X.mean(axis=0)
        """, False, "did not scale them"),
    "standardise dividing by the variance": ("standardise", """
        def standardise(X):
            return (X - X.mean(axis=0)) / X.var(axis=0)
        """, False, "divided by the variance"),
    # -- 3. masks -------------------------------------------------------------------------
    "select with logical_and, clip with where": ("masks", """
        def select_wines(X, y, wine_class, min_alcohol):
            rows = np.flatnonzero(np.logical_and(y == wine_class, X[:, 0] > min_alcohol))
            return X[rows, :]

        def clip_outliers(Z, limit=3.0):
            return np.where(Z > limit, limit, np.where(Z < -limit, -limit, Z))
        """, True, None),
    "select with a list of indices, clip with minimum and maximum": ("masks", """
        def select_wines(X, y, wine_class, min_alcohol):
            keep = [i for i in range(len(X)) if y[i] == wine_class and X[i, 0] > min_alcohol]
            return X[keep]

        def clip_outliers(Z, limit=3.0):
            return np.minimum(np.maximum(Z, -limit), limit)
        """, True, None),
    "clip with np.clip": ("masks", """
        def clip_outliers(Z, limit=3.0):
            return np.clip(Z, -limit, limit)
        """, True, None),
    "select with or": ("masks", """
        def select_wines(X, y, wine_class, min_alcohol):
            return X[(y == wine_class) | (X[:, 0] > min_alcohol)]
        """, False, "use &"),
    "select with >=": ("masks", """
        def select_wines(X, y, wine_class, min_alcohol):
            return X[(y == wine_class) & (X[:, 0] >= min_alcohol)]
        """, False, "strictly above"),
    "select forgetting the alcohol": ("masks", """
        def select_wines(X, y, wine_class, min_alcohol):
            return X[y == wine_class]
        """, False, "whatever its alcohol"),
    "select returning one column": ("masks", """
        def select_wines(X, y, wine_class, min_alcohol):
            return X[(y == wine_class) & (X[:, 0] > min_alcohol), 0]
        """, False, "1-D array"),
    "select with Python's and": ("masks", """
        def select_wines(X, y, wine_class, min_alcohol):
            return X[(y == wine_class) and (X[:, 0] > min_alcohol)]
        """, False, "ambiguous"),
    "select losing the second axis when empty": ("masks", """
        def select_wines(X, y, wine_class, min_alcohol):
            return np.array([row for row, label in zip(X, y)
                             if label == wine_class and row[0] > min_alcohol])
        """, False, "shape (0, 13)"),
    "clip in place": ("masks", """
        def clip_outliers(Z, limit=3.0):
            Z[Z > limit] = limit
            Z[Z < -limit] = -limit
            return Z
        """, False, "changed the array it was given"),
    "clip only the high side": ("masks", """
        def clip_outliers(Z, limit=3.0):
            out = Z.copy()
            out[out > limit] = limit
            return out
        """, False, "left -4.0 alone"),
    "clip losing the sign": ("masks", """
        def clip_outliers(Z, limit=3.0):
            out = Z.copy()
            out[np.abs(out) > limit] = limit
            return out
        """, False, "keeps its sign"),
    "clip to zero": ("masks", """
        def clip_outliers(Z, limit=3.0):
            out = Z.copy()
            out[np.abs(out) > limit] = 0
            return out
        """, False, "set the outliers to 0"),
    # -- 4. pairwise distances --------------------------------------------------------------
    "pairwise by the expansion, clipped at 0": ("pairwise", """
        def pairwise_distances(A, B):
            squared = (A ** 2).sum(axis=1)[:, None] - 2 * A @ B.T + (B ** 2).sum(axis=1)[None, :]
            return np.sqrt(np.maximum(squared, 0))
        """, True, None),
    "pairwise with einsum in float32": ("pairwise", """
        def pairwise_distances(A, B):
            diff = np.asarray(A, np.float32)[:, np.newaxis] - np.asarray(B, np.float32)[np.newaxis]
            return np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))
        """, True, None),
    "pairwise with one loop over the rows of A": ("pairwise", """
        def pairwise_distances(A, B):
            D = np.empty((len(A), len(B)))
            for i, a in enumerate(A):
                D[i] = np.linalg.norm(B - a, axis=1)
            return D
        """, True, None),
    "pairwise with the double loop": ("pairwise", """
        def pairwise_distances(A, B):
            D = np.zeros((len(A), len(B)))
            for i in range(len(A)):
                for j in range(len(B)):
                    D[i, j] = np.linalg.norm(A[i] - B[j])
            return D
        """, False, "time budget"),
    "pairwise with pure-Python lists": ("pairwise", """
        def pairwise_distances(A, B):
            rows_a, rows_b = A.tolist(), B.tolist()
            return np.array([[sum((x - z) ** 2 for x, z in zip(a, b)) ** 0.5 for b in rows_b]
                             for a in rows_a])
        """, False, "time budget"),
    "pairwise without the square root": ("pairwise", """
        def pairwise_distances(A, B):
            return np.sum((A[:, None, :] - B[None, :, :]) ** 2, axis=-1)
        """, False, "squared distances"),
    "pairwise with rows and columns swapped": ("pairwise", """
        def pairwise_distances(A, B):
            return np.sqrt(np.sum((B[:, None, :] - A[None, :, :]) ** 2, axis=-1))
        """, False, "rows and columns are swapped"),
    "pairwise by the expansion, not clipped": ("pairwise", """
        def pairwise_distances(A, B):
            squared = (A ** 2).sum(axis=1)[:, None] - 2 * A @ B.T + (B ** 2).sum(axis=1)[None, :]
            return np.sqrt(squared)
        """, False, "contains nan"),
    "pairwise summing over the wrong axis": ("pairwise", """
        def pairwise_distances(A, B):
            return np.sqrt(np.sum((A[:, None, :] - B[None, :, :]) ** 2, axis=1))
        """, False, "shape (2, 3)"),
    # -- 5. nearest neighbours -----------------------------------------------------------------
    "neighbours with an eye mask and a counted accuracy": ("nearest-neighbour", """
        def nearest_neighbour(X):
            D = pairwise_distances(X, X)
            D[np.eye(len(X), dtype=bool)] = np.inf
            return np.argmin(D, axis=1)

        def one_nn_accuracy(X, y):
            nearest = nearest_neighbour(X)
            hits = 0
            for i in range(len(y)):
                hits += int(y[nearest[i]] == y[i])
            return hits / len(y)
        """, True, None),
    "neighbours with scikit-learn": ("nearest-neighbour", """
        from sklearn.neighbors import NearestNeighbors

        def nearest_neighbour(X):
            found = NearestNeighbors(n_neighbors=2).fit(X).kneighbors(X, return_distance=False)
            return found[:, 1]
        """, True, None),
    "neighbours including the point itself": ("nearest-neighbour", """
        def nearest_neighbour(X):
            return pairwise_distances(X, X).argmin(axis=1)
        """, False, "nearest neighbour is itself"),
    "neighbours with a diagonal of zeros": ("nearest-neighbour", """
        def nearest_neighbour(X):
            D = pairwise_distances(X, X)
            np.fill_diagonal(D, 0.0)
            return D.argmin(axis=1)
        """, False, "nearest neighbour is itself"),
    "neighbours with argmax": ("nearest-neighbour", """
        def nearest_neighbour(X):
            return pairwise_distances(X, X).argmax(axis=1)
        """, False, "farthest point"),
    "accuracy as a count": ("nearest-neighbour", """
        def one_nn_accuracy(X, y):
            return int(np.sum(y[nearest_neighbour(X)] == y))
        """, False, "should be 0.8 but your function returned 4"),
    # -- a review solve: other styles and slips ----------------------------------------------
    "images stacked one by one, each image transposed on its own": ("shapes", """
        def to_images(flat, side):
            return np.stack([row.reshape(side, side) for row in flat])

        def mirror_images(images):
            return np.array([image.T for image in images])
        """, True, None),
    "mirror with moveaxis": ("shapes", """
        def mirror_images(images):
            return np.moveaxis(images, 1, 2)
        """, True, None),
    "mirror by rotating a quarter turn": ("shapes", """
        def mirror_images(images):
            return np.rot90(images, axes=(1, 2))
        """, False, "mirror_images(np.arange(12).reshape(2, 2, 3)) should be"),
    "standardise a float copy in place": ("standardise", """
        def standardise(X):
            Z = X.astype(float)
            Z -= np.mean(Z, 0)
            Z /= np.sqrt(np.var(Z, 0))
            return Z
        """, True, None),
    "standardise by min-max scaling": ("standardise", """
        def standardise(X):
            return (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))
        """, False, "min-max scaling"),
    "select with np.where's indices, clip with np.sign": ("masks", """
        def select_wines(X, y, wine_class, min_alcohol):
            return X[np.where((y == wine_class) & (X[:, 0] > min_alcohol))]

        def clip_outliers(Z, limit=3.0):
            return np.where(np.abs(Z) > limit, np.sign(Z) * limit, Z)
        """, True, None),
    "pairwise with np.linalg.norm over the last axis": ("pairwise", """
        def pairwise_distances(A, B):
            return np.linalg.norm(A[:, np.newaxis, :] - B[np.newaxis, :, :], axis=2)
        """, True, None),
    "pairwise as Manhattan distances": ("pairwise", """
        def pairwise_distances(A, B):
            return np.abs(A[:, None, :] - B[None, :, :]).sum(axis=-1)
        """, False, "pairwise_distances(A_small, B_small) should be"),
    "neighbours with an infinite diagonal added, then argsort": ("nearest-neighbour", """
        def nearest_neighbour(X):
            D = pairwise_distances(X, X) + np.diag(np.full(len(X), np.inf))
            return np.argsort(D, axis=1)[:, 0]

        def one_nn_accuracy(X, y):
            return (y[nearest_neighbour(X)] == y).sum() / len(y)
        """, True, None),
    "accuracy in percent": ("nearest-neighbour", """
        def one_nn_accuracy(X, y):
            return 100 * np.mean(y[nearest_neighbour(X)] == y)
        """, False, "should be 0.8 but your function returned 80"),
}


@pytest.fixture(scope="module", params=[LAB], ids=["numpy-essentials"])
def lab_path(request):
    """The lab's path; its id makes `pytest -k numpy-essentials` select these tests too."""
    return request.param


@pytest.mark.parametrize("exercise,cell_ids,answer", [
    ("shapes", ("shapes-predict", "shapes-prediction", "shapes-try", "shapes-why"), 1),
    ("nearest-neighbour", ("nearest-neighbour-predict", "nearest-neighbour-prediction",
                           "nearest-neighbour-try", "nearest-neighbour-why"), 1),
])
def test_the_prediction_answer_stays_hidden_in_the_release(lab_path, exercise, cell_ids, answer):
    source = nbformat.read(lab_path, as_version=4)
    ids = [cell.id for cell in source.cells]
    assert [ids.index(cell_id) for cell_id in cell_ids] == sorted(
        ids.index(cell_id) for cell_id in cell_ids)
    ask, predict, try_it, why = (source.cells[ids.index(cell_id)] for cell_id in cell_ids)
    assert role_of(ask) == "instructions" and "prediction" not in ask.metadata["bytementor"]
    meta = predict.metadata["bytementor"]
    assert meta["role"] == "prediction" and meta["exercise"] == exercise
    assert len(meta["choices"]) == 4 and meta["answer"] == answer
    assert role_of(try_it) is None  # the learner's own cell: it shows the result
    assert role_of(why) == "reveal" and why.metadata["bytementor"]["exercise"] == exercise
    assert why.source.splitlines()[0] == "### What happened, and why"
    letter = "ABCD"[answer]
    assert f"**{letter}.**" in why.source
    # The release has neither the answer nor the explanation.
    released = {cell.id: cell for cell in load_lab(lab_path).released.cells}
    assert "answer" not in released[predict.id].metadata["bytementor"]
    assert f"**{letter}.**" not in released[why.id].source
    assert released[why.id].metadata["editable"] is False


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
