"""The trees-and-ensembles lab's tests accept any correct answer and reject the usual slips.

One kernel runs the source notebook; each case then replaces one exercise's
answer with another learner's code, checks that exercise with the pristine
tests, and puts the reference answer back.
"""

from __future__ import annotations


import pytest
from labkernel import REPO, SolvedLab, thinly_tested


LAB = REPO / "labs" / "stage2-core-ml" / "trees-and-ensembles.ipynb"

# (exercise, learner code, passes?, a phrase the first failure message must contain)
CASES = {
    # -- 1. Gini impurity ---------------------------------------------------------------------
    "gini with a dict of counts": ("gini", """
        def gini(labels):
            counts = {}
            for label in labels:
                counts[label] = counts.get(label, 0) + 1
            total = sum(counts.values())
            return 1 - sum((c / total) ** 2 for c in counts.values()) if total else 0.0
        """, True, None),
    "gini with Counter in float32": ("gini", """
        from collections import Counter

        def gini(labels):
            if len(labels) == 0:
                return 0.0
            shares = np.array(list(Counter(labels.tolist()).values()), np.float32) / len(labels)
            return 1 - shares @ shares
        """, True, None),
    "gini with a set and a generator": ("gini", """
        def gini(labels):
            n = len(labels)
            if n == 0:
                return 0.0
            return 1 - sum((np.sum(labels == k) / n) ** 2 for k in set(labels.tolist()))
        """, True, None),
    "gini as the sum of squared shares": ("gini", """
        def gini(labels):
            _, counts = np.unique(labels, return_counts=True)
            return np.sum((counts / len(labels)) ** 2) if len(labels) else 0.0
        """, False, "chance two picks AGREE"),
    "gini without squaring": ("gini", """
        def gini(labels):
            _, counts = np.unique(labels, return_counts=True)
            return 1 - np.sum(counts / len(labels)) if len(labels) else 0.0
        """, False, "Square each share first"),
    "gini squaring the counts": ("gini", """
        def gini(labels):
            _, counts = np.unique(labels, return_counts=True)
            return 1 - np.sum(counts ** 2)
        """, False, "Divide each count by the group size"),
    "gini for two classes only": ("gini", """
        def gini(labels):
            p = np.mean(labels) if len(labels) else 0.0
            return 2 * p * (1 - p)
        """, False, "only works for two"),
    "gini forgetting the empty group": ("gini", """
        def gini(labels):
            _, counts = np.unique(labels, return_counts=True)
            return 1.0 - np.sum((counts / labels.size) ** 2)
        """, False, "empty array should be 0.0"),
    # -- 2. The best split ------------------------------------------------------------------------
    "split from counts, sorted scan, returning a list and keeping the last tie": ("best-split", """
        def weighted_gini(y_left, y_right):
            n = len(y_left) + len(y_right)
            return (len(y_left) * gini(y_left) + len(y_right) * gini(y_right)) / n

        def best_split(X, y):
            found = []
            for j in range(X.shape[1]):
                column = sorted(set(X[:, j].tolist()))
                for low, high in zip(column, column[1:]):
                    t = (low + high) / 2
                    score = weighted_gini(y[X[:, j] <= t], y[X[:, j] > t])
                    if not found or score <= found[2]:
                        found = [j, t, score]
            return found or None
        """, True, None),
    "split scored in float32 with a vectorised scan": ("best-split", """
        def weighted_gini(y_left, y_right):
            sizes = np.array([len(y_left), len(y_right)], np.float32)
            return float(sizes @ np.array([gini(y_left), gini(y_right)], np.float32) / sizes.sum())

        def best_split(X, y):
            candidates = []
            for j in range(X.shape[1]):
                values = np.unique(X[:, j])
                for t in values[:-1] + np.diff(values) / 2:
                    candidates.append((weighted_gini(y[X[:, j] <= t], y[X[:, j] > t]), j, t))
            if not candidates:
                return None
            score, j, t = min(candidates, key=lambda c: c[0])
            return j, t, score
        """, True, None),
    "split averaging the two sides equally": ("best-split", """
        def weighted_gini(y_left, y_right):
            return (gini(y_left) + gini(y_right)) / 2
        """, False, "averaged the two sides equally"),
    "split weighting by counts": ("best-split", """
        def weighted_gini(y_left, y_right):
            return len(y_left) * gini(y_left) + len(y_right) * gini(y_right)
        """, False, "not by its count"),
    "split at data values": ("best-split", """
        def best_split(X, y):
            best = None
            for j in range(X.shape[1]):
                values = np.unique(X[:, j])
                for t in values[:-1]:
                    score = weighted_gini(y[X[:, j] <= t], y[X[:, j] > t])
                    if best is None or score < best[2]:
                        best = (j, t, score)
            return best
        """, False, "a value from the data"),
    "split keeping the worst score": ("best-split", """
        def best_split(X, y):
            best = None
            for j in range(X.shape[1]):
                values = np.unique(X[:, j])
                for t in (values[:-1] + values[1:]) / 2:
                    score = weighted_gini(y[X[:, j] <= t], y[X[:, j] > t])
                    if best is None or score > best[2]:
                        best = (j, t, score)
            return best
        """, False, "HIGHEST"),
    "split looking at the first feature only": ("best-split", """
        def best_split(X, y):
            values = np.unique(X[:, 0])
            best = None
            for t in (values[:-1] + values[1:]) / 2:
                score = weighted_gini(y[X[:, 0] <= t], y[X[:, 0] > t])
                if best is None or score < best[2]:
                    best = (0, t, score)
            return best
        """, False, "loop over every column"),
    "split never returning None": ("best-split", """
        def best_split(X, y):
            best = (0, 0.0, np.inf)
            for j in range(X.shape[1]):
                values = np.unique(X[:, j])
                for t in (values[:-1] + values[1:]) / 2:
                    score = weighted_gini(y[X[:, j] <= t], y[X[:, j] > t])
                    if score < best[2]:
                        best = (j, t, score)
            return best
        """, False, "should return None"),
    # -- 3. A tree from scratch -------------------------------------------------------------------
    "tree of node objects with a vectorised predict": ("tree", """
        class Node:
            def __init__(self, label=None, feature=None, threshold=None, left=None, right=None):
                self.label, self.feature, self.threshold = label, feature, threshold
                self.left, self.right = left, right

        def fit_tree(X, y, max_depth):
            labels, counts = np.unique(y, return_counts=True)
            node = Node(label=labels[counts.argmax()])
            split = best_split(X, y) if max_depth > 0 and len(labels) > 1 else None
            if split is not None:
                node.feature, node.threshold = split[0], split[1]
                mask = X[:, node.feature] <= node.threshold
                node.left = fit_tree(X[mask], y[mask], max_depth - 1)
                node.right = fit_tree(X[~mask], y[~mask], max_depth - 1)
            return node

        def route(node, X, rows, out):
            if node.left is None:
                for row in rows:
                    out[row] = node.label
                return
            mask = X[rows, node.feature] <= node.threshold
            route(node.left, X, rows[mask], out)
            route(node.right, X, rows[~mask], out)

        def predict_tree(tree, X):
            out = [None] * len(X)
            route(tree, X, np.arange(len(X)), out)
            return np.array(out)
        """, True, None),
    "tree of tuples, predicting a list, counting depth upwards": ("tree", """
        def fit_tree(X, y, max_depth, depth=0):
            labels, counts = np.unique(y, return_counts=True)
            majority = labels[np.argmax(counts)]
            split = None if depth >= max_depth or len(labels) == 1 else best_split(X, y)
            if split is None:
                return ("leaf", majority)
            j, t, _ = split
            mask = X[:, j] <= t
            return ("split", j, t, fit_tree(X[mask], y[mask], max_depth, depth + 1),
                    fit_tree(X[~mask], y[~mask], max_depth, depth + 1))

        def predict_tree(tree, X):
            out = []
            for row in X:
                node = tree
                while node[0] == "split":
                    node = node[3] if row[node[1]] <= node[2] else node[4]
                out.append(node[1])
            return out
        """, True, None),
    "tree of tagged tuples, Counter over sorted labels, recursive predict": ("tree", """
        from collections import Counter

        def majority(y):
            counts = Counter(y.tolist())
            return max(sorted(counts), key=counts.get)

        def fit_tree(X, y, max_depth):
            split = None if max_depth == 0 or len(set(y.tolist())) == 1 else best_split(X, y)
            if split is None:
                return ("leaf", majority(y))
            j, t, _ = split
            m = X[:, j] <= t
            return ("node", j, t, fit_tree(X[m], y[m], max_depth - 1),
                    fit_tree(X[~m], y[~m], max_depth - 1))

        def predict_one(tree, row):
            if tree[0] == "leaf":
                return tree[1]
            _, j, t, left, right = tree
            return predict_one(left, row) if row[j] <= t else predict_one(right, row)

        def predict_tree(tree, X):
            return np.array([predict_one(tree, row) for row in X])
        """, True, None),
    "tree counting labels with np.bincount": ("tree", """
        def fit_tree(X, y, max_depth):
            leaf = {"label": np.bincount(y).argmax()}
            if max_depth == 0 or len(np.unique(y)) == 1:
                return leaf
            split = best_split(X, y)
            if split is None:
                return leaf
            j, t, _ = split
            m = X[:, j] <= t
            return {"feature": j, "threshold": t, "left": fit_tree(X[m], y[m], max_depth - 1),
                    "right": fit_tree(X[~m], y[~m], max_depth - 1)}
        """, False, "np.bincount counts only whole numbers"),
    "tree breaking ties with Counter.most_common": ("tree", """
        from collections import Counter

        def fit_tree(X, y, max_depth):
            leaf = {"label": Counter(y.tolist()).most_common(1)[0][0]}
            if max_depth == 0 or len(set(y.tolist())) == 1:
                return leaf
            split = best_split(X, y)
            if split is None:
                return leaf
            j, t, _ = split
            mask = X[:, j] <= t
            return {"feature": j, "threshold": t, "left": fit_tree(X[mask], y[mask], max_depth - 1),
                    "right": fit_tree(X[~mask], y[~mask], max_depth - 1)}
        """, False, "A leaf with one 0 and one 1 should predict 0"),
    "tree one level too deep": ("tree", """
        def fit_tree(X, y, max_depth):
            values, counts = np.unique(y, return_counts=True)
            leaf = {"label": values[np.argmax(counts)]}
            if max_depth < 0 or len(values) == 1:
                return leaf
            split = best_split(X, y)
            if split is None:
                return leaf
            j, t, _ = split
            mask = X[:, j] <= t
            return {"feature": j, "threshold": t, "left": fit_tree(X[mask], y[mask], max_depth - 1),
                    "right": fit_tree(X[~mask], y[~mask], max_depth - 1)}
        """, False, "max_depth=0 tree should be a single leaf"),
    "tree one level too shallow": ("tree", """
        def fit_tree(X, y, max_depth):
            values, counts = np.unique(y, return_counts=True)
            leaf = {"label": values[np.argmax(counts)]}
            if max_depth <= 1 or len(values) == 1:
                return leaf
            split = best_split(X, y)
            if split is None:
                return leaf
            j, t, _ = split
            mask = X[:, j] <= t
            return {"feature": j, "threshold": t, "left": fit_tree(X[mask], y[mask], max_depth - 1),
                    "right": fit_tree(X[~mask], y[~mask], max_depth - 1)}
        """, False, "one level too early"),
    "tree whose children ignore the depth": ("tree", """
        def fit_tree(X, y, max_depth):
            values, counts = np.unique(y, return_counts=True)
            leaf = {"label": values[np.argmax(counts)]}
            if max_depth == 0 or len(values) == 1:
                return leaf
            split = best_split(X, y)
            if split is None:
                return leaf
            j, t, _ = split
            mask = X[:, j] <= t
            return {"feature": j, "threshold": t, "left": fit_tree(X[mask], y[mask], max_depth),
                    "right": fit_tree(X[~mask], y[~mask], max_depth)}
        """, False, "like a fully grown tree"),
    "tree walking left and right the wrong way round": ("tree", """
        def predict_tree(tree, X):
            out = []
            for row in X:
                node = tree
                while "label" not in node:
                    node = node["right"] if row[node["feature"]] <= node["threshold"] else node["left"]
                out.append(node["label"])
            return np.array(out)
        """, False, "should be [0, 0, 1, 1]"),
    # -- 4. Sweeping the depth --------------------------------------------------------------------
    "sweep with score and arrays, best depth by a loop": ("depth-sweep", """
        def depth_sweep(X_train, y_train, X_val, y_val, depths):
            models = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_train, y_train)
                      for d in depths]
            return (np.array([m.score(X_train, y_train) for m in models]),
                    np.array([m.score(X_val, y_val) for m in models]))

        def best_depth(depths, val_acc):
            best = depths[0]
            for depth, acc in zip(depths, val_acc):
                if acc > val_acc[list(depths).index(best)]:
                    best = depth
            return best
        """, True, None),
    "sweep with the learner's own tree": ("depth-sweep", """
        def depth_sweep(X_train, y_train, X_val, y_val, depths):
            train_acc, val_acc = [], []
            for depth in depths:
                tree = fit_tree(X_train, y_train, depth)
                train_acc.append(float(np.mean(predict_tree(tree, X_train) == y_train)))
                val_acc.append(float(np.mean(predict_tree(tree, X_val) == y_val)))
            return train_acc, val_acc
        """, True, None),
    "sweep measuring validation on the training data": ("depth-sweep", """
        def depth_sweep(X_train, y_train, X_val, y_val, depths):
            scores = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_train, y_train)
                      .score(X_train, y_train) for d in depths]
            return scores, scores
        """, False, "measured val_acc on the training data"),
    "sweep returning the lists swapped": ("depth-sweep", """
        def depth_sweep(X_train, y_train, X_val, y_val, depths):
            models = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_train, y_train)
                      for d in depths]
            return [m.score(X_val, y_val) for m in models], [m.score(X_train, y_train) for m in models]
        """, False, "swapped"),
    "sweep returning error rates": ("depth-sweep", """
        def depth_sweep(X_train, y_train, X_val, y_val, depths):
            models = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_train, y_train)
                      for d in depths]
            return ([np.mean(m.predict(X_train) != y_train) for m in models],
                    [np.mean(m.predict(X_val) != y_val) for m in models])
        """, False, "error rates"),
    "sweep fitting one tree outside the loop": ("depth-sweep", """
        def depth_sweep(X_train, y_train, X_val, y_val, depths):
            model = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)
            return ([model.score(X_train, y_train) for _ in depths],
                    [model.score(X_val, y_val) for _ in depths])
        """, False, "Every depth gave the same training accuracy"),
    "best depth returning the position": ("depth-sweep", """
        def best_depth(depths, val_acc):
            return int(np.argmax(val_acc))
        """, False, "position in the list"),
    "best depth keeping the last of a tie": ("depth-sweep", """
        def best_depth(depths, val_acc):
            best = 0
            for i in range(len(depths)):
                if val_acc[i] >= val_acc[best]:
                    best = i
            return depths[best]
        """, False, "smaller, simpler one"),
    # -- 5. Random forests ------------------------------------------------------------------------
    "bootstrap with choice, vote by summing probabilities in a loop": ("forest", """
        def bootstrap_sample(X, y, rng):
            rows = rng.choice(len(X), size=len(X), replace=True)
            return X[rows], y[rows]

        def forest_predict(trees, X):
            total = 0
            for tree in trees:
                total = total + tree.predict_proba(X)
            return [trees[0].classes_[i] for i in total.argmax(axis=1)]
        """, True, None),
    "bootstrap in a list comprehension, vote on a stacked array": ("forest", """
        def bootstrap_sample(X, y, rng):
            rows = [int(rng.integers(len(X))) for _ in range(len(X))]
            return X[rows], y[rows]

        def forest_predict(trees, X):
            stacked = np.stack([tree.predict_proba(X) for tree in trees])
            return np.take(trees[0].classes_, stacked.sum(axis=0).argmax(axis=1))
        """, True, None),
    "bootstrap that only shuffles": ("forest", """
        def bootstrap_sample(X, y, rng):
            rows = rng.permutation(len(X))
            return X[rows], y[rows]
        """, False, "without replacement"),
    "bootstrap drawing rows and labels separately": ("forest", """
        def bootstrap_sample(X, y, rng):
            return X[rng.integers(0, len(X), len(X))], y[rng.integers(0, len(y), len(y))]
        """, False, "draw ONE array"),
    "bootstrap ignoring the rng": ("forest", """
        def bootstrap_sample(X, y, rng):
            rows = np.random.randint(0, len(X), size=len(X))
            return X[rows], y[rows]
        """, False, "with the rng you are given"),
    "bootstrap with its own fixed seed": ("forest", """
        def bootstrap_sample(X, y, rng):
            rows = np.random.default_rng(0).integers(0, len(X), size=len(X))
            return X[rows], y[rows]
        """, False, "Seeds 7 and 8 gave the same sample"),
    "bootstrap never drawing the last row": ("forest", """
        def bootstrap_sample(X, y, rng):
            rows = rng.integers(0, len(X) - 1, size=len(X))
            return X[rows], y[rows]
        """, False, "row 39 was never drawn"),
    "bootstrap never drawing the first row": ("forest", """
        def bootstrap_sample(X, y, rng):
            rows = rng.integers(1, len(X), size=len(X))
            return X[rows], y[rows]
        """, False, "row 0 was never drawn"),
    "forest counting hard votes": ("forest", """
        def forest_predict(trees, X):
            votes = np.array([tree.predict(X) for tree in trees])
            return (votes.mean(axis=0) > 0.5).astype(int)
        """, False, "counts hard votes"),
    "forest taking the argmax over the wrong axis": ("forest", """
        def forest_predict(trees, X):
            mean_proba = np.mean([tree.predict_proba(X) for tree in trees], axis=0)
            return trees[0].classes_[np.argmax(mean_proba, axis=0)]
        """, False, "axis=0"),
    # -- 6. Gradient boosting ---------------------------------------------------------------------
    "boosting stored in a dict, predicting with sum": ("boosting", """
        def boost_fit(X, y, n_rounds, learning_rate, max_depth):
            model = {"start": y.mean(), "rate": learning_rate, "trees": []}
            current = np.zeros(len(y)) + model["start"]
            for _ in range(n_rounds):
                tree = DecisionTreeRegressor(max_depth=max_depth, random_state=0)
                tree.fit(X, y - current)
                model["trees"].append(tree)
                current += learning_rate * tree.predict(X)
            return model

        def boost_predict(model, X):
            return model["start"] + model["rate"] * sum(
                (tree.predict(X) for tree in model["trees"]), np.zeros(len(X)))
        """, True, None),
    "boosting keeping scaled closures": ("boosting", """
        def boost_fit(X, y, n_rounds, learning_rate, max_depth):
            base = float(np.mean(y))
            steps = []
            residuals = y - base
            for _ in range(n_rounds):
                tree = DecisionTreeRegressor(max_depth=max_depth).fit(X, residuals)
                step = lambda rows, tree=tree: learning_rate * tree.predict(rows)
                residuals = residuals - step(X)
                steps.append(step)
            return [lambda rows: np.full(len(rows), base)] + steps

        def boost_predict(model, X):
            return np.sum([part(X) for part in model], axis=0)
        """, True, None),
    "boosting in a dict with an in-place running prediction": ("boosting", """
        def boost_fit(X, y, n_rounds, learning_rate, max_depth):
            start = y.mean()
            pred = start * np.ones(len(y))
            trees = []
            for _ in range(n_rounds):
                t = DecisionTreeRegressor(max_depth=max_depth, random_state=0)
                t.fit(X, y - pred)
                pred += learning_rate * t.predict(X)
                trees.append(t)
            return {"start": start, "lr": learning_rate, "trees": trees}

        def boost_predict(model, X):
            out = model["start"] * np.ones(len(X))
            for t in model["trees"]:
                out += model["lr"] * t.predict(X)
            return out
        """, True, None),
    "boosting shrinking the trees only when predicting": ("boosting", """
        def boost_fit(X, y, n_rounds, learning_rate, max_depth):
            base = np.mean(y)
            current = np.full(len(y), base)
            trees = []
            for _ in range(n_rounds):
                tree = DecisionTreeRegressor(max_depth=max_depth, random_state=0).fit(X, y - current)
                current = current + tree.predict(X)
                trees.append(tree)
            return base, learning_rate, trees
        """, False, "Add learning_rate * tree.predict(X) in boost_fit too"),
    "boosting every tree on y": ("boosting", """
        def boost_fit(X, y, n_rounds, learning_rate, max_depth):
            trees = [DecisionTreeRegressor(max_depth=max_depth, random_state=0).fit(X, y)
                     for _ in range(n_rounds)]
            return np.mean(y), learning_rate, trees
        """, False, "each tree was fitted to y itself"),
    "boosting from zero": ("boosting", """
        def boost_fit(X, y, n_rounds, learning_rate, max_depth):
            current, trees = np.zeros(len(y)), []
            for _ in range(n_rounds):
                tree = DecisionTreeRegressor(max_depth=max_depth, random_state=0).fit(X, y - current)
                current = current + learning_rate * tree.predict(X)
                trees.append(tree)
            return 0.0, learning_rate, trees
        """, False, "started from 0"),
    "boosting with the residuals flipped": ("boosting", """
        def boost_fit(X, y, n_rounds, learning_rate, max_depth):
            base = np.mean(y)
            current, trees = np.full(len(y), base), []
            for _ in range(n_rounds):
                tree = DecisionTreeRegressor(max_depth=max_depth, random_state=0).fit(X, current - y)
                current = current + learning_rate * tree.predict(X)
                trees.append(tree)
            return base, learning_rate, trees
        """, False, "wrong sign"),
    "boosting never updating the running prediction": ("boosting", """
        def boost_fit(X, y, n_rounds, learning_rate, max_depth):
            base = np.mean(y)
            trees = [DecisionTreeRegressor(max_depth=max_depth, random_state=0).fit(X, y - base)
                     for _ in range(n_rounds)]
            return base, learning_rate, trees
        """, False, "running prediction never changed"),
    "boosting predicting without the learning rate": ("boosting", """
        def boost_predict(model, X):
            base, learning_rate, trees = model
            return base + sum(tree.predict(X) for tree in trees)
        """, False, "without the learning rate"),
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
