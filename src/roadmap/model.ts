/**
 * The roadmap's view model, derived from the catalog and progress records.
 *
 * Pure logic. Paths and pacing plug in here later: each stage and lab
 * already carries the fields a path would mark optional and a pace plan
 * would project from (`minutes`, per-lab state).
 */

import { ICatalog, ILab, IStage } from '../catalog/types';
import { calibration, IProgress, passedExercises } from '../progress/merge';

/**
 * Where a learner stands with a lab.
 */
export type LabState = 'not-started' | 'in-progress' | 'done';

/**
 * One lab as the roadmap shows it.
 */
export interface ILabView {
  lab: ILab;
  passed: number;
  total: number;
  state: LabState;
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
   * Predictions committed in the stage's labs, and how many were right.
   */
  predictions: { made: number; right: number };
}

/**
 * The whole roadmap.
 */
export interface IRoadmapView {
  stages: IStageView[];
  passed: number;
  total: number;
}

/**
 * Derive the roadmap from the catalog and the learner's progress.
 */
export function buildRoadmap(
  catalog: ICatalog,
  progress: IProgress
): IRoadmapView {
  const labs = new Map(catalog.labs.map(lab => [lab.id, lab]));
  const stages = catalog.stages.map(stage => {
    const views = stage.labs
      .map(id => labs.get(id))
      .filter((lab): lab is ILab => lab !== undefined)
      .map(lab => labView(lab, progress));
    return {
      stage,
      labs: views,
      passed: sum(views.map(v => v.passed)),
      total: sum(views.map(v => v.total)),
      predictions: calibration(
        progress,
        views.map(v => v.lab.id)
      )
    };
  });
  return {
    stages,
    passed: sum(stages.map(s => s.passed)),
    total: sum(stages.map(s => s.total))
  };
}

/**
 * One lab's progress: only exercises the lab still has count.
 */
export function labView(lab: ILab, progress: IProgress): ILabView {
  const done = new Set(passedExercises(progress, lab.id));
  const passed = lab.exercises.filter(ex => done.has(ex.id)).length;
  const total = lab.exercises.length;
  const attempted = Object.keys(progress[lab.id]?.exercises ?? {}).length > 0;
  let state: LabState = 'not-started';
  if (total > 0 && passed === total) {
    state = 'done';
  } else if (passed > 0 || attempted) {
    state = 'in-progress';
  }
  return { lab, passed, total, state };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
