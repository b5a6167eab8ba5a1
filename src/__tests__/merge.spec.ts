import {
  addProgress,
  calibration,
  mergeProgress,
  missingRecords,
  passedExercises,
  readProgress
} from '../progress/merge';
import {
  mergePortfolio,
  portfolioProgress,
  readPortfolio
} from '../progress/portfolio';

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

describe('unsaved records added to stored ones', () => {
  const stored = {
    gd: { exercises: { mse: { attempts: 2, hintsUsed: 1 } } }
  };

  it('adds the checks of each tab once, in either order', () => {
    const tabA = { gd: { exercises: { mse: { attempts: 1, hintsUsed: 0 } } } };
    const tabB = {
      gd: {
        exercises: {
          mse: {
            attempts: 3,
            hintsUsed: 2,
            firstPassed: '2026-12-01T10:00:00.000Z'
          }
        }
      }
    };
    const ab = addProgress(addProgress(stored, tabA), tabB);
    const ba = addProgress(addProgress(stored, tabB), tabA);
    expect(ab).toEqual(ba);
    expect(ab.gd.exercises.mse).toEqual({
      attempts: 6,
      hintsUsed: 2,
      firstPassed: '2026-12-01T10:00:00.000Z'
    });
  });

  it('finds records a concurrent write or an edit lost', () => {
    const known = {
      gd: {
        exercises: {
          mse: { attempts: 2, hintsUsed: 1 },
          loop: {
            attempts: 3,
            hintsUsed: 0,
            firstPassed: '2026-12-01T10:00:00.000Z'
          }
        }
      }
    };
    // A lost exercise comes back with its checks; nothing else is missing.
    expect(missingRecords(stored, known)).toEqual({
      gd: { exercises: { loop: known.gd.exercises.loop } }
    });
    // A pass missing from an exercise still there comes back without checks.
    const unpassed = {
      gd: {
        exercises: {
          ...known.gd.exercises,
          loop: { attempts: 5, hintsUsed: 0 }
        }
      }
    };
    expect(missingRecords(unpassed, known).gd.exercises.loop).toEqual({
      attempts: 0,
      hintsUsed: 0,
      firstPassed: '2026-12-01T10:00:00.000Z'
    });
    expect(missingRecords(addProgress(stored, known), known)).toEqual({});
  });
});

describe('portfolio', () => {
  const project = {
    name: 'Churn model',
    repository: 'https://example.org/churn',
    deployed: 'https://churn.example.org',
    checks: { readme: true, api: true },
    updated: '2027-02-01T10:00:00.000Z'
  };

  it('keeps the later edit of a project, whichever arrives last', () => {
    const older = {
      'project-1': {
        ...project,
        name: 'Old name',
        updated: '2027-01-01T00:00:00.000Z'
      }
    };
    const newer = { 'project-1': project };
    expect(mergePortfolio(older, newer)).toEqual(newer);
    expect(mergePortfolio(newer, older)).toEqual(newer);
  });

  it('counts the checklist of the two most complete projects', () => {
    const portfolio = readPortfolio({
      'project-1': project,
      'project-2': {
        ...project,
        checks: { readme: true, evaluation: true, tests: true, api: true }
      },
      'project-3': { ...project, checks: { readme: true } },
      'project-9': project,
      'project-x': 'nonsense'
    });
    expect(Object.keys(portfolio)).toEqual([
      'project-1',
      'project-2',
      'project-3'
    ]);
    expect(portfolioProgress(portfolio)).toEqual({ done: 6, total: 8 });
    expect(portfolioProgress({})).toEqual({ done: 0, total: 8 });
  });
});
