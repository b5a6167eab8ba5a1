/**
 * The pace plan: a projected finish date that adapts to the learner.
 *
 * Pure logic, no JupyterLab imports: "now" and the time zone are inputs, so
 * the projection is the same in a test as in the browser.
 *
 * The model, in the course's own terms:
 *
 * - **Effort.** Each stage's budget (`weeks: [min, max]`) is the course's
 *   estimate of the whole stage at its reference pace of
 *   `REFERENCE_HOURS_PER_DAY`: labs plus the reading and practice around
 *   them. A stage's effort, `mean(weeks) × 7 × REFERENCE_HOURS_PER_DAY`
 *   hours, is shared among its labs in proportion to their `minutes`
 *   estimates (equally when no lab has one), planned labs included. A lab's
 *   effort is credited exercise by exercise as they are passed.
 * - **Plan.** Hours per day and a start date (the day of the first pass
 *   when none is set) give the planned finish: the effort of every lab the
 *   path requires, at hours per day.
 * - **Observed pace** is effort credited per *active day*. Active days are
 *   counted on the learner's local calendar between passes: the day of the
 *   first pass counts 1, and each later day with a pass adds the days since
 *   the previous one, but never more than `PAUSE_DAYS`: a longer gap is a
 *   pause, and time away is not study time, so a two-week break barely slows
 *   the projection. (Counting a pause as 1 day instead would make a learner
 *   who passes an exercise every fifth day look five times faster than they
 *   are.)
 * - **Projection.** Before `EVIDENCE_DAYS` active days the pace is still
 *   being measured and the plan's hours per day are used as they are. From
 *   then on the rate blends plan and observation, trusting the observation
 *   fully after `CONFIDENT_DAYS` active days; the remaining required effort
 *   at that rate, from today, gives the projected finish.
 * - **Ahead or behind** is observed progress against the learner's own plan,
 *   and only once the pace is measured: the projected finish against the
 *   planned finish, and for a stage with passes its projected end against
 *   its planned end. Both come from the same start, hours per day and rate,
 *   so the overall status and a stage's say the same thing.
 * - **Budgets.** A stage's budget, scaled to the share of its effort the path
 *   requires, is set against the plan's days for the stage: at fewer hours a
 *   day than the reference the plan itself takes longer than the budget,
 *   which is a fact of the plan, not the learner falling behind. A stage the
 *   path leaves optional has no budget.
 */

/**
 * The course's reference pace: CURRICULUM.md's "2 to 3 hours a day".
 */
export const REFERENCE_HOURS_PER_DAY = 2.5;

/**
 * A gap between passes counts at most this many days; longer is a pause.
 */
export const PAUSE_DAYS = 3;

/**
 * Before this many active days the observed pace is not used: one evening's
 * burst says little about the weeks ahead.
 */
export const EVIDENCE_DAYS = 3;

/**
 * After this many active days the observed pace alone drives the projection.
 */
export const CONFIDENT_DAYS = 7;

/**
 * The course's advice: no more than 6 weeks on Foundations.
 */
export const FOUNDATIONS_MAX_DAYS = 42;

/**
 * A stage as the pace plan needs it.
 */
export interface IPaceStage {
  number: number;
  weeks: [number, number];
}

/**
 * A lab as the pace plan needs it.
 */
export interface IPaceLab {
  id: string;
  stage: number;
  minutes: number;
  /**
   * Units of work (exercises, or portfolio checklist items) and how many are
   * done.
   */
  total: number;
  done: number;
  /**
   * Whether the learner's path requires the lab.
   */
  required: boolean;
  /**
   * ISO times of the first passes of its exercises.
   */
  passes: string[];
}

/**
 * The learner's plan.
 */
export interface IPacePlan {
  hoursPerDay: number;
  /**
   * Local date `YYYY-MM-DD`, or null for "today".
   */
  startDate: string | null;
}

/**
 * Everything the projection depends on.
 */
export interface IPaceInput {
  stages: IPaceStage[];
  labs: IPaceLab[];
  plan: IPacePlan;
  now: Date;
  /**
   * IANA time zone of the learner, e.g. `Europe/Berlin`; the browser's when
   * absent.
   */
  timeZone?: string;
}

/**
 * Ahead of, on or behind the learner's own plan.
 */
export type BudgetStatus = 'ahead' | 'on-pace' | 'behind';

/**
 * How the plan's days for a stage compare with its budget.
 */
export type PlanFit = 'under' | 'within' | 'over';

/**
 * One stage's pace.
 */
export interface IStagePace {
  number: number;
  /**
   * The budget in days on this path, `[min, max]`; null when the path leaves
   * the stage optional.
   */
  budgetDays: [number, number] | null;
  /**
   * Days the plan gives the stage's required labs, at its hours per day.
   */
  plannedDays: number;
  /**
   * The plan's days against the budget; null without a budget.
   */
  planFit: PlanFit | null;
  spentDays: number;
  /**
   * Spent days plus the projected days its required labs still need.
   */
  projectedDays: number;
  /**
   * The local date its required labs are projected to be done.
   */
  projectedEnd: string;
  /**
   * The local date the plan has its required labs done.
   */
  plannedEnd: string;
  done: boolean;
  /**
   * Progress against the plan: null before the stage's first pass or while
   * the pace is still measured.
   */
  status: BudgetStatus | null;
}

