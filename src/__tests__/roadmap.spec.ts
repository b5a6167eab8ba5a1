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

describe('roadmap on a path', () => {
  const lab = (id: string, stage: number) => ({
    id,
    version: '1.0.0',
    title: id,
    stage,
    track: 't',
    minutes: 60,
    skills: [],
    requires: [],
    exercises: [
      { id: 'a', title: 'A', points: 1 },
      { id: 'b', title: 'B', points: 1 }
    ]
  });
  const passed = {
    attempts: 1,
    hintsUsed: 0,
    firstPassed: '2027-01-04T10:00:00Z'
  };
  const course: ICatalog = {
    format: 1,
    tracks: [],
    stages: [
      {
        number: 1,
        id: 's1',
        title: 'S1',
        weeks: [4, 6],
        topics: [],
        labs: ['one']
      },
      {
        number: 2,
        id: 's2',
        title: 'S2',
        weeks: [4, 6],
        topics: [],
        labs: ['two', 'eval']
      },
      {
        number: 3,
        id: 's3',
        title: 'S3',
        weeks: [4, 6],
        topics: [],
        labs: [],
        upcoming: ['deep', 'portfolio']
      }
    ],
    labs: [lab('one', 1), lab('two', 2), lab('eval', 2)],
    upcoming: [
      {
        id: 'deep',
        title: 'Deep',
        stage: 3,
        track: 't',
        minutes: 120,
        exercises: 5,
        kind: 'notebook'
      },
      {
        id: 'portfolio',
        title: 'Portfolio',
        stage: 3,
        track: 't',
        minutes: 600,
        exercises: 0,
        kind: 'portfolio'
      }
    ],
    paths: [
      {
        id: 'full',
        title: 'Full',
        for: '',
        stages: [1, 2, 3],
        optionalStages: [],
        optionalLabs: [],
        placementStages: []
      },
      {
        id: 'fast',
        title: 'Fast',
        for: '',
        stages: [1, 2, 3],
        optionalStages: [1, 2],
        optionalLabs: [],
        placementStages: [1, 2]
      },
      {
        id: 'ml',
        title: 'ML',
        for: '',
        stages: [1, 2, 3],
        optionalStages: [1],
        optionalLabs: ['two'],
        placementStages: []
      }
    ],
    milestones: [{ afterStage: 2, title: 'Apply' }]
  };

  it('marks optional stages and labs from the path data', () => {
    const view = buildRoadmap(course, {}, { pathId: 'ml' });
    expect(view.stages.map(s => s.optional)).toEqual([true, false, false]);
    expect(view.stages[1].labs.map(l => [l.id, l.optional])).toEqual([
      ['two', true],
      ['eval', false]
    ]);
    // The course bar counts what the path requires: eval's and deep's exercises.
    expect(view.total).toBe(2 + 5 + 8);
  });

  it('shows planned labs as planned, and counts the portfolio checklist', () => {
    const view = buildRoadmap(
      course,
      {},
      {
        pathId: 'full',
        portfolio: {
          'project-1': {
            name: 'P',
            repository: '',
            deployed: '',
            checks: { readme: true },
            updated: '2027-01-04T10:00:00Z'
          }
        }
      }
    );
    const [deep, portfolio] = view.stages[2].labs;
    expect(deep).toMatchObject({
      state: 'planned',
      available: false,
      total: 5
    });
    expect(portfolio).toMatchObject({
      state: 'in-progress',
      passed: 1,
      total: 8,
      available: true
    });
  });

  it('says which lab is next, and why', () => {
    const full = buildRoadmap(course, {}, { pathId: 'full' });
    expect(full.nextUp).toMatchObject({ lab: { id: 'one' }, reason: 'next' });

    const started = buildRoadmap(
      course,
      { two: { exercises: { a: passed } } },
      { pathId: 'full' }
    );
    expect(started.nextUp).toMatchObject({
      lab: { id: 'two' },
      reason: 'continue'
    });

    // Everything required is not released: a placement check meanwhile.
    const fast = buildRoadmap(course, {}, { pathId: 'fast' });
    expect(fast.nextUp).toMatchObject({
      lab: { id: 'one' },
      reason: 'placement',
      waitingFor: { id: 'deep' }
    });

    const ml = buildRoadmap(course, {}, { pathId: 'ml' });
    expect(ml.nextUp).toMatchObject({ lab: { id: 'eval' }, reason: 'next' });
  });

  it('counts every lab, in course order, before a path is chosen', () => {
    const none = buildRoadmap(course, {});
    expect(none.path).toBeNull();
    expect(none.nextUp).toMatchObject({ lab: { id: 'one' }, reason: 'next' });
    const fast = buildRoadmap(course, {}, { pathId: 'fast' });
    expect(none.total).toBeGreaterThan(fast.total);
  });

  it("reaches the milestone once the stage's required labs are done", () => {
    const done = { exercises: { a: passed, b: passed } };
    const ml = buildRoadmap(course, { eval: done }, { pathId: 'ml' });
    expect(ml.stages[1].milestones[0].reached).toBe(true);
    const full = buildRoadmap(course, { eval: done }, { pathId: 'full' });
    expect(full.stages[1].milestones[0].reached).toBe(false);
  });

  it('projects the pace only with a plan', () => {
    expect(buildRoadmap(course, {}, { pathId: 'full' }).pace).toBeNull();
    const view = buildRoadmap(
      course,
      {},
      {
        pathId: 'full',
        plan: { hoursPerDay: 2.5, startDate: '2027-01-04' },
        now: new Date('2027-01-04T08:00:00Z'),
        timeZone: 'UTC'
      }
    );
    expect(view.pace?.requiredHours).toBeCloseTo(3 * 87.5);
    expect(view.stages[2].pace?.budgetDays).toEqual([28, 42]);
  });
});
