/**
 * The roadmap's view model, derived from the catalog, the learner's path,
 * pace plan and progress records.
 *
 * Pure logic: which labs a path requires comes from the catalog's paths
 * (labs/course.json), never from view code.
 */

import {
  ICatalog,
  ILab,
  IMilestone,
  IPath,
  IStage,
  IUpcomingLab
} from '../catalog/types';
import { calibration, IProgress, passedExercises } from '../progress/merge';
import { IPortfolio, portfolioProgress } from '../progress/portfolio';
import { IPace, IPaceLab, IPacePlan, IStagePace, projectPace } from './pace';

/**
 * Where a learner stands with a lab; `planned` labs are not released yet.
 */
export type LabState = 'not-started' | 'in-progress' | 'done' | 'planned';

/**
 * One lab as the roadmap shows it.
 */
export interface ILabView {
  id: string;
  title: string;
  stage: number;
  minutes: number;
  track: string;
  kind: 'notebook' | 'portfolio';
  passed: number;
  total: number;
  state: LabState;
  /**
   * Optional on the learner's path.
   */
  optional: boolean;
  /**
   * Released: it opens on click.
   */
  available: boolean;
  /**
   * Ids of labs to do first.
   */
  requires: string[];
  /**
   * ISO times of the first passes of its exercises.
   */
  passes: string[];
}

/**
 * A milestone and whether it is reached.
 */
export interface IMilestoneView extends IMilestone {
  reached: boolean;
  /**
   * The local date it is projected for, when there is a pace plan.
   */
  projected: string | null;
}

/**
 * One stage as the roadmap shows it.
 */
export interface IStageView {
  stage: IStage;
  labs: ILabView[];
  passed: number;
  total: number;
  /**
   * Optional on the learner's path, and offered as a placement check.
   */
  optional: boolean;
  placement: boolean;
  /**
   * Predictions committed in the stage's labs, and how many were right.
   */
  predictions: { made: number; right: number };
  pace: IStagePace | null;
  milestones: IMilestoneView[];
}

/**
 * Why a lab is next up.
 */
export type NextUpReason =
  'continue' | 'next' | 'placement' | 'while-waiting' | 'planned';

/**
 * The one lab to do next.
 */
export interface INextUp {
  lab: ILabView;
  reason: NextUpReason;
  /**
   * For `while-waiting` and `planned`: the next required lab.
   */
  waitingFor: ILabView | null;
}

/**
 * The whole roadmap.
 */
export interface IRoadmapView {
  stages: IStageView[];
  /**
   * Exercises passed of all in the labs the path requires.
   */
  passed: number;
  total: number;
  paths: IPath[];
  path: IPath | null;
  nextUp: INextUp | null;
  pace: IPace | null;
  guidance: string[];
  /**
   * The server's messages about the set-up.
   */
  notices: string[];
}

/**
 * What besides catalog and records the roadmap depends on.
 */
export interface IRoadmapOptions {
  pathId?: string | null;
  portfolio?: IPortfolio;
  /**
   * The pace plan; no projection without one.
   */
  plan?: IPacePlan | null;
  now?: Date;
  timeZone?: string;
}

/**
 * Derive the roadmap from the catalog and the learner's progress.
 */
export function buildRoadmap(
  catalog: ICatalog,
  progress: IProgress,
  options: IRoadmapOptions = {}
): IRoadmapView {
  const paths = catalog.paths ?? [];
  const path = paths.find(p => p.id === options.pathId) ?? null;
  const released = new Map(catalog.labs.map(lab => [lab.id, lab]));
  const upcoming = new Map((catalog.upcoming ?? []).map(lab => [lab.id, lab]));
  const portfolio = portfolioProgress(options.portfolio ?? {});
  const stages = catalog.stages.map(stage => {
    const optional = path?.optionalStages.includes(stage.number) ?? false;
    const isOptional = (id: string) =>
      optional || (path?.optionalLabs.includes(id) ?? false);
    const labs = [
      ...stage.labs
        .map(id => released.get(id))
        .filter((lab): lab is ILab => lab !== undefined)
        .map(lab => labView(lab, progress, isOptional(lab.id))),
      ...(stage.upcoming ?? [])
        .map(id => upcoming.get(id))
        .filter((lab): lab is IUpcomingLab => lab !== undefined)
        .map(lab => plannedView(lab, isOptional(lab.id), portfolio))
    ];
    return {
      stage,
      labs,
      passed: sum(labs.map(v => v.passed)),
      total: sum(labs.map(v => v.total)),
      optional,
      placement: path?.placementStages.includes(stage.number) ?? false,
      predictions: calibration(
        progress,
        labs.map(v => v.id)
      ),
      pace: null as IStagePace | null,
      milestones: [] as IMilestoneView[]
    };
  });
  const all = stages.flatMap(s => s.labs);
  const pace = options.plan
    ? projectPace({
        stages: catalog.stages,
        labs: all.map(paceLab),
        plan: options.plan,
        now: options.now ?? new Date(),
        timeZone: options.timeZone
      })
    : null;
  for (const stage of stages) {
    stage.pace =
      pace?.stages.find(s => s.number === stage.stage.number) ?? null;
    stage.milestones = (catalog.milestones ?? [])
      .filter(m => m.afterStage === stage.stage.number)
      .map(m => ({
        ...m,
        reached: stage.labs.every(lab => lab.optional || lab.state === 'done'),
        projected: stage.pace?.projectedEnd ?? null
      }));
  }
  const required = all.filter(lab => !lab.optional);
  return {
    stages,
    passed: sum(required.map(v => v.passed)),
    total: sum(required.map(v => v.total)),
    paths,
    path,
    nextUp: nextUp(all, path?.placementStages ?? []),
    pace,
    guidance: catalog.guidance ?? [],
    notices: catalog.notices ?? []
  };
}

