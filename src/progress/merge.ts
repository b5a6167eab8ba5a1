/**
 * Progress records (DESIGN.md §6) and their merge, as pure functions.
 *
 * Records only grow: merging two records never loses a pass, and the
 * earliest pass wins, so two tabs writing in any order end up agreeing.
 */

/**
 * A committed prediction: what the learner predicted, whether it was right
 * and when. Once made it never changes.
 */
export interface IPredictionRecord {
  /**
   * The index of the chosen choice, or the number predicted.
   */
  given: number;
  correct: boolean;
  /**
   * ISO time of the commit.
   */
  at: string;
}

/**
 * What is recorded per exercise.
 */
export interface IExerciseRecord {
  /**
   * ISO time of the first pass, absent until the exercise is passed.
   */
  firstPassed?: string;
  attempts: number;
  hintsUsed: number;
  /**
   * The exercise's prediction, once committed.
   */
  prediction?: IPredictionRecord;
}

/**
 * What is recorded per lab.
 */
export interface ILabRecord {
  exercises: { [exercise: string]: IExerciseRecord };
}

/**
 * All progress: the value of the `labs` setting.
 */
export interface IProgress {
  [lab: string]: ILabRecord;
}

/**
 * Merge two exercise records.
 */
export function mergeExercise(
  a: IExerciseRecord | undefined,
  b: IExerciseRecord | undefined
): IExerciseRecord {
  const passes = [a?.firstPassed, b?.firstPassed].filter(
    (t): t is string => typeof t === 'string'
  );
  const merged: IExerciseRecord = {
    attempts: Math.max(a?.attempts ?? 0, b?.attempts ?? 0),
    hintsUsed: Math.max(a?.hintsUsed ?? 0, b?.hintsUsed ?? 0)
  };
  if (passes.length > 0) {
    merged.firstPassed = passes.sort(
      (x, y) => Date.parse(x) - Date.parse(y)
    )[0];
  }
  // The first commit stands, whichever tab wrote it.
  const predictions = [a?.prediction, b?.prediction].filter(
    (p): p is IPredictionRecord => p !== undefined
  );
  if (predictions.length > 0) {
    merged.prediction = predictions.sort(
      (x, y) => Date.parse(x.at) - Date.parse(y.at)
    )[0];
  }
  return merged;
}

/**
 * Merge two progress values: the union of labs and exercises.
 */
export function mergeProgress(a: IProgress, b: IProgress): IProgress {
  const merged: IProgress = {};
  for (const lab of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const left = a[lab]?.exercises ?? {};
    const right = b[lab]?.exercises ?? {};
    const exercises: { [exercise: string]: IExerciseRecord } = {};
    for (const ex of new Set([...Object.keys(left), ...Object.keys(right)])) {
      exercises[ex] = mergeExercise(left[ex], right[ex]);
    }
    merged[lab] = { exercises };
  }
  return merged;
}

/**
 * Add a tab's unsaved records to stored ones: like `mergeProgress`, except
 * that attempts add up, since `pending` counts only checks not yet saved.
 *
 * `mergeProgress` takes the larger count instead, so merging the same
 * records twice never counts a check twice; the store therefore keeps its
 * unsaved checks apart and adds them exactly once, on a successful write.
 */
export function addProgress(stored: IProgress, pending: IProgress): IProgress {
  const merged = mergeProgress(stored, pending);
  for (const [lab, record] of Object.entries(pending)) {
    for (const [ex, entry] of Object.entries(record.exercises)) {
      merged[lab].exercises[ex].attempts =
        (stored[lab]?.exercises[ex]?.attempts ?? 0) + entry.attempts;
    }
  }
  return merged;
}

/**
 * The records of `known` that `stored` lacks: exercises missing entirely
 * (with their checks), and passes, predictions and hint counts missing from
 * exercises it has (with no checks, which it counts already).
 *
 * A tab adds these back to find records only grow: ones a concurrent write
 * from another tab overwrote, or ones removed in the settings editor.
 */
export function missingRecords(stored: IProgress, known: IProgress): IProgress {
  const missing: IProgress = {};
  for (const [lab, record] of Object.entries(known)) {
    for (const [ex, entry] of Object.entries(record.exercises)) {
      const there = stored[lab]?.exercises[ex];
      const lost =
        !there ||
        (entry.firstPassed && !there.firstPassed) ||
        (entry.prediction && !there.prediction) ||
        entry.hintsUsed > there.hintsUsed;
      if (lost) {
        missing[lab] = missing[lab] ?? { exercises: {} };
        missing[lab].exercises[ex] = there ? { ...entry, attempts: 0 } : entry;
      }
    }
  }
  return missing;
}

/**
 * Read a progress value from untrusted settings data, dropping what is
 * malformed rather than failing.
 */
export function readProgress(value: unknown): IProgress {
  const progress: IProgress = {};
  if (!value || typeof value !== 'object') {
    return progress;
  }
  for (const [lab, record] of Object.entries(value)) {
    const exercises = (record as { exercises?: unknown })?.exercises;
    if (!exercises || typeof exercises !== 'object') {
      continue;
    }
    progress[lab] = { exercises: {} };
    for (const [ex, raw] of Object.entries(exercises)) {
      const data = (raw ?? {}) as { [key: string]: unknown };
      const entry: IExerciseRecord = {
        attempts: count(data['attempts']),
        hintsUsed: count(data['hintsUsed'])
      };
      const first = data['firstPassed'];
      if (typeof first === 'string' && !Number.isNaN(Date.parse(first))) {
        entry.firstPassed = first;
      }
      const prediction = readPrediction(data['prediction']);
      if (prediction) {
        entry.prediction = prediction;
      }
      progress[lab].exercises[ex] = entry;
    }
  }
  return progress;
}

/**
 * The ids of the exercises of `lab` that have been passed.
 */
export function passedExercises(progress: IProgress, lab: string): string[] {
  const exercises = progress[lab]?.exercises ?? {};
  return Object.keys(exercises).filter(ex => !!exercises[ex].firstPassed);
}

/**
 * Predictions made and predictions right, over the exercises of `labs`.
 */
export function calibration(
  progress: IProgress,
  labs: string[]
): { made: number; right: number } {
  let made = 0;
  let right = 0;
  for (const lab of labs) {
    for (const record of Object.values(progress[lab]?.exercises ?? {})) {
      if (record.prediction) {
        made += 1;
        right += record.prediction.correct ? 1 : 0;
      }
    }
  }
  return { made, right };
}

function readPrediction(value: unknown): IPredictionRecord | null {
  const data = (value ?? {}) as { [key: string]: unknown };
  const { given, correct, at } = data;
  if (
    typeof given === 'number' &&
    Number.isFinite(given) &&
    typeof correct === 'boolean' &&
    typeof at === 'string' &&
    !Number.isNaN(Date.parse(at))
  ) {
    return { given, correct, at };
  }
  return null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? Math.floor(value)
    : 0;
}
