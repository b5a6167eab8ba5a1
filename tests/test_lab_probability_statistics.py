"""The probability-statistics lab's tests accept any correct answer and reject the usual slips.

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

LAB = REPO / "labs" / "stage1-foundations" / "probability-statistics.ipynb"

# (exercise, learner code, passes?, a phrase the first failure message must contain)
CASES = {
    # -- 1. Bayes' theorem --------------------------------------------------------------
    "bayes in odds form": ("bayes", """
        def posterior_positive(prior, sensitivity, specificity):
            if prior == 0:
                return 0.0
            if specificity == 1:
                return 1.0
            odds = prior / (1 - prior) * sensitivity / (1 - specificity)
            return odds / (1 + odds)
        """, True, None),
    "bayes by counting 1000 people, in float32": ("bayes", """
        def posterior_positive(prior, sensitivity, specificity):
            people = np.float32(1000)
            sick = people * np.float32(prior)
            healthy = people - sick
            true_alarms = sick * np.float32(sensitivity)
            false_alarms = healthy * (1 - np.float32(specificity))
            return true_alarms / (true_alarms + false_alarms)
        """, True, None),
    "bayes returning the sensitivity": ("bayes", """
        def posterior_positive(prior, sensitivity, specificity):
            return sensitivity
        """, False, "the sensitivity: that is P(positive | condition)"),
    "bayes forgetting the prior": ("bayes", """
        def posterior_positive(prior, sensitivity, specificity):
            return sensitivity / (sensitivity + (1 - specificity))
        """, False, "the prior (1%) is missing"),
    "bayes with the specificity as the false-positive rate": ("bayes", """
        def posterior_positive(prior, sensitivity, specificity):
            top = sensitivity * prior
            return top / (top + specificity * (1 - prior))
        """, False, "you used the specificity where the false-positive rate belongs"),
    "bayes returning the joint probability": ("bayes", """
        def posterior_positive(prior, sensitivity, specificity):
            return sensitivity * prior
        """, False, "P(condition and positive)"),
    "bayes never run": ("bayes", "del posterior_positive", False,
                        "`posterior_positive` is not defined: run your answer cell"),
    # -- 2. Mean and variance ---------------------------------------------------------------
    "mean and variance with plain Python loops": ("mean-variance", """
        def sample_mean(x):
            total, count = 0.0, 0
            for value in x:
                total += value
                count += 1
            return total / count

        def sample_variance(x, ddof=1):
            m = sample_mean(x)
            squares = 0.0
            for value in x:
                squares += (value - m) ** 2
            return squares / (len(x) - ddof)
        """, True, None),
    "mean and variance with NumPy's own functions": ("mean-variance", """
        def sample_mean(x):
            return np.mean(x)

        def sample_variance(x, ddof=1):
            return np.var(np.asarray(x, dtype=np.float64), ddof=ddof)
        """, True, None),
    "variance by the shortcut formula in float32": ("mean-variance", """
        def sample_mean(x):
            return np.asarray(x, np.float32).sum() / len(x)

        def sample_variance(x, ddof=1):
            x = np.asarray(x, np.float64)
            n = len(x)
            return (np.sum(x ** 2) - n * np.mean(x) ** 2) / (n - ddof)
        """, True, None),
    "variance with np.var's default ddof": ("mean-variance", """
        def sample_variance(x, ddof=1):
            return np.var(x)
        """, False, "you divided by n = 8 (ddof=0, the default of np.var)"),
    "variance returning the standard deviation": ("mean-variance", """
        def sample_variance(x, ddof=1):
            return np.std(x, ddof=ddof)
        """, False, "returned the standard deviation"),
    "variance ignoring ddof": ("mean-variance", """
        def sample_variance(x, ddof=1):
            x = np.asarray(x, dtype=float)
            return np.sum((x - x.mean()) ** 2) / (len(x) - 1)
        """, False, "ignores its ddof argument"),
    "variance without the division": ("mean-variance", """
        def sample_variance(x, ddof=1):
            x = np.asarray(x, dtype=float)
            return np.sum((x - x.mean()) ** 2)
        """, False, "the sum of the squared deviations"),
    "mean with floor division": ("mean-variance", """
        def sample_mean(x):
            return sum(x) // len(x)
        """, False, "sample_mean of whole numbers [1, 2] should be 1.5"),
    # -- 3. Sampling distributions ---------------------------------------------------------
    "sample means with a loop over integer indices": ("clt", """
        def sample_means(population, n, reps, rng):
            result = []
            for _ in range(reps):
                picks = rng.integers(0, len(population), size=n)
                result.append(np.mean(population[picks]))
            return np.array(result)

        def standard_error(x):
            return np.sqrt(sample_variance(x)) / len(x) ** 0.5
        """, True, None),
    "sample means ignoring rng, standard error from SciPy": ("clt", """
        import scipy.stats

        def sample_means(population, n, reps, rng):
            draws = np.random.choice(population, size=(n, reps))
            return draws.mean(axis=0)

        def standard_error(x):
            return scipy.stats.sem(x)
        """, True, None),
    "sample means over the wrong axis": ("clt", """
        def sample_means(population, n, reps, rng):
            return rng.choice(population, size=(reps, n)).mean(axis=0)
        """, False, "one per position in a sample instead of one per sample"),
    "sample sums instead of means": ("clt", """
        def sample_means(population, n, reps, rng):
            return rng.choice(population, size=(reps, n)).sum(axis=1)
        """, False, "you returned the sum of each sample"),
    "single draws instead of sample means": ("clt", """
        def sample_means(population, n, reps, rng):
            return rng.choice(population, size=reps)
        """, False, "as widely as the population itself"),
    "one sample repeated": ("clt", """
        def sample_means(population, n, reps, rng):
            return np.full(reps, rng.choice(population, size=n).mean())
        """, False, "all your sample means are equal"),
    "standard error with ddof=0": ("clt", """
        def standard_error(x):
            return np.std(x) / np.sqrt(len(x))
        """, False, "divided by n (ddof=0)"),
    "standard error divided by n": ("clt", """
        def standard_error(x):
            return np.std(x, ddof=1) / len(x)
        """, False, "divides by the square root of n"),
    "standard error from the variance": ("clt", """
        def standard_error(x):
            return np.var(x, ddof=1) / np.sqrt(len(x))
        """, False, "you divided the variance"),
    # -- 4. Permutation test ----------------------------------------------------------------
    "permutation test vectorised with argsort, p-value with the +1 convention": (
        "permutation-test", """
        def permuted_differences(a, b, n_permutations, rng):
            pooled = np.concatenate([a, b]).astype(float)
            order = rng.random((n_permutations, len(pooled))).argsort(axis=1)
            shuffled = pooled[order]
            return shuffled[:, :len(a)].mean(axis=1) - shuffled[:, len(a):].mean(axis=1)

        def p_value_two_sided(observed, null_differences):
            null_differences = np.asarray(null_differences)
            count = np.sum(np.abs(null_differences) >= abs(observed))
            return (count + 1) / (len(null_differences) + 1)
        """, True, None),
    "permutation test choosing group a's positions, counting with a loop": (
        "permutation-test", """
        def permuted_differences(a, b, n_permutations, rng):
            pooled = list(a) + list(b)
            out = []
            for _ in range(n_permutations):
                chosen = set(rng.choice(len(pooled), size=len(a), replace=False).tolist())
                group_a = [v for i, v in enumerate(pooled) if i in chosen]
                group_b = [v for i, v in enumerate(pooled) if i not in chosen]
                out.append(sum(group_a) / len(group_a) - sum(group_b) / len(group_b))
            return np.array(out)

        def p_value_two_sided(observed, null_differences):
            hits = 0
            for d in null_differences:
                if abs(d) >= abs(observed):
                    hits += 1
            return hits / len(null_differences)
        """, True, None),
    "permutation test with NumPy's global, unseeded generator": ("permutation-test", """
        def permuted_differences(a, b, n_permutations, rng):
            pooled = np.concatenate([a, b])
            diffs = []
            for _ in range(n_permutations):
                np.random.shuffle(pooled)
                diffs.append(np.mean(pooled[:len(a)]) - np.mean(pooled[len(a):]))
            return np.array(diffs)
        """, True, None),
    "p-value counting one tail": ("permutation-test", """
        def p_value_two_sided(observed, null_differences):
            return np.mean(np.asarray(null_differences) >= observed)
        """, False, "that counts one side only"),
    "p-value doubling the smaller tail": ("permutation-test", """
        def p_value_two_sided(observed, null_differences):
            d = np.asarray(null_differences)
            return min(1.0, 2 * min(np.mean(d >= observed), np.mean(d <= observed)))
        """, False, "you doubled one tail"),
    "p-value doubling the wrong tail": ("permutation-test", """
        def p_value_two_sided(observed, null_differences):
            return min(1.0, 2 * np.mean(np.asarray(null_differences) <= observed))
        """, False, "that counts one side only"),
    "p-value with a strict comparison": ("permutation-test", """
        def p_value_two_sided(observed, null_differences):
            return np.mean(np.abs(np.asarray(null_differences)) > abs(observed))
        """, False, "strictly more extreme (>)"),
    "p-value as a count": ("permutation-test", """
        def p_value_two_sided(observed, null_differences):
            return np.sum(np.abs(np.asarray(null_differences)) >= abs(observed))
        """, False, "returned a count"),
    "shuffling each group on its own": ("permutation-test", """
        def permuted_differences(a, b, n_permutations, rng):
            return np.array([rng.permutation(a).mean() - rng.permutation(b).mean()
                             for _ in range(n_permutations)])
        """, False, "shuffling each group on its own changes nothing"),
    "resampling the pool with replacement": ("permutation-test", """
        def permuted_differences(a, b, n_permutations, rng):
            pooled = np.concatenate([a, b])
            out = np.empty(n_permutations)
            for k in range(n_permutations):
                draw = rng.choice(pooled, size=len(pooled), replace=True)
                out[k] = draw[:len(a)].mean() - draw[len(a):].mean()
            return out
        """, False, "draw without replacement (rng.permutation)"),
    # -- 5. Bootstrap ------------------------------------------------------------------------
    "bootstrap with a loop over integer indices, interval with np.quantile": ("bootstrap", """
        def bootstrap_means(x, n_boot, rng):
            x = np.asarray(x, dtype=float)
            out = np.zeros(n_boot)
            for k in range(n_boot):
                out[k] = x[rng.integers(0, len(x), size=len(x))].mean()
            return out

        def percentile_interval(values, confidence=0.95):
            alpha = 1 - confidence
            return np.quantile(values, [alpha / 2, 1 - alpha / 2])
        """, True, None),
    "interval by sorting and indexing, as a list": ("bootstrap", """
        def percentile_interval(values, confidence=0.95):
            ordered = sorted(values)
            k = int(round((1 - confidence) / 2 * (len(ordered) - 1)))
            return [ordered[k], ordered[len(ordered) - 1 - k]]
        """, True, None),
    "bootstrap with its own unseeded generator": ("bootstrap", """
        def bootstrap_means(x, n_boot, rng):
            own = np.random.default_rng()
            return np.array([own.choice(x, size=len(x)).mean() for _ in range(n_boot)])
        """, True, None),
    "interval holding the middle 90%": ("bootstrap", """
        def percentile_interval(values, confidence=0.95):
            return tuple(np.percentile(values, [100 * (1 - confidence), 100 * confidence]))
        """, False, "hold the middle 90%, not 95%"),
    "interval with fractions passed to np.percentile": ("bootstrap", """
        def percentile_interval(values, confidence=0.95):
            tail = (1 - confidence) / 2
            return np.percentile(values, tail), np.percentile(values, 1 - tail)
        """, False, "np.percentile takes percentages from 0 to 100"),
    "interval ignoring the confidence": ("bootstrap", """
        def percentile_interval(values, confidence=0.95):
            return np.percentile(values, 2.5), np.percentile(values, 97.5)
        """, False, "ignores its confidence argument"),
    "bootstrap without replacement": ("bootstrap", """
        def bootstrap_means(x, n_boot, rng):
            return np.array([rng.permutation(x).mean() for _ in range(n_boot)])
        """, False, "you resampled without replacement"),
    "bootstrap returning single draws": ("bootstrap", """
        def bootstrap_means(x, n_boot, rng):
            return rng.choice(x, size=n_boot)
        """, False, "spread as widely as x itself"),
    # -- a review solve: other styles and slips ----------------------------------------------
    "bayes through P(positive) first": ("bayes", """
        def posterior_positive(prior, sensitivity, specificity):
            p_positive = sensitivity * prior + (1 - specificity) * (1 - prior)
            return sensitivity * prior / p_positive
        """, True, None),
    "variance with n - 1 written in": ("mean-variance", """
        def sample_variance(x, ddof=1):
            x = np.asarray(x, float)
            return np.sum((x - x.mean()) ** 2) / (len(x) - 1)
        """, False, "ignores its ddof argument"),
    "sample means one by one, standard error through sample_variance": ("clt", """
        def sample_means(population, n, reps, rng):
            return np.array([np.mean(rng.choice(population, n)) for _ in range(reps)])

        def standard_error(x):
            return (sample_variance(x) / len(x)) ** 0.5
        """, True, None),
    "sample means drawn without replacement from the large population": ("clt", """
        def sample_means(population, n, reps, rng):
            return np.array([rng.choice(population, n, replace=False).mean()
                             for _ in range(reps)])
        """, True, None),
    "standard error with pandas' std": ("clt", """
        import pandas as pd

        def standard_error(x):
            return pd.Series(x).std() / np.sqrt(len(x))
        """, True, None),
    "standard error over the square root of n - 1": ("clt", """
        def standard_error(x):
            return np.std(x, ddof=1) / np.sqrt(len(x) - 1)
        """, False, "standard_error([2, 4, 4, 4, 5, 5, 7, 9]) should be"),
    "permutation recording mean(b) - mean(a)": ("permutation-test", """
        def permuted_differences(a, b, n_permutations, rng):
            pool = np.concatenate([a, b]).astype(float)
            out = np.empty(n_permutations)
            for k in range(n_permutations):
                s = rng.permutation(pool)
                out[k] = s[len(a):].mean() - s[:len(a)].mean()
            return out
        """, True, None),
    "permutation splitting the pool in half": ("permutation-test", """
        def permuted_differences(a, b, n_permutations, rng):
            pool = np.concatenate([a, b]).astype(float)
            half = len(pool) // 2
            out = np.empty(n_permutations)
            for k in range(n_permutations):
                s = rng.permutation(pool)
                out[k] = s[:half].mean() - s[half:].mean()
            return out
        """, False, "whatever the group sizes"),
    "bootstrap from a table of indices, interval from quantiles": ("bootstrap", """
        def bootstrap_means(x, n_boot, rng):
            x = np.asarray(x)
            picks = rng.integers(0, len(x), size=(n_boot, len(x)))
            return x[picks].mean(axis=1)

        def percentile_interval(values, confidence=0.95):
            tail = (1 - confidence) / 2
            return (np.quantile(values, tail), np.quantile(values, 1 - tail))
        """, True, None),
    "bootstrap resamples of a fixed 100 values": ("bootstrap", """
        def bootstrap_means(x, n_boot, rng):
            return rng.choice(x, size=(n_boot, 100)).mean(axis=1)
        """, False, "each resample should have len(x) values"),
    "interval as the mean plus or minus 1.96 standard deviations": ("bootstrap", """
        def percentile_interval(values, confidence=0.95):
            v = np.asarray(values, float)
            return v.mean() - 1.96 * v.std(), v.mean() + 1.96 * v.std()
        """, False, "percentile_interval(the numbers 0 to 1000) should be"),
}


@pytest.fixture(scope="module", params=[LAB], ids=["probability-statistics"])
def lab_path(request):
    """The lab's path; its id makes `pytest -k probability-statistics` select these tests too."""
    return request.param