/**
 * One released lab's progress: only exercises the lab still has count.
 */
export function labView(
  lab: ILab,
  progress: IProgress,
  optional = false
): ILabView {
  const done = new Set(passedExercises(progress, lab.id));
  const exercises = progress[lab.id]?.exercises ?? {};
  const current = lab.exercises.filter(ex => done.has(ex.id));
  const passed = current.length;
  const total = lab.exercises.length;
  const attempted = Object.keys(exercises).length > 0;
  let state: LabState = 'not-started';
  if (total > 0 && passed === total) {
    state = 'done';
  } else if (passed > 0 || attempted) {
    state = 'in-progress';
  }
  return {
    id: lab.id,
    title: lab.title,
    stage: lab.stage,
    minutes: lab.minutes,
    track: lab.track,
    kind: 'notebook',
    passed,
    total,
    state,
    optional,
    available: true,
    requires: lab.requires,
    passes: current.map(ex => exercises[ex.id].firstPassed!)
  };
}

/**
 * A lab not released yet; the portfolio tracker counts its checklist.
 */
function plannedView(
  lab: IUpcomingLab,
  optional: boolean,
  portfolio: { done: number; total: number }
): ILabView {
  const tracker = lab.kind === 'portfolio';
  const passed = tracker ? portfolio.done : 0;
  const total = tracker ? portfolio.total : lab.exercises;
  let state: LabState = tracker ? 'not-started' : 'planned';
  if (tracker && passed > 0) {
    state = passed >= total ? 'done' : 'in-progress';
  }
  return {
    id: lab.id,
    title: lab.title,
    stage: lab.stage,
    minutes: lab.minutes,
    track: lab.track,
    kind: lab.kind,
    passed,
    total,
    state,
    optional,
    available: tracker,
    requires: [],
    passes: []
  };
}

/**
 * The one lab to do next on the path, in course order.
 *
 * A required lab notebook already started comes first; then the next
 * required lab.
 * When that one is not released yet, a released optional lab not done is
 * offered meanwhile (a placement check where the path offers one).
 */
export function nextUp(
  labs: ILabView[],
  placementStages: number[] = []
): INextUp | null {
  const required = labs.filter(lab => !lab.optional);
  // The portfolio runs alongside Stage 5: started, it is no reason to stop.
  const started = required.find(
    lab =>
      lab.available && lab.kind === 'notebook' && lab.state === 'in-progress'
  );
  if (started) {
    return { lab: started, reason: 'continue', waitingFor: null };
  }
  const next = required.find(lab => lab.state !== 'done');
  if (next?.available) {
    return { lab: next, reason: 'next', waitingFor: null };
  }
  const optional = labs.find(
    lab => lab.optional && lab.available && lab.state !== 'done'
  );
  if (next && optional) {
    const placement = placementStages.includes(optional.stage);
    return {
      lab: optional,
      reason: placement ? 'placement' : 'while-waiting',
      waitingFor: next
    };
  }
  return next ? { lab: next, reason: 'planned', waitingFor: next } : null;
}

function paceLab(lab: ILabView): IPaceLab {
  return {
    id: lab.id,
    stage: lab.stage,
    minutes: lab.minutes,
    total: lab.total,
    done: lab.passed,
    required: !lab.optional,
    passes: lab.passes
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
