import { ICatalog } from '../catalog/types';
import { buildRoadmap } from '../roadmap/model';

const catalog: ICatalog = {
  format: 1,
  tracks: [],
  stages: [
    {
      number: 1,
      id: 'foundations',
      title: 'Foundations',
      weeks: [4, 6],
      topics: [],
      labs: []
    },
    {
      number: 2,
      id: 'core-ml',
      title: 'Core ML',
      weeks: [4, 6],
      topics: [],
      labs: ['gd']
    }
  ],
  labs: [
    {
      id: 'gd',
      version: '1.0.0',
      title: 'GD',
      stage: 2,
      track: 'ml',
      minutes: 120,
      skills: [],
      requires: [],
      exercises: [
        { id: 'mse', title: 'MSE', points: 1 },
        { id: 'grad', title: 'Gradient', points: 1 }
      ]
    }
  ]
};

describe('roadmap', () => {
  it('shows a lab not started, in progress and done', () => {
    const none = buildRoadmap(catalog, {});
    expect(none.stages[1].labs[0]).toMatchObject({
      passed: 0,
      total: 2,
      state: 'not-started'
    });

    const one = buildRoadmap(catalog, {
      gd: {
        exercises: {
          mse: {
            firstPassed: '2026-12-01T10:00:00Z',
            attempts: 1,
            hintsUsed: 0
          }
        }
      }
    });
    expect(one.stages[1].labs[0]).toMatchObject({
      passed: 1,
      state: 'in-progress'
    });
    expect(one).toMatchObject({ passed: 1, total: 2 });

    const both = buildRoadmap(catalog, {
      gd: {
        exercises: {
          mse: {
            firstPassed: '2026-12-01T10:00:00Z',
            attempts: 1,
            hintsUsed: 0
          },
          grad: {
            firstPassed: '2026-12-01T11:00:00Z',
            attempts: 4,
            hintsUsed: 1
          }
        }
      }
    });
    expect(both.stages[1].labs[0].state).toBe('done');
  });

  it('counts only exercises the lab still has', () => {
    const view = buildRoadmap(catalog, {
      gd: {
        exercises: {
          removed: {
            firstPassed: '2026-12-01T10:00:00Z',
            attempts: 1,
            hintsUsed: 0
          }
        }
      }
    });
    expect(view.stages[1].labs[0]).toMatchObject({
      passed: 0,
      state: 'in-progress'
    });
  });

  it('keeps stages that have no lab yet', () => {
    const view = buildRoadmap(catalog, {});
    expect(view.stages.map(s => s.stage.id)).toEqual([
      'foundations',
      'core-ml'
    ]);
    expect(view.stages[0].labs).toEqual([]);
  });
});