def test_the_prediction_answers_stay_hidden_in_the_release(lab_path):
    source = nbformat.read(lab_path, as_version=4)
    cells = {cell.id: cell for cell in source.cells}
    ids = list(cells)
    released = {cell.id: cell for cell in load_lab(lab_path).released.cells}
    for exercise, answer in (("bayes", 2), ("clt", 1)):
        intro, ask, show, why = (f"{exercise}-{part}" for part in
                                 ("predict", "prediction", "try", "why"))
        assert ids.index(intro) < ids.index(ask) < ids.index(show) < ids.index(why)
        assert "prediction" not in cells[intro].metadata["bytementor"]
        meta = cells[ask].metadata["bytementor"]
        assert meta["role"] == "prediction" and meta["exercise"] == exercise
        assert len(meta["choices"]) == 4 and meta["answer"] == answer
        reveal = cells[why]
        assert role_of(reveal) == "reveal"
        assert reveal.metadata["bytementor"]["exercise"] == exercise
        assert reveal.source.splitlines()[0] == "### What happened, and why"
        letter = "ABCD"[answer]
        assert f"**{letter}.**" in reveal.source
        # The release has neither the answer nor the explanation.
        assert "answer" not in released[ask].metadata["bytementor"]
        assert f"**{letter}.**" not in released[why].source
        assert released[why].metadata["editable"] is False


def test_every_exercise_has_three_hints(lab_path):
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
