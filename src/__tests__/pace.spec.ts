/**
 * The pace plan on worked examples, with the course's own stages and paths.
 */
import course from '../../labs/course.json';
import { IPath } from '../catalog/types';
import {
  activeDays,
  addDays,
  clampHours,
  IPaceLab,
  isLocalDate,
  projectPace
} from '../roadmap/pace';

const ZONE = 'Europe/Berlin';
const START = '2027-01-04';
const stages = course.stages.map(s => ({
  number: s.number,
  weeks: s.weeks as [number, number]
}));
const paths = course.paths as IPath[];

/**
 * Every planned lab of the course with 120 minutes and 5 exercises, so each
 * stage's effort splits evenly: 17.5 h a lab in a 4–6 week stage.
 */
function labs(pathId: string): IPaceLab[] {
  const path = paths.find(p => p.id === pathId)!;
  return course.stages.flatMap(stage =>
    stage.planned.map(id => ({
      id,
      stage: stage.number,
      minutes: 120,
      total: 5,
      done: 0,
      required:
        !path.optionalStages.includes(stage.number) &&
        !path.optionalLabs.includes(id),
      passes: []
    }))
  );
}

/**
 * Pass exercises of the path's labs in course order, one list of passes per
 * local day in `days` (offsets from START), at 18:00 Berlin time.
 */
function passOn(all: IPaceLab[], days: number[], perDay: number): IPaceLab[] {
  const queue = all.filter(lab => lab.required);
  for (const day of days) {
    for (let i = 0; i < perDay; i++) {
      const lab = queue.find(l => l.done < l.total)!;
      lab.done += 1;
      lab.passes.push(`${addDays(START, day)}T17:00:00.000Z`);
    }
  }
  return all;
}

const plan = { hoursPerDay: 2.5, startDate: START };
const evening = (day: number) => new Date(`${addDays(START, day)}T19:00:00Z`);