/**
 * The learner's observed pace.
 */
export interface IObservedPace {
  activeDays: number;
  creditedHours: number;
  hoursPerActiveDay: number;
}

/**
 * The projection.
 */
export interface IPace {
  today: string;
  /**
   * The plan's first day: the start date, else the day of the first pass,
   * else today.
   */
  start: string;
  /**
   * Effort of the labs the path requires, and what of it is left, in hours.
   */
  requiredHours: number;
  remainingHours: number;
  /**
   * Hours of effort per day the projection uses.
   */
  rate: number;
  observed: IObservedPace | null;
  /**
   * True until `EVIDENCE_DAYS` active days: the projection is the plan's.
   */
  measuring: boolean;
  plannedFinish: string;
  projectedFinish: string;
  /**
   * Days the projection is before (negative: after) the plan.
   */
  daysAheadOfPlan: number;
  /**
   * Progress against the plan; null while the pace is still measured.
   */
  status: BudgetStatus | null;
  stages: IStagePace[];
  foundations: 'over' | 'projected-over' | null;
}

/**
 * Project the learner's finish and each stage's pace.
 */
export function projectPace(input: IPaceInput): IPace {
  const zone = input.timeZone;
  const today = localDate(input.now, zone);
  const hoursPerDay = clampHours(input.plan.hoursPerDay);
  const efforts = labEfforts(input.stages, input.labs);
  const effort = (lab: IPaceLab) => efforts.get(lab.id) ?? 0;
  const left = (lab: IPaceLab) => effort(lab) * (1 - fraction(lab));
  const required = input.labs.filter(lab => lab.required);
  const requiredHours = sum(required.map(effort));
  const remainingHours = sum(required.map(left));

  const allPasses = input.labs.flatMap(lab => lab.passes);
  const observed = observePace(input.labs, efforts, zone);
  const measuring = (observed?.activeDays ?? 0) < EVIDENCE_DAYS;
  const rate = measuring ? hoursPerDay : blendedRate(hoursPerDay, observed!);

  // Without a start date the plan starts on the day of the first pass.
  const start = input.plan.startDate ?? earliestDay(allPasses, zone) ?? today;
  const base = allPasses.length === 0 && start > today ? start : today;
  const plannedFinish = addDays(start, daysFor(requiredHours, hoursPerDay));
  const lastPass = latestDay(allPasses, zone) ?? today;
  const projectedFinish =
    remainingHours > 0
      ? addDays(base, daysFor(remainingHours, rate))
      : lastPass;

  // Stages are projected and planned one after another in course order.
  let hoursBefore = 0;
  let plannedBefore = 0;
  const stages = input.stages.map(stage => {
    const labs = input.labs.filter(lab => lab.stage === stage.number);
    const stageRequired = labs.filter(lab => lab.required);
    const stageHours = sum(stageRequired.map(effort));
    const remaining = sum(stageRequired.map(left));
    const stagePasses = labs.flatMap(lab => lab.passes);
    const spentDays = activeDays(stagePasses, zone);
    hoursBefore += remaining;
    plannedBefore += stageHours;
    const stageEffort = sum(labs.map(effort));
    const share = stageEffort > 0 ? stageHours / stageEffort : 0;
    const budgetDays: [number, number] | null =
      share > 0
        ? [stage.weeks[0] * 7 * share, stage.weeks[1] * 7 * share]
        : null;
    const plannedDays = stageHours / hoursPerDay;
    const projectedEnd =
      remaining > 0
        ? addDays(base, daysFor(hoursBefore, rate))
        : (latestDay(stagePasses, zone) ?? base);
    const plannedEnd = addDays(start, daysFor(plannedBefore, hoursPerDay));
    const tracked = !measuring && stageHours > 0 && stagePasses.length > 0;
    return {
      number: stage.number,
      budgetDays,
      plannedDays,
      planFit: budgetDays ? planFit(plannedDays, budgetDays) : null,
      spentDays,
      projectedDays: spentDays + remaining / rate,
      projectedEnd,
      plannedEnd,
      done: stageRequired.length > 0 && remaining === 0,
      status: tracked ? planStatus(plannedEnd, projectedEnd) : null
    };
  });

  return {
    today,
    start,
    requiredHours,
    remainingHours,
    rate,
    observed,
    measuring,
    plannedFinish,
    projectedFinish,
    daysAheadOfPlan: dayNumber(plannedFinish) - dayNumber(projectedFinish),
    status: measuring ? null : planStatus(plannedFinish, projectedFinish),
    stages,
    foundations: foundationsWarning(
      stages.find(s => s.number === 1),
      measuring
    )
  };
}

/**
 * Each lab's share of its stage's effort, in hours.
 */
