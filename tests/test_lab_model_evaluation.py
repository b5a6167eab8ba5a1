"""The model-evaluation lab's tests accept any correct answer and reject the usual slips.

One kernel runs the source notebook; each case then replaces one exercise's
answer with another learner's code, checks that exercise with the pristine
tests, and puts the reference answer back.
"""

from __future__ import annotations


import pytest
from labkernel import REPO, SolvedLab, thinly_tested


LAB = REPO / "labs" / "stage2-core-ml" / "model-evaluation.ipynb"

# (exercise, learner code, passes?, a phrase the first failure message must contain)
CASES = {
    # -- 1. A stratified split ------------------------------------------------------------------
    "split with lists, rng.shuffle and rounding down": ("stratified-split", """
        def stratified_split(y, test_size, rng):
            train, test = [], []
            for label in set(y.tolist()):
                rows = [i for i in range(len(y)) if y[i] == label]
                rng.shuffle(rows)
                n_test = int(test_size * len(rows))
                test += rows[:n_test]
                train += rows[n_test:]
            return np.array(train), np.array(test)
        """, True, None),
    "split by one shuffle and a mask": ("stratified-split", """
        def stratified_split(y, test_size, rng):
            order = rng.permutation(len(y))
            is_test = np.zeros(len(y), dtype=bool)
            for label in np.unique(y):
                rows = order[y[order] == label]
                is_test[rows[:round(test_size * len(rows))]] = True
            return np.flatnonzero(~is_test), np.flatnonzero(is_test)
        """, True, None),
    "split that is not stratified": ("stratified-split", """
        def stratified_split(y, test_size, rng):
            order = rng.permutation(len(y))
            n_test = round(test_size * len(y))
            return order[n_test:], order[:n_test]
        """, False, "not stratified"),
    "split shuffling with np.random": ("stratified-split", """
        def stratified_split(y, test_size, rng):
            train, test = [], []
            for label in np.unique(y):
                rows = np.random.permutation(np.flatnonzero(y == label))
                n_test = round(test_size * len(rows))
                test.append(rows[:n_test])
                train.append(rows[n_test:])
            return np.concatenate(train), np.concatenate(test)
        """, False, "not with np.random"),
    "split without shuffling": ("stratified-split", """
        def stratified_split(y, test_size, rng):
            train, test = [], []
            for label in np.unique(y):
                rows = np.flatnonzero(y == label)
                n_test = round(test_size * len(rows))
                test.append(rows[:n_test])
                train.append(rows[n_test:])
            return np.concatenate(train), np.concatenate(test)
        """, False, "gave the same test set"),
    "split with train and test swapped": ("stratified-split", """
        def stratified_split(y, test_size, rng):
            train, test = [], []
            for label in np.unique(y):
                rows = rng.permutation(np.flatnonzero(y == label))
                n_test = round(test_size * len(rows))
                test.append(rows[:n_test])
                train.append(rows[n_test:])
            return np.concatenate(test), np.concatenate(train)
        """, False, "9 of 12 rows"),
    "split growing float arrays": ("stratified-split", """
        def stratified_split(y, test_size, rng):
            train, test = np.array([]), np.array([])
            for label in np.unique(y):
                rows = rng.permutation(np.flatnonzero(y == label))
                n_test = round(test_size * len(rows))
                test = np.concatenate([test, rows[:n_test]])
                train = np.concatenate([train, rows[n_test:]])
            return train, test
        """, False, "not whole numbers"),
    "split drawing test rows with replacement": ("stratified-split", """
        def stratified_split(y, test_size, rng):
            train, test = [], []
            for label in np.unique(y):
                rows = np.flatnonzero(y == label)
                chosen = rng.choice(rows, size=round(test_size * len(rows)))
                test.append(chosen)
                train.append(np.setdiff1d(rows, chosen))
            return np.concatenate(train), np.concatenate(test)
        """, False, "appears 2 times"),
    "split taking a random block of each class": ("stratified-split", """
        def stratified_split(y, test_size, rng):
            train, test = [], []
            for label in np.unique(y):
                rows = np.flatnonzero(y == label)
                n_test = round(test_size * len(rows))
                start = rng.integers(0, len(rows) - n_test + 1)
                test.append(rows[start:start + n_test])
                train.append(np.concatenate([rows[:start], rows[start + n_test:]]))
            return np.concatenate(train), np.concatenate(test)
        """, False, "about 25% of the time"),
    # -- 2. Stratified k-fold -------------------------------------------------------------------
    "kfold with array_split per class and model.score": ("kfold", """
        def stratified_kfold(y, k, rng):
            test_sets = [[] for _ in range(k)]
            for label in np.unique(y):
                rows = np.flatnonzero(y == label)
                rng.shuffle(rows)
                for j, piece in enumerate(np.array_split(rows, k)):
                    test_sets[j].extend(piece.tolist())
            folds = []
            for j in range(k):
                in_test = set(test_sets[j])
                train_idx = np.array([i for i in range(len(y)) if i not in in_test], dtype=int)
                folds.append((train_idx, np.array(sorted(in_test), dtype=int)))
            return folds

        def cross_val_accuracy(model, X, y, folds):
            accuracies = []
            for train_idx, test_idx in folds:
                model.fit(X[train_idx], y[train_idx])
                accuracies.append(model.score(X[test_idx], y[test_idx]))
            return np.array(accuracies)
        """, True, None),
    "kfold dealing a class-sorted order, with clone": ("kfold", """
        from sklearn.base import clone

        def stratified_kfold(y, k, rng):
            order = rng.permutation(len(y))
            order = order[np.argsort(y[order], kind="stable")]
            fold_of = np.empty(len(y), dtype=int)
            fold_of[order] = np.arange(len(y)) % k
            return [(np.where(fold_of != j)[0], np.where(fold_of == j)[0]) for j in range(k)]

        def cross_val_accuracy(model, X, y, folds):
            return np.array([np.mean(clone(model).fit(X[tr], y[tr]).predict(X[te]) == y[te])
                             for tr, te in folds])
        """, True, None),
    "kfold that is not stratified": ("kfold", """
        def stratified_kfold(y, k, rng):
            pieces = np.array_split(rng.permutation(len(y)), k)
            return [(np.setdiff1d(np.arange(len(y)), piece), piece) for piece in pieces]
        """, False, "not stratified"),
    "kfold dropping the remainder": ("kfold", """
        def stratified_kfold(y, k, rng):
            test_sets = [[] for _ in range(k)]
            for label in np.unique(y):
                rows = rng.permutation(np.flatnonzero(y == label))
                size = len(rows) // k
                for j in range(k):
                    test_sets[j] += rows[j * size:(j + 1) * size].tolist()
            folds = []
            for j in range(k):
                test_idx = np.array(test_sets[j], dtype=int)
                folds.append((np.setdiff1d(np.arange(len(y)), test_idx), test_idx))
            return folds
        """, False, "are in no test set"),
    "kfold training on every row": ("kfold", """
        def stratified_kfold(y, k, rng):
            fold_of = np.empty(len(y), dtype=int)
            for label in np.unique(y):
                rows = rng.permutation(np.flatnonzero(y == label))
                fold_of[rows] = np.arange(len(rows)) % k
            return [(np.arange(len(y)), np.flatnonzero(fold_of == j)) for j in range(k)]
        """, False, "trains on rows it also tests on"),
    "kfold drawing each test fold separately": ("kfold", """
        def stratified_kfold(y, k, rng):
            folds = []
            for j in range(k):
                test_idx = []
                for label in np.unique(y):
                    rows = np.flatnonzero(y == label)
                    test_idx += rng.choice(rows, size=len(rows) // k, replace=False).tolist()
                test_idx = np.array(sorted(test_idx), dtype=int)
                folds.append((np.setdiff1d(np.arange(len(y)), test_idx), test_idx))
            return folds
        """, False, "the test sets must not overlap"),
    "kfold shuffling with np.random": ("kfold", """
        def stratified_kfold(y, k, rng):
            fold_of = np.empty(len(y), dtype=int)
            for label in np.unique(y):
                rows = np.random.permutation(np.flatnonzero(y == label))
                fold_of[rows] = np.arange(len(rows)) % k
            return [(np.flatnonzero(fold_of != j), np.flatnonzero(fold_of == j)) for j in range(k)]
        """, False, "not with np.random"),
    "cross-validation scored on the training rows": ("kfold", """
        def cross_val_accuracy(model, X, y, folds):
            scores = []
            for train_idx, test_idx in folds:
                model.fit(X[train_idx], y[train_idx])
                scores.append(model.score(X[train_idx], y[train_idx]))
            return np.array(scores)
        """, False, "TRAINING rows"),
    "cross-validation fitted on all rows": ("kfold", """
        def cross_val_accuracy(model, X, y, folds):
            model.fit(X, y)
            return np.array([model.score(X[test_idx], y[test_idx]) for _, test_idx in folds])
        """, False, "fitted on all the rows"),
    "cross-validation returning the mean": ("kfold", """
        def cross_val_accuracy(model, X, y, folds):
            scores = []
            for train_idx, test_idx in folds:
                model.fit(X[train_idx], y[train_idx])
                scores.append(model.score(X[test_idx], y[test_idx]))
            return np.mean(scores)
        """, False, "not their mean"),
    # -- 3. The confusion matrix ------------------------------------------------------------------
    "confusion matrix built row by row": ("confusion-matrix", """
        def confusion_matrix(y_true, y_pred, n_classes=2):
            matrix = []
            for i in range(n_classes):
                row = []
                for j in range(n_classes):
                    row.append(int(np.sum((y_true == i) & (y_pred == j))))
                matrix.append(row)
            return np.array(matrix)
        """, True, None),
    "confusion matrix with bincount": ("confusion-matrix", """
        def confusion_matrix(y_true, y_pred, n_classes=2):
            codes = n_classes * np.asarray(y_true) + np.asarray(y_pred)
            return np.bincount(codes, minlength=n_classes ** 2).reshape(n_classes, n_classes)
        """, True, None),
    "confusion matrix of floats with np.add.at": ("confusion-matrix", """
        def confusion_matrix(y_true, y_pred, n_classes=2):
            matrix = np.zeros((n_classes, n_classes))
            np.add.at(matrix, (y_true, y_pred), 1)
            return matrix
        """, True, None),
    "confusion matrix transposed": ("confusion-matrix", """
        def confusion_matrix(y_true, y_pred, n_classes=2):
            matrix = np.zeros((n_classes, n_classes), dtype=int)
            for t, p in zip(y_true, y_pred):
                matrix[p, t] += 1
            return matrix
        """, False, "is transposed"),
    "confusion matrix with the positive class first": ("confusion-matrix", """
        def confusion_matrix(y_true, y_pred, n_classes=2):
            tp = np.sum((y_true == 1) & (y_pred == 1))
            tn = np.sum((y_true == 0) & (y_pred == 0))
            fp = np.sum((y_true == 0) & (y_pred == 1))
            fn = np.sum((y_true == 1) & (y_pred == 0))
            return np.array([[tp, fp], [fn, tn]])
        """, False, "positive class first"),
    "confusion matrix sized from the labels seen": ("confusion-matrix", """
        def confusion_matrix(y_true, y_pred, n_classes=2):
            rows, columns = np.unique(y_true), np.unique(y_pred)
            return np.array([[np.sum((y_true == r) & (y_pred == c)) for c in columns] for r in rows])
        """, False, "should have shape (2, 2)"),
    "confusion matrix as shares": ("confusion-matrix", """
        def confusion_matrix(y_true, y_pred, n_classes=2):
            matrix = np.zeros((n_classes, n_classes))
            for t, p in zip(y_true, y_pred):
                matrix[t, p] += 1
            return matrix / len(y_true)
        """, False, "not counts"),
    "confusion matrix for two classes only": ("confusion-matrix", """
        def confusion_matrix(y_true, y_pred, n_classes=2):
            tn = np.sum((y_true == 0) & (y_pred == 0))
            fp = np.sum((y_true == 0) & (y_pred == 1))
            fn = np.sum((y_true == 1) & (y_pred == 0))
            tp = np.sum((y_true == 1) & (y_pred == 1))
            return np.array([[tn, fp], [fn, tp]])
        """, False, "should have shape (3, 3)"),
    # -- 4. Precision, recall, F1 -------------------------------------------------------------------
    "precision from the confusion matrix, F1 from counts": ("precision-recall-f1", """
        def precision_recall_f1(y_true, y_pred):
            (tn, fp), (fn, tp) = confusion_matrix(y_true, y_pred)
            precision = tp / (tp + fp) if (tp + fp) else 0.0
            recall = tp / (tp + fn) if (tp + fn) else 0.0
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            return precision, recall, f1
        """, True, None),
    "precision with a counting loop, as a list": ("precision-recall-f1", """
        def precision_recall_f1(y_true, y_pred):
            tp = fp = fn = 0
            for truth, guess in zip(y_true, y_pred):
                if guess == 1 and truth == 1:
                    tp += 1
                elif guess == 1:
                    fp += 1
                elif truth == 1:
                    fn += 1
            precision = 0.0 if tp + fp == 0 else tp / (tp + fp)
            recall = 0.0 if tp + fn == 0 else tp / (tp + fn)
            f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
            return [precision, recall, f1]
        """, True, None),
    "precision with nan_to_num": ("precision-recall-f1", """
        def precision_recall_f1(y_true, y_pred):
            tp = np.sum(y_pred * y_true)
            fp = np.sum(y_pred * (1 - y_true))
            fn = np.sum((1 - y_pred) * y_true)
            with np.errstate(divide="ignore", invalid="ignore"):
                precision = np.nan_to_num(tp / (tp + fp))
                recall = np.nan_to_num(tp / (tp + fn))
                f1 = np.nan_to_num(2 * precision * recall / (precision + recall))
            return float(precision), float(recall), float(f1)
        """, True, None),
    "precision and recall swapped": ("precision-recall-f1", """
        def precision_recall_f1(y_true, y_pred):
            tp = np.sum((y_pred == 1) & (y_true == 1))
            fp = np.sum((y_pred == 1) & (y_true == 0))
            fn = np.sum((y_pred == 0) & (y_true == 1))
            precision = tp / (tp + fn) if tp + fn else 0.0
            recall = tp / (tp + fp) if tp + fp else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            return precision, recall, f1
        """, False, "swapped"),
    "precision dividing by zero in NumPy": ("precision-recall-f1", """
        def precision_recall_f1(y_true, y_pred):
            tp = np.sum((y_pred == 1) & (y_true == 1))
            fp = np.sum((y_pred == 1) & (y_true == 0))
            fn = np.sum((y_pred == 0) & (y_true == 1))
            with np.errstate(divide="ignore", invalid="ignore"):
                precision = tp / (tp + fp)
                recall = tp / (tp + fn)
                f1 = 2 * precision * recall / (precision + recall)
            return precision, recall, f1
        """, False, "nan comes from 0 / 0"),
    "precision dividing by zero in Python": ("precision-recall-f1", """
        def precision_recall_f1(y_true, y_pred):
            tp = int(np.sum((y_pred == 1) & (y_true == 1)))
            fp = int(np.sum((y_pred == 1) & (y_true == 0)))
            fn = int(np.sum((y_pred == 0) & (y_true == 1)))
            precision, recall = tp / (tp + fp), tp / (tp + fn)
            return precision, recall, 2 * precision * recall / (precision + recall)
        """, False, "raised ZeroDivisionError"),
    "F1 as the ordinary average": ("precision-recall-f1", """
        def precision_recall_f1(y_true, y_pred):
            tp = np.sum((y_pred == 1) & (y_true == 1))
            fp = np.sum((y_pred == 1) & (y_true == 0))
            fn = np.sum((y_pred == 0) & (y_true == 1))
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            return precision, recall, (precision + recall) / 2
        """, False, "HARMONIC"),
    # -- 5. The ROC curve --------------------------------------------------------------------------
    "roc with a sort, cumsum and the last of each tie": ("roc-curve", """
        def roc_points(y_true, scores):
            order = np.argsort(-scores, kind="stable")
            sorted_scores, sorted_labels = scores[order], y_true[order]
            tps = np.cumsum(sorted_labels == 1)
            fps = np.cumsum(sorted_labels == 0)
            last_of_tie = np.r_[sorted_scores[1:] != sorted_scores[:-1], True]
            tpr = np.r_[0, tps[last_of_tie]] / tps[-1]
            fpr = np.r_[0, fps[last_of_tie]] / fps[-1]
            return fpr, tpr
        """, True, None),
    "roc with plain Python loops": ("roc-curve", """
        def roc_points(y_true, scores):
            thresholds = sorted(set(scores.tolist()), reverse=True)
            positives = sum(1 for label in y_true if label == 1)
            negatives = len(y_true) - positives
            fpr, tpr = [0.0], [0.0]
            for t in thresholds:
                tp = sum(1 for s, label in zip(scores, y_true) if s >= t and label == 1)
                fp = sum(1 for s, label in zip(scores, y_true) if s >= t and label == 0)
                tpr.append(tp / positives)
                fpr.append(fp / negatives)
            return np.array(fpr), np.array(tpr)
        """, True, None),
    "roc with one point per row": ("roc-curve", """
        def roc_points(y_true, scores):
            order = np.argsort(-scores)
            labels = y_true[order]
            tpr = np.r_[0, np.cumsum(labels == 1)] / np.sum(labels == 1)
            fpr = np.r_[0, np.cumsum(labels == 0)] / np.sum(labels == 0)
            return fpr, tpr
        """, False, "the two rows with score 0.8 must cross the threshold together"),
    "roc with thresholds from low to high": ("roc-curve", """
        def roc_points(y_true, scores):
            fpr, tpr = [], []
            for t in np.unique(scores):
                tpr.append(np.mean(scores[y_true == 1] >= t))
                fpr.append(np.mean(scores[y_true == 0] >= t))
            return np.array(fpr + [0.0]), np.array(tpr + [0.0])
        """, False, "runs from (1, 1) back to (0, 0)"),
    "roc with a strict comparison": ("roc-curve", """
        def roc_points(y_true, scores):
            fpr, tpr = [0.0], [0.0]
            for t in np.unique(scores)[::-1]:
                tpr.append(np.mean(scores[y_true == 1] > t))
                fpr.append(np.mean(scores[y_true == 0] > t))
            return np.array(fpr), np.array(tpr)
        """, False, "score >= threshold"),
    "roc dividing by the number of rows": ("roc-curve", """
        def roc_points(y_true, scores):
            fpr, tpr = [0.0], [0.0]
            for t in np.unique(scores)[::-1]:
                flagged = scores >= t
                tpr.append(np.sum(flagged & (y_true == 1)) / len(y_true))
                fpr.append(np.sum(flagged & (y_true == 0)) / len(y_true))
            return np.array(fpr), np.array(tpr)
        """, False, "not by the number of rows"),
    "roc with fpr and tpr swapped": ("roc-curve", """
        def roc_points(y_true, scores):
            fpr, tpr = [0.0], [0.0]
            for t in np.unique(scores)[::-1]:
                tpr.append(np.mean(scores[y_true == 0] >= t))
                fpr.append(np.mean(scores[y_true == 1] >= t))
            return np.array(fpr), np.array(tpr)
        """, False, "fpr and tpr are swapped"),
    # -- 6. AUC ------------------------------------------------------------------------------------
    "auc by comparing every pair in loops": ("auc", """
        def auc_score(y_true, scores):
            positives = [s for s, label in zip(scores, y_true) if label == 1]
            negatives = [s for s, label in zip(scores, y_true) if label == 0]
            wins = 0.0
            for p in positives:
                for n in negatives:
                    if p > n:
                        wins += 1
                    elif p == n:
                        wins += 0.5
            return wins / (len(positives) * len(negatives))
        """, True, None),
    "auc with np.trapezoid": ("auc", """
        def auc_score(y_true, scores):
            fpr, tpr = roc_points(y_true, scores)
            return np.trapezoid(tpr, fpr)
        """, True, None),
    "auc from average ranks": ("auc", """
        from scipy.stats import rankdata

        def auc_score(y_true, scores):
            ranks = rankdata(scores)
            n_pos = np.sum(y_true == 1)
            n_neg = len(y_true) - n_pos
            return (ranks[y_true == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
        """, True, None),
    "auc ignoring ties": ("auc", """
        def auc_score(y_true, scores):
            pos, neg = scores[y_true == 1], scores[y_true == 0]
            return np.mean(pos[:, None] > neg[None, :])
        """, False, "counts as half a win"),
    "auc as a staircase": ("auc", """
        def auc_score(y_true, scores):
            fpr, tpr = roc_points(y_true, scores)
            return np.sum(np.diff(fpr) * tpr[:-1])
        """, False, "counts as half a win"),
    "auc with ties as wins": ("auc", """
        def auc_score(y_true, scores):
            pos, neg = scores[y_true == 1], scores[y_true == 0]
            return np.mean(pos[:, None] >= neg[None, :])
        """, False, "full win"),
    "auc over thresholds from low to high": ("auc", """
        def auc_score(y_true, scores):
            fpr, tpr = [1.0], [1.0]
            for t in np.unique(scores)[1:]:
                fpr.append(np.mean(scores[y_true == 0] >= t))
                tpr.append(np.mean(scores[y_true == 1] >= t))
            fpr.append(0.0)
            tpr.append(0.0)
            return np.trapezoid(tpr, fpr)
        """, False, "is negative"),
    "auc the wrong way round": ("auc", """
        def auc_score(y_true, scores):
            pos, neg = scores[y_true == 1], scores[y_true == 0]
            return np.mean(neg[None, :] > pos[:, None]) + 0.5 * np.mean(neg[None, :] == pos[:, None])
        """, False, "NEGATIVE outscores"),
    # -- 7. Leakage --------------------------------------------------------------------------------
    "honest with a Pipeline and cross_val_score": ("leakage", """
        from sklearn.model_selection import cross_val_score
        from sklearn.pipeline import make_pipeline

        def honest_cv_auc(X, y, folds, k_best=20):
            pipeline = make_pipeline(SelectKBest(f_classif, k=k_best), LogisticRegression())
            return cross_val_score(pipeline, X, y, cv=folds, scoring="roc_auc")
        """, True, None),
    "honest with fit_transform and auc_score": ("leakage", """
        def honest_cv_auc(X, y, folds, k_best=20):
            results = []
            for train_idx, test_idx in folds:
                selector = SelectKBest(f_classif, k=k_best)
                X_train_selected = selector.fit_transform(X[train_idx], y[train_idx])
                X_test_selected = selector.transform(X[test_idx])
                classifier = LogisticRegression()
                classifier.fit(X_train_selected, y[train_idx])
                probabilities = classifier.predict_proba(X_test_selected)[:, 1]
                results.append(auc_score(y[test_idx], probabilities))
            return np.array(results)
        """, True, None),
    "honest with a fitted pipeline's decision_function": ("leakage", """
        from sklearn.pipeline import Pipeline

        def honest_cv_auc(X, y, folds, k_best=20):
            aucs = []
            for train_idx, test_idx in folds:
                pipe = Pipeline([("select", SelectKBest(f_classif, k=k_best)),
                                 ("model", LogisticRegression())])
                pipe.fit(X[train_idx], y[train_idx])
                aucs.append(roc_auc_score(y[test_idx], pipe.decision_function(X[test_idx])))
            return np.array(aucs)
        """, True, None),
    "selecting on all rows, like the teammate": ("leakage", """
        def honest_cv_auc(X, y, folds, k_best=20):
            return select_then_cv_auc(X, y, folds, k_best)
        """, False, "chosen on ALL the rows"),
    "selector fitted again on the test rows": ("leakage", """
        def honest_cv_auc(X, y, folds, k_best=20):
            scores = []
            for train_idx, test_idx in folds:
                X_fit = SelectKBest(f_classif, k=k_best).fit_transform(X[train_idx], y[train_idx])
                X_score = SelectKBest(f_classif, k=k_best).fit_transform(X[test_idx], y[test_idx])
                model = LogisticRegression().fit(X_fit, y[train_idx])
                scores.append(roc_auc_score(y[test_idx], model.predict_proba(X_score)[:, 1]))
            return np.array(scores)
        """, False, "fitted again on the test rows"),
    "AUC of 0/1 predictions": ("leakage", """
        def honest_cv_auc(X, y, folds, k_best=20):
            scores = []
            for train_idx, test_idx in folds:
                selector = SelectKBest(f_classif, k=k_best).fit(X[train_idx], y[train_idx])
                model = LogisticRegression().fit(selector.transform(X[train_idx]), y[train_idx])
                scores.append(roc_auc_score(y[test_idx], model.predict(selector.transform(X[test_idx]))))
            return np.array(scores)
        """, False, "0/1 predictions"),
    "honest scored on the training rows": ("leakage", """
        def honest_cv_auc(X, y, folds, k_best=20):
            scores = []
            for train_idx, test_idx in folds:
                selector = SelectKBest(f_classif, k=k_best).fit(X[train_idx], y[train_idx])
                X_train_selected = selector.transform(X[train_idx])
                model = LogisticRegression().fit(X_train_selected, y[train_idx])
                scores.append(roc_auc_score(y[train_idx], model.predict_proba(X_train_selected)[:, 1]))
            return np.array(scores)
        """, False, "training rows"),
    "a constant that looks like chance": ("leakage", """
        def honest_cv_auc(X, y, folds, k_best=20):
            return np.full(len(folds), 0.5)
        """, False, "vs the honest reference"),
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
