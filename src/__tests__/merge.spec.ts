import {
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