export function labEfforts(
  stages: IPaceStage[],
  labs: IPaceLab[]
): Map<string, number> {
  const efforts = new Map<string, number>();
  for (const stage of stages) {
    const hours =
      ((stage.weeks[0] + stage.weeks[1]) / 2) * 7 * REFERENCE_HOURS_PER_DAY;
    const members = labs.filter(lab => lab.stage === stage.number);
    const minutes = sum(members.map(lab => Math.max(0, lab.minutes)));
    for (const lab of members) {
      const weight =
        minutes > 0 ? Math.max(0, lab.minutes) / minutes : 1 / members.length;
      efforts.set(lab.id, hours * weight);
    }
  }
  return efforts;
}

/**
 * Effort credited per active day, or null before the first pass.
 */
export function observePace(
  labs: IPaceLab[],
  efforts: Map<string, number>,
  timeZone?: string
): IObservedPace | null {
  const days = activeDays(
    labs.flatMap(lab => lab.passes),
    timeZone
  );
  if (days === 0) {
    return null;
  }
  const creditedHours = sum(
    labs.map(lab => (efforts.get(lab.id) ?? 0) * fraction(lab))
  );
  return {
    activeDays: days,
    creditedHours,
    hoursPerActiveDay: creditedHours / days
  };
}

/**
 * Active days spanned by passes at `times` (see the module's comment).
 */
export function activeDays(times: string[], timeZone?: string): number {
  const days = [
    ...new Set(times.map(t => dayNumber(localDate(new Date(t), timeZone))))
  ]
    .filter(d => !Number.isNaN(d))
    .sort((a, b) => a - b);
  let count = days.length > 0 ? 1 : 0;
  for (let i = 1; i < days.length; i++) {
    const gap = days[i] - days[i - 1];
    count += Math.min(gap, PAUSE_DAYS);
  }
  return count;
}

/**
 * The local calendar date `YYYY-MM-DD` of `time` in `timeZone`.
 */
export function localDate(time: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit'
  }).formatToParts(time);
  const part = (type: string) => parts.find(p => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The date `days` calendar days after the local date `date`.
 */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Whether `value` is a calendar date `YYYY-MM-DD`.
 */
export function isLocalDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    value >= EARLIEST_DATE &&
    value <= LATEST_DATE &&
    addDays(value, 0) === value
  );
}

/**
 * The start dates a plan may have. A date picker takes any year from 1 to
 * 9999; a plan starting in year 100, or finishing past 9999, means nothing.
 */
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2099-12-31';

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function earliestDay(times: string[], timeZone?: string): string | null {
  const days = times.map(t => localDate(new Date(t), timeZone)).sort();
  return days.length > 0 ? days[0] : null;
}

function latestDay(times: string[], timeZone?: string): string | null {
  const days = times.map(t => localDate(new Date(t), timeZone)).sort();
  return days.length > 0 ? days[days.length - 1] : null;
}

/**
 * Days of work for `hours` at `rate`, the last day included (so 0 < n ≤ 1
 * days of work finish on the first day).
 */
function daysFor(hours: number, rate: number): number {
  return hours > 0 ? Math.max(0, Math.ceil(hours / rate - 1e-9) - 1) : 0;
}

function blendedRate(hoursPerDay: number, observed: IObservedPace): number {
  const trust = Math.min(1, observed.activeDays / CONFIDENT_DAYS);
  const rate = trust * observed.hoursPerActiveDay + (1 - trust) * hoursPerDay;
  // A learner who passed nothing worth counting still has the plan to go by.
  return rate > 0.05 ? rate : hoursPerDay;
}

/**
 * The projected date against the planned one: the same comparison for the
 * whole path and for a stage.
 */
function planStatus(planned: string, projected: string): BudgetStatus {
  const ahead = dayNumber(planned) - dayNumber(projected);
  if (ahead > 0) {
    return 'ahead';
  }
  return ahead < 0 ? 'behind' : 'on-pace';
}

function planFit(days: number, budget: [number, number]): PlanFit {
  if (days < budget[0]) {
    return 'under';
  }
  return days > budget[1] ? 'over' : 'within';
}

/**
 * Over six weeks on Foundations already, or projected to be from measured
 * progress; a plan that is long by design gets the stage's plan note instead.
 */
function foundationsWarning(
  stage: IStagePace | undefined,
  measuring: boolean
): 'over' | 'projected-over' | null {
  if (!stage) {
    return null;
  }
  if (stage.spentDays > FOUNDATIONS_MAX_DAYS) {
    return 'over';
  }
  const working = !measuring && stage.spentDays > 0;
  return working && !stage.done && stage.projectedDays > FOUNDATIONS_MAX_DAYS
    ? 'projected-over'
    : null;
}

function fraction(lab: IPaceLab): number {
  return lab.total > 0 ? Math.min(1, lab.done / lab.total) : 0;
}

/**
 * Hours a day as the plan uses them: 15 minutes to 16 hours.
 */
export function clampHours(hours: number): number {
  return Number.isFinite(hours)
    ? Math.min(16, Math.max(0.25, hours))
    : REFERENCE_HOURS_PER_DAY;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