describe('the pace plan', () => {
  it('projects the planned finish from the lab estimates before any pass', () => {
    const pace = projectPace({
      stages,
      labs: labs('beginner'),
      plan,
      now: evening(-3),
      timeZone: ZONE
    });
    // 5 + 5 + 5 + 7 + 5 weeks at the reference 2.5 h a day: 472.5 h.
    expect(pace.requiredHours).toBeCloseTo(472.5);
    // 472.5 h at 2.5 h a day is 189 days, the start day included.
    expect(pace.plannedFinish).toBe('2027-07-11');
    expect(pace.projectedFinish).toBe(pace.plannedFinish);
    expect(pace.observed).toBeNull();
    // Nothing observed yet: no one is ahead or behind, and at the reference
    // 2.5 h a day the plan fits every budget.
    expect(pace.status).toBeNull();
    expect(pace.stages.map(s => s.status)).toEqual([
      null,
      null,
      null,
      null,
      null
    ]);
    expect(pace.stages.map(s => s.planFit)).toEqual([
      'within',
      'within',
      'within',
      'within',
      'within'
    ]);
  });

  it('says a plan of 1 h a day is longer than the budget, not that the learner is behind', () => {
    const pace = projectPace({
      stages,
      labs: labs('beginner'),
      plan: { hoursPerDay: 1, startDate: null },
      now: evening(0),
      timeZone: ZONE
    });
    // Stage 1's 87.5 h at 1 h a day: 88 days against a 28–42 day budget.
    expect(pace.stages[0]).toMatchObject({
      budgetDays: [28, 42],
      planFit: 'over',
      status: null
    });
    expect(Math.round(pace.stages[0].plannedDays)).toBe(88);
    expect(pace.foundations).toBeNull();
    // No start date and no pass: the plan starts today.
    expect(pace.start).toBe(addDays(START, 0));
  });

  it('keeps measuring, without ahead or behind, until three active days', () => {
    // One evening: a whole lab's five exercises at 1 h a day planned.
    const one = projectPace({
      stages,
      labs: passOn(labs('beginner'), [0], 5),
      plan: { hoursPerDay: 1, startDate: null },
      now: evening(0),
      timeZone: ZONE
    });
    expect(one.observed).toMatchObject({ activeDays: 1, creditedHours: 17.5 });
    expect(one.measuring).toBe(true);
    expect(one.rate).toBe(1);
    expect(one.status).toBeNull();
    expect(one.stages[0].status).toBeNull();
    expect(one.start).toBe(START);

    // Two exercises on each of three days: measured, and both say ahead.
    const three = projectPace({
      stages,
      labs: passOn(labs('beginner'), [0, 1, 2], 2),
      plan: { hoursPerDay: 1, startDate: null },
      now: evening(2),
      timeZone: ZONE
    });
    expect(three.measuring).toBe(false);
    // 21 h over 3 days, trusted 3/7 against the plan's 1 h a day.
    expect(three.rate).toBeCloseTo((3 / 7) * 7 + (4 / 7) * 1);
    expect(three.status).toBe('ahead');
    expect(three.stages[0].status).toBe('ahead');
    expect(three.stages[1].status).toBeNull();
  });

  it('gives the whole path and the stage in progress the same verdict', () => {
    // One exercise every other day at 2.5 h a day planned: behind, both.
    const pace = projectPace({
      stages,
      labs: passOn(labs('beginner'), [0, 2, 4, 6], 1),
      plan,
      now: evening(6),
      timeZone: ZONE
    });
    expect(pace.status).toBe('behind');
    expect(pace.stages[0].status).toBe('behind');
    expect(pace.stages[0].plannedEnd).toBe(addDays(START, 34));
    expect(pace.stages[4].plannedEnd).toBe(pace.plannedFinish);
  });

  it('brings the finish forward for a learner ahead of plan', () => {
    // Two exercises (7 h of effort) a day for ten days.
    const days = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const pace = projectPace({
      stages,
      labs: passOn(labs('beginner'), days, 2),
      plan,
      now: evening(9),
      timeZone: ZONE
    });
    expect(pace.observed).toEqual({
      activeDays: 10,
      creditedHours: 70,
      hoursPerActiveDay: 7
    });
    expect(pace.rate).toBeCloseTo(7);
    // 402.5 h left at 7 h a day: 57.5 days, so the 58th day from today.
    expect(pace.projectedFinish).toBe(addDays('2027-01-13', 57));
    expect(pace.daysAheadOfPlan).toBeGreaterThan(100);
    expect(pace.stages[0]).toMatchObject({ status: 'ahead', done: false });
    expect(pace.foundations).toBeNull();
  });

  it('pushes the finish back and warns about Foundations for a learner behind', () => {
    // One exercise (3.5 h of effort) every other day for twenty days.
    const days = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18];
    const pace = projectPace({
      stages,
      labs: passOn(labs('beginner'), days, 1),
      plan,
      now: evening(19),
      timeZone: ZONE
    });
    expect(pace.observed?.activeDays).toBe(19);
    expect(pace.rate).toBeCloseTo(35 / 19);
    expect(pace.daysAheadOfPlan).toBeLessThan(0);
    // 19 days spent and 52.5 h left at 1.84 h a day: about 47.5 days in all.
    expect(pace.stages[0].projectedDays).toBeCloseTo(19 + 52.5 / (35 / 19));
    expect(pace.stages[0].status).toBe('behind');
    expect(pace.foundations).toBe('projected-over');
  });

  it('does not count a two-week pause as study time', () => {
    const paused = passOn(
      labs('beginner'),
      [0, 1, 2, 3, 4, 19, 20, 21, 22, 23],
      2
    );
    const pace = projectPace({
      stages,
      labs: paused,
      plan,
      now: evening(23),
      timeZone: ZONE
    });
    // Five days, the pause counted as 3, then four more: 12, not 24.
    expect(pace.observed?.activeDays).toBe(12);
    expect(pace.rate).toBeCloseTo(70 / 12);
    // 402.5 h left at 5.83 h a day: 69 days, from the day of return.
    expect(pace.projectedFinish).toBe(addDays(addDays(START, 23), 68));
    // Wall time (24 days) would have said 2.9 h a day: twice as long.
    expect(pace.stages[0].status).toBe('ahead');
  });

  it('says Foundations is over six weeks once it is', () => {
    // One exercise every third day, sixteen times: 46 active days.
    const days = Array.from({ length: 16 }, (_, i) => i * 3);
    const pace = projectPace({
      stages,
      labs: passOn(labs('beginner'), days, 1),
      plan,
      now: evening(45),
      timeZone: ZONE
    });
    expect(pace.stages[0].spentDays).toBe(46);
    expect(pace.foundations).toBe('over');
  });

  it.each([
    // Stages 1–5 in full.
    ['beginner', 472.5, [35, 35, 35, 49, 35]],
    // Stages 1 and 2 optional: no budget for them.
    ['developer-fast-track', 297.5, [null, null, 35, 49, 35]],
    // Stage 1 optional; of Stage 2 only the evaluation lab, a fifth of it.
    ['ml-engineer', 315, [null, 7, 35, 49, 35]]
  ])(
    'the %s path requires %d hours, with these stage budgets',
    (pathId, hours, budgets) => {
      const pace = projectPace({
        stages,
        labs: labs(pathId as string),
        plan,
        now: evening(0),
        timeZone: ZONE
      });
      expect(pace.requiredHours).toBeCloseTo(hours as number);
      const budgetMid = pace.stages.map(s =>
        s.budgetDays
          ? Math.round((s.budgetDays[0] + s.budgetDays[1]) / 2)
          : null
      );
      expect(budgetMid).toEqual(budgets);
      expect(pace.plannedFinish).toBe(
        addDays(START, (hours as number) / 2.5 - 1)
      );
      expect(pace.stages[4].projectedEnd).toBe(pace.projectedFinish);
    }
  );

  it("counts days on the learner's local calendar", () => {
    const times = ['2027-01-04T22:30:00Z', '2027-01-05T07:00:00Z'];
    // 23:30 and 08:00 the next day in Berlin; 14:30 and 23:00 the same day in Los Angeles.
    expect(activeDays(times, 'Europe/Berlin')).toBe(2);
    expect(activeDays(times, 'America/Los_Angeles')).toBe(1);
  });

  it('starts the plan on the day of the first pass when no date is set', () => {
    const pace = projectPace({
      stages,
      labs: passOn(labs('beginner'), [0, 1, 2], 1),
      plan: { hoursPerDay: 2.5, startDate: null },
      now: evening(30),
      timeZone: ZONE
    });
    expect(pace.plannedFinish).toBe('2027-07-11');
  });

  it('waits for a start date in the future', () => {
    const pace = projectPace({
      stages,
      labs: labs('beginner'),
      plan: { hoursPerDay: 5, startDate: '2027-03-01' },
      now: evening(0),
      timeZone: ZONE
    });
    // 472.5 h at 5 h a day: 94.5 days from 1 March.
    expect(pace.projectedFinish).toBe(addDays('2027-03-01', 94));
  });
});

describe('plan inputs a date picker or the settings file can hold', () => {
  it('takes start dates this century only', () => {
    expect(isLocalDate('2026-11-24')).toBe(true);
    expect(isLocalDate('9999-12-31')).toBe(false);
    expect(isLocalDate('0100-01-01')).toBe(false);
    expect(isLocalDate('2026-02-30')).toBe(false);
  });

  it('keeps hours a day between a quarter hour and sixteen hours', () => {
    expect(clampHours(1e308)).toBe(16);
    expect(clampHours(0.01)).toBe(0.25);
    expect(clampHours(Number.NaN)).toBe(2.5);
    expect(clampHours(3)).toBe(3);
  });
});
