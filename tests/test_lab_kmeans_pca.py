"""The kmeans-pca lab's tests accept any correct answer and reject the usual slips.

One kernel runs the source notebook; each case then replaces one exercise's
answer with another learner's code, checks that exercise with the pristine
tests, and puts the reference answer back.
"""

from __future__ import annotations


import pytest
from labkernel import REPO, SolvedLab, thinly_tested


LAB = REPO / "labs" / "stage2-core-ml" / "kmeans-pca.ipynb"

# (exercise, learner code, passes?, a phrase the first failure message must contain)
CASES = {
    # -- 1. Assign and update -----------------------------------------------------------------
    "assign and update with loops": ("assign-update", """
        def assign_clusters(X, centroids):
            labels = np.zeros(len(X), dtype=int)
            for i in range(len(X)):
                best_j, best_d = 0, None
                for j in range(len(centroids)):
                    d = np.sum((X[i] - centroids[j]) ** 2)
                    if best_d is None or d < best_d:
                        best_j, best_d = j, d
                labels[i] = best_j
            return labels

        def update_centroids(X, labels, centroids):
            new = []
            for j in range(len(centroids)):
                points = [X[i] for i in range(len(X)) if labels[i] == j]
                if points:
                    new.append(np.mean(points, axis=0))
                else:
                    new.append(centroids[j])
            return np.array(new)
        """, True, None),
    "assign by the expanded formula, update with bincount": ("assign-update", """
        def assign_clusters(X, centroids):
            d2 = ((X ** 2).sum(axis=1)[:, None] - 2 * X @ centroids.T
                  + (centroids ** 2).sum(axis=1)[None, :])
            return d2.argmin(axis=1)

        def update_centroids(X, labels, centroids):
            k = len(centroids)
            counts = np.bincount(labels, minlength=k)
            sums = np.zeros((k, X.shape[1]))
            np.add.at(sums, labels, X)
            new = centroids.astype(float).copy()
            filled = counts > 0
            new[filled] = sums[filled] / counts[filled, None]
            return new
        """, True, None),
    "assign with np.linalg.norm": ("assign-update", """
        def assign_clusters(X, centroids):
            distances = np.linalg.norm(X[:, np.newaxis] - centroids, axis=2)
            return np.argmin(distances, axis=1)
        """, True, None),
    "assign with argmin over the points": ("assign-update", """
        def assign_clusters(X, centroids):
            return np.argmin(((X[:, None, :] - centroids[None]) ** 2).sum(axis=2), axis=0)
        """, False, "you took the argmin over the points (axis=0)"),
    "assign with argmax": ("assign-update", """
        def assign_clusters(X, centroids):
            return np.argmax(((X[:, None, :] - centroids[None]) ** 2).sum(axis=2), axis=1)
        """, False, "FARTHEST"),
    "assign summing over the wrong axis": ("assign-update", """
        def assign_clusters(X, centroids):
            return np.argmin(((X[:, None, :] - centroids[None]) ** 2).sum(axis=1), axis=1)
        """, False, "over the centroids (axis=1) instead of over the coordinates"),
    "assign filling a float array": ("assign-update", """
        def assign_clusters(X, centroids):
            labels = np.zeros(len(X))
            for i, x in enumerate(X):
                labels[i] = np.argmin(np.sum((centroids - x) ** 2, axis=1))
            return labels
        """, False, "whole numbers"),
    "update leaving empty clusters as nan": ("assign-update", """
        def update_centroids(X, labels, centroids):
            return np.array([X[labels == j].mean(axis=0) for j in range(len(centroids))])
        """, False, "Centroid 2 came back as nan"),
    "update writing into the centroids it was given": ("assign-update", """
        def update_centroids(X, labels, centroids):
            new = centroids
            for j in range(len(centroids)):
                if np.any(labels == j):
                    new[j] = X[labels == j].mean(axis=0)
            return new
        """, False, "changed the centroids array it was given"),
    "update averaging all the numbers": ("assign-update", """
        def update_centroids(X, labels, centroids):
            new = centroids.copy()
            for j in range(len(centroids)):
                if np.any(labels == j):
                    new[j] = X[labels == j].mean()
            return new
        """, False, "you averaged all the numbers together"),
    "update dropping empty clusters": ("assign-update", """
        def update_centroids(X, labels, centroids):
            return np.array([X[labels == j].mean(axis=0) for j in np.unique(labels)])
        """, False, "returned 2 centroids for 3"),
    "update moving empty clusters to the origin": ("assign-update", """
        def update_centroids(X, labels, centroids):
            new = np.zeros_like(centroids, dtype=float)
            for j in range(len(centroids)):
                if np.any(labels == j):
                    new[j] = X[labels == j].mean(axis=0)
            return new
        """, False, "moved to (0, 0)"),
    # -- 2. Lloyd's loop ------------------------------------------------------------------------
    "kmeans stopping when the centroids stop moving, inertia in a loop": ("kmeans", """
        def inertia(X, centroids, labels):
            total = 0.0
            for i in range(len(X)):
                diff = X[i] - centroids[labels[i]]
                total += diff @ diff
            return total

        def kmeans(X, init_centroids, max_iter=100):
            centroids = init_centroids.copy()
            for step in range(max_iter):
                labels = assign_clusters(X, centroids)
                new_centroids = update_centroids(X, labels, centroids)
                if np.allclose(new_centroids, centroids):
                    break
                centroids = new_centroids
            labels = assign_clusters(X, centroids)
            return centroids, labels, inertia(X, centroids, labels)
        """, True, None),
    "kmeans with a while loop and a counter, inertia from norms": ("kmeans", """
        def inertia(X, centroids, labels):
            return np.sum(np.linalg.norm(X - centroids[labels], axis=1) ** 2)

        def kmeans(X, init_centroids, max_iter=100):
            centroids = np.array(init_centroids, dtype=float)
            old_labels = np.full(len(X), -1)
            iterations = 0
            while iterations < max_iter:
                labels = assign_clusters(X, centroids)
                if (labels == old_labels).all():
                    break
                centroids = update_centroids(X, labels, centroids)
                old_labels = labels
                iterations += 1
            labels = assign_clusters(X, centroids)
            return [centroids, labels, inertia(X, centroids, labels)]
        """, True, None),
    "inertia as a mean": ("kmeans", """
        def inertia(X, centroids, labels):
            return np.mean(np.sum((X - centroids[labels]) ** 2, axis=1))
        """, False, "that is the mean over the 5 points"),
    "inertia of plain distances": ("kmeans", """
        def inertia(X, centroids, labels):
            return np.sum(np.sqrt(np.sum((X - centroids[labels]) ** 2, axis=1)))
        """, False, "you added up plain distances"),
    "inertia to every centroid": ("kmeans", """
        def inertia(X, centroids, labels):
            return np.sum((X[:, None, :] - centroids[None, :, :]) ** 2)
        """, False, "to every centroid"),
    "inertia ignoring the labels": ("kmeans", """
        def inertia(X, centroids, labels):
            return np.sum(((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).min(axis=1))
        """, False, "even when another is nearer"),
    "kmeans doing one round only": ("kmeans", """
        def kmeans(X, init_centroids, max_iter=100):
            labels = assign_clusters(X, init_centroids)
            centroids = update_centroids(X, labels, init_centroids)
            labels = assign_clusters(X, centroids)
            return centroids, labels, inertia(X, centroids, labels)
        """, False, "ONE assignment and update"),
    "kmeans ignoring max_iter": ("kmeans", """
        def kmeans(X, init_centroids, max_iter=100):
            centroids, labels = np.array(init_centroids, dtype=float), None
            while True:
                new_labels = assign_clusters(X, centroids)
                if labels is not None and np.array_equal(new_labels, labels):
                    break
                labels = new_labels
                centroids = update_centroids(X, labels, centroids)
            return centroids, labels, inertia(X, centroids, labels)
        """, False, "max_iter=1"),
    "kmeans returning the labels from before the last update": ("kmeans", """
        def kmeans(X, init_centroids, max_iter=100):
            centroids, labels = np.array(init_centroids, dtype=float), None
            for _ in range(max_iter):
                new_labels = assign_clusters(X, centroids)
                if labels is not None and np.array_equal(new_labels, labels):
                    break
                labels = new_labels
                centroids = update_centroids(X, labels, centroids)
            return centroids, labels, inertia(X, centroids, labels)
        """, False, "the labels differ from scikit-learn's"),
    "kmeans updating init_centroids in place": ("kmeans", """
        def kmeans(X, init_centroids, max_iter=100):
            centroids, labels = init_centroids, None
            for _ in range(max_iter):
                new_labels = assign_clusters(X, centroids)
                if labels is not None and np.array_equal(new_labels, labels):
                    break
                labels = new_labels
                centroids[:] = update_centroids(X, labels, centroids)
            labels = assign_clusters(X, centroids)
            return centroids, labels, inertia(X, centroids, labels)
        """, False, "changed the init_centroids array"),
    "kmeans returning two things": ("kmeans", """
        def kmeans(X, init_centroids, max_iter=100):
            centroids, labels = np.array(init_centroids, dtype=float), None
            for _ in range(max_iter):
                new_labels = assign_clusters(X, centroids)
                if labels is not None and np.array_equal(new_labels, labels):
                    break
                labels = new_labels
                centroids = update_centroids(X, labels, centroids)
            return centroids, assign_clusters(X, centroids)
        """, False, "three things"),
    # -- 3. k-means++ -----------------------------------------------------------------------------
    "k-means++ with a cumulative sum and rng.random": ("kmeans-plus-plus", """
        def kmeans_plus_plus(X, k, rng):
            n = len(X)
            centres = [X[rng.integers(0, n)]]
            while len(centres) < k:
                d2 = np.array([min(np.sum((x - c) ** 2) for c in centres) for x in X])
                cumulative = np.cumsum(d2 / d2.sum())
                index = int(np.searchsorted(cumulative, rng.random()))
                centres.append(X[index])
            return np.array(centres)
        """, True, None),
    "k-means++ from norms, squared afterwards": ("kmeans-plus-plus", """
        def kmeans_plus_plus(X, k, rng):
            idx = [rng.choice(len(X))]
            for _ in range(k - 1):
                dist = np.linalg.norm(X[:, None, :] - X[idx][None, :, :], axis=2)
                d2 = dist.min(axis=1) ** 2
                idx.append(rng.choice(len(X), p=d2 / np.sum(d2)))
            return X[idx]
        """, True, None),
    "k-means++ taking the farthest point": ("kmeans-plus-plus", """
        def kmeans_plus_plus(X, k, rng):
            chosen = [rng.integers(len(X))]
            for _ in range(k - 1):
                d2 = np.sum((X[:, None, :] - X[chosen][None]) ** 2, axis=2).min(axis=1)
                chosen.append(int(np.argmax(d2)))
            return X[chosen]
        """, False, "always the point farthest"),
    "k-means++ with plain distances": ("kmeans-plus-plus", """
        def kmeans_plus_plus(X, k, rng):
            chosen = [rng.integers(len(X))]
            for _ in range(k - 1):
                d = np.sqrt(np.sum((X[:, None, :] - X[chosen][None]) ** 2, axis=2)).min(axis=1)
                chosen.append(rng.choice(len(X), p=d / d.sum()))
            return X[chosen]
        """, False, "follow the plain distance D"),
    "k-means++ starting from the first row": ("kmeans-plus-plus", """
        def kmeans_plus_plus(X, k, rng):
            chosen = [0]
            for _ in range(k - 1):
                d2 = np.sum((X[:, None, :] - X[chosen][None]) ** 2, axis=2).min(axis=1)
                chosen.append(rng.choice(len(X), p=d2 / d2.sum()))
            return X[chosen]
        """, False, "Your first centre was always point 0"),
    "k-means++ measuring from the last centre only": ("kmeans-plus-plus", """
        def kmeans_plus_plus(X, k, rng):
            chosen = [rng.integers(len(X))]
            for _ in range(k - 1):
                d2 = np.sum((X - X[chosen[-1]]) ** 2, axis=1)
                chosen.append(rng.choice(len(X), p=d2 / d2.sum()))
            return X[chosen]
        """, False, "a point was chosen twice"),
    "k-means++ drawing with np.random": ("kmeans-plus-plus", """
        def kmeans_plus_plus(X, k, rng):
            chosen = [np.random.randint(len(X))]
            for _ in range(k - 1):
                d2 = np.sum((X[:, None, :] - X[chosen][None]) ** 2, axis=2).min(axis=1)
                chosen.append(np.random.choice(len(X), p=d2 / d2.sum()))
            return X[chosen]
        """, False, "draw with the rng you are given"),
    "k-means++ without weights": ("kmeans-plus-plus", """
        def kmeans_plus_plus(X, k, rng):
            return X[rng.choice(len(X), size=k, replace=False)]
        """, False, "with probabilities proportional to D² they should be about"),
    # -- 4. Restarts and the elbow ----------------------------------------------------------------
    "best run by index, elbow in a loop": ("elbow", """
        def best_kmeans(X, inits):
            runs = [kmeans(X, init) for init in inits]
            inertias = [run[2] for run in runs]
            return runs[inertias.index(min(inertias))]

        def elbow_k(ks, inertias):
            best_k, best_ratio = None, -1
            for i in range(1, len(ks) - 1):
                ratio = (inertias[i - 1] - inertias[i]) / (inertias[i] - inertias[i + 1])
                if ratio > best_ratio:
                    best_k, best_ratio = ks[i], ratio
            return best_k
        """, True, None),
    "best run with min and a key, elbow with slices": ("elbow", """
        def best_kmeans(X, inits):
            return min((kmeans(X, init) for init in inits), key=lambda run: run[2])

        def elbow_k(ks, inertias):
            values = np.array(inertias, dtype=float)
            before = values[:-2] - values[1:-1]
            after = values[1:-1] - values[2:]
            return int(np.asarray(ks)[1:-1][np.argmax(before / after)])
        """, True, None),
    "best run keeping the highest inertia": ("elbow", """
        def best_kmeans(X, inits):
            return max((kmeans(X, init) for init in inits), key=lambda run: run[2])
        """, False, "HIGHEST"),
    "best run returning the last run": ("elbow", """
        def best_kmeans(X, inits):
            for init in inits:
                result = kmeans(X, init)
            return result
        """, False, "returned the last run"),
    "best run mixing the best inertia with the last clustering": ("elbow", """
        def best_kmeans(X, inits):
            lowest = None
            for init in inits:
                centroids, labels, value = kmeans(X, init)
                if lowest is None or value < lowest:
                    lowest = value
            return centroids, labels, lowest
        """, False, "from the same, best, run"),
    "elbow at the biggest drop": ("elbow", """
        def elbow_k(ks, inertias):
            drops = [inertias[i - 1] - inertias[i] for i in range(1, len(ks))]
            return ks[int(np.argmax(drops)) + 1]
        """, False, "that is the biggest drop"),
    "elbow one position off": ("elbow", """
        def elbow_k(ks, inertias):
            values = np.array(inertias)
            ratios = (values[:-2] - values[1:-1]) / (values[1:-1] - values[2:])
            return ks[int(np.argmax(ratios))]
        """, False, "one position off"),
    "elbow returning a position": ("elbow", """
        def elbow_k(ks, inertias):
            values = np.array(inertias)
            ratios = (values[:-2] - values[1:-1]) / (values[1:-1] - values[2:])
            return int(np.argmax(ratios)) + 1
        """, False, "a position in a list"),
    "elbow by the bend, without a ratio": ("elbow", """
        def elbow_k(ks, inertias):
            values = np.array(inertias)
            bends = (values[:-2] - values[1:-1]) - (values[1:-1] - values[2:])
            return ks[int(np.argmax(bends)) + 1]
        """, False, "in absolute terms"),
    # -- 5. PCA by SVD ------------------------------------------------------------------------------
    "pca from the covariance's eigenvectors": ("pca", """
        def pca_fit(X, n_components):
            mean = np.mean(X, axis=0)
            cov = np.cov(X - mean, rowvar=False)
            values, vectors = np.linalg.eigh(cov)
            order = np.argsort(values)[::-1]
            values, vectors = values[order], vectors[:, order]
            return (mean, vectors[:, :n_components].T, values[:n_components],
                    values[:n_components] / values.sum())
        """, True, None),
    "pca with flipped signs and variances of the projections": ("pca", """
        def pca_fit(X, n_components):
            mean = X.mean(axis=0)
            centred = X - mean
            U, S, Vt = np.linalg.svd(centred, full_matrices=False)
            components = -Vt[:n_components]
            variance = (centred @ components.T).var(axis=0, ddof=1)
            total = centred.var(axis=0, ddof=1).sum()
            return mean, components, variance, variance / total
        """, True, None),
    "pca without centring": ("pca", """
        def pca_fit(X, n_components):
            U, S, Vt = np.linalg.svd(X, full_matrices=False)
            variances = S ** 2 / (len(X) - 1)
            return (X.mean(axis=0), Vt[:n_components], variances[:n_components],
                    variances[:n_components] / variances.sum())
        """, False, "without subtracting the mean"),
    "pca returning U": ("pca", """
        def pca_fit(X, n_components):
            mean = X.mean(axis=0)
            U, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
            variances = S ** 2 / (len(X) - 1)
            return (mean, U[:, :n_components].T, variances[:n_components],
                    variances[:n_components] / variances.sum())
        """, False, "those are columns of U"),
    "pca taking the columns of Vt": ("pca", """
        def pca_fit(X, n_components):
            mean = X.mean(axis=0)
            U, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
            variances = S ** 2 / (len(X) - 1)
            return (mean, Vt[:, :n_components].T, variances[:n_components],
                    variances[:n_components] / variances.sum())
        """, False, "is not a principal direction"),
    "pca with eigh in increasing order": ("pca", """
        def pca_fit(X, n_components):
            mean = X.mean(axis=0)
            values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
            return (mean, vectors[:, :n_components].T, values[:n_components],
                    values[:n_components] / values.sum())
        """, False, "Sort largest first"),
    "pca dividing by n": ("pca", """
        def pca_fit(X, n_components):
            mean = X.mean(axis=0)
            U, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
            variances = S ** 2 / len(X)
            return (mean, Vt[:n_components], variances[:n_components],
                    variances[:n_components] / variances.sum())
        """, False, "divide by n - 1"),
    "pca with singular values not squared": ("pca", """
        def pca_fit(X, n_components):
            mean = X.mean(axis=0)
            U, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
            variances = S / (len(X) - 1)
            return (mean, Vt[:n_components], variances[:n_components],
                    variances[:n_components] / variances.sum())
        """, False, "without squaring them"),
    "pca ratios of the kept components only": ("pca", """
        def pca_fit(X, n_components):
            mean = X.mean(axis=0)
            U, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
            kept = S[:n_components] ** 2 / (len(X) - 1)
            return mean, Vt[:n_components], kept, kept / kept.sum()
        """, False, "variance of the KEPT components only"),
    "pca ratios of singular values": ("pca", """
        def pca_fit(X, n_components):
            mean = X.mean(axis=0)
            U, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
            variances = S ** 2 / (len(X) - 1)
            return mean, Vt[:n_components], variances[:n_components], S[:n_components] / S.sum()
        """, False, "ratios of singular values"),
    # -- 6. Projection and reconstruction -----------------------------------------------------------
    "project with np.dot, count with a while loop": ("reconstruction", """
        def pca_transform(X, mean, components):
            centred = X - mean
            return np.dot(centred, components.T)

        def pca_reconstruct(Z, mean, components):
            return mean + np.dot(Z, components)

        def n_components_for(explained_variance_ratio, target):
            total, count = 0.0, 0
            while total < target:
                total += explained_variance_ratio[count]
                count += 1
            return count
        """, True, None),
    "project one component at a time, count with searchsorted": ("reconstruction", """
        def pca_transform(X, mean, components):
            Z = np.zeros((len(X), len(components)))
            for j, component in enumerate(components):
                Z[:, j] = (X - mean) @ component
            return Z

        def pca_reconstruct(Z, mean, components):
            X_hat = np.tile(mean, (len(Z), 1))
            for j in range(len(components)):
                X_hat = X_hat + np.outer(Z[:, j], components[j])
            return X_hat

        def n_components_for(explained_variance_ratio, target):
            return int(np.searchsorted(np.cumsum(explained_variance_ratio), target)) + 1
        """, True, None),
    "project without centring": ("reconstruction", """
        def pca_transform(X, mean, components):
            return X @ components.T
        """, False, "without subtracting the mean"),
    "project with rows and columns swapped": ("reconstruction", """
        def pca_transform(X, mean, components):
            return components @ (X - mean).T
        """, False, "rows and columns swapped"),
    "reconstruct without the mean": ("reconstruction", """
        def pca_reconstruct(Z, mean, components):
            return Z @ components
        """, False, "forgot to add the mean back"),
    "count returning the position": ("reconstruction", """
        def n_components_for(explained_variance_ratio, target):
            return int(np.argmax(np.cumsum(explained_variance_ratio) >= target))
        """, False, "Positions start at 0, counts at 1"),
    "count of the ratios above the target": ("reconstruction", """
        def n_components_for(explained_variance_ratio, target):
            return int(np.sum(explained_variance_ratio >= target))
        """, False, "should be 2"),
}


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
