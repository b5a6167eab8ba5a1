import {
  calibration,
  mergeProgress,
  passedExercises,
  readProgress
} from '../progress/merge';

describe('progress records', () => {
  it('keeps passes made in two tabs on different exercises', () => {
    const tabA = {
      gd: {
        exercises: {
          mse: {
            firstPassed: '2026-12-01T10:00:00.000Z',
            attempts: 2,
            hintsUsed: 0
          }
        }
      }
    };
    const tabB = {
      gd: {
        exercises: {
          loop: {
            firstPassed: '2026-12-01T11:00:00.000Z',
            attempts: 1,
            hintsUsed: 1
          }
        }
      }
    };
    const merged = mergeProgress(tabA, tabB);
    expect(passedExercises(merged, 'gd').sort()).toEqual(['loop', 'mse']);
    expect(mergeProgress(tabB, tabA)).toEqual(merged);
  });

  it('keeps the earliest pass whatever order writes arrive in', () => {
    const early = {
      gd: {
        exercises: {
          mse: {
            firstPassed: '2026-12-01T10:00:00.000Z',
            attempts: 1,
            hintsUsed: 0
          }
        }
      }
    };
    const late = {
      gd: {
        exercises: {
          mse: {
            firstPassed: '2026-12-02T10:00:00.000Z',
            attempts: 3,
            hintsUsed: 2
          }
        }
      }
    };
    for (const merged of [
      mergeProgress(early, late),
      mergeProgress(late, early)
    ]) {
      expect(merged.gd.exercises.mse).toEqual({
        firstPassed: '2026-12-01T10:00:00.000Z',
        attempts: 3,
        hintsUsed: 2
      });
    }
  });

  it('never loses a pass to a record without one', () => {
    const passed = {
      gd: {
        exercises: {
          mse: {
            firstPassed: '2026-12-01T10:00:00.000Z',
            attempts: 1,
            hintsUsed: 0
          }
        }
      }
    };
    const stale = { gd: { exercises: { mse: { attempts: 5, hintsUsed: 0 } } } };
    expect(mergeProgress(stale, passed).gd.exercises.mse.firstPassed).toBe(
      '2026-12-01T10:00:00.000Z'
    );
  });

  it('drops malformed stored data instead of failing', () => {
    const stored = {
      gd: {
        exercises: {
          mse: { firstPassed: 'not a date', attempts: -3 },
          ok: { attempts: 2, hintsUsed: 'x' }
        }
      },
      broken: 42
    };
    expect(readProgress(stored)).toEqual({
      gd: {
        exercises: {
          mse: { attempts: 0, hintsUsed: 0 },
          ok: { attempts: 2, hintsUsed: 0 }
        }
      }
    });
    expect(readProgress(null)).toEqual({});
  });
});

describe('prediction records', () => {
  const early = { given: 1, correct: false, at: '2026-12-01T10:00:00.000Z' };
  const late = { given: 2, correct: true, at: '2026-12-01T10:05:00.000Z' };
  const record = (prediction?: typeof early) => ({
    lab: {
      exercises: {
        bayes: {
          attempts: 0,
          hintsUsed: 0,
          ...(prediction ? { prediction } : {})
        }
      }
    }
  });

  it('keeps the first commit, whichever tab writes last', () => {
    expect(
      mergeProgress(record(late), record(early)).lab.exercises.bayes.prediction
    ).toEqual(early);
    expect(
      mergeProgress(record(early), record(late)).lab.exercises.bayes.prediction
    ).toEqual(early);
  });

  it('keeps a prediction that only one side has', () => {
    expect(
      mergeProgress(record(), record(early)).lab.exercises.bayes.prediction
    ).toEqual(early);
  });

  it('drops a malformed prediction when reading settings', () => {
    const read = readProgress({
      lab: {
        exercises: {
          bayes: { prediction: { given: 'B', correct: true, at: 'soon' } }
        }
      }
    });
    expect(read.lab.exercises.bayes.prediction).toBeUndefined();
  });

  it('counts predictions made and right per set of labs', () => {
    const progress = mergeProgress(record(late), {
      other: {
        exercises: {
          x: { attempts: 0, hintsUsed: 0, prediction: { ...early } }
        }
      }
    });
    expect(calibration(progress, ['lab', 'other'])).toEqual({
      made: 2,
      right: 1
    });
    expect(calibration(progress, ['lab'])).toEqual({ made: 1, right: 1 });
    expect(calibration(progress, [])).toEqual({ made: 0, right: 0 });
  });
});
