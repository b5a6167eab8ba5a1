/**
 * The course catalog as served by `GET /bytementor/catalog`.
 *
 * Pure types: no JupyterLab imports, so jest and every plugin can share them.
 */

/**
 * One exercise of a lab.
 */
export interface IExercise {
  id: string;
  title: string;
  points: number;
}

/**
 * One lab: a notebook of exercises.
 */
export interface ILab {
  id: string;
  version: string;
  title: string;
  stage: number;
  track: string;
  minutes: number;
  skills: string[];
  requires: string[];
  exercises: IExercise[];
}

/**
 * One stage of the course.
 */
export interface IStage {
  number: number;
  id: string;
  title: string;
  /**
   * The time budget in weeks, `[min, max]`.
   */
  weeks: [number, number];
  topics: string[];
  /**
   * Ids of the labs of this stage that exist, in course order.
   */
  labs: string[];
  /**
   * Ids of the labs the course plans for this stage but has not released.
   */
  upcoming?: string[];
}

/**
 * A lab the course plans but has not released yet, with its estimates.
 */
export interface IUpcomingLab {
  id: string;
  title: string;
  stage: number;
  track: string;
  minutes: number;
  /**
   * How many exercises it is expected to have (0 when unknown).
   */
  exercises: number;
  /**
   * `portfolio` for the Stage 5 project tracker, else `notebook`.
   */
  kind: 'notebook' | 'portfolio';
}

/**
 * A learning path: which stages and labs it requires.
 */
export interface IPath {
  id: string;
  title: string;
  /**
   * One sentence on who the path is for.
   */
  for: string;
  stages: number[];
  optionalStages: number[];
  optionalLabs: string[];
  /**
   * Optional stages offered as a short placement check.
   */
  placementStages: number[];
}

/**
 * A milestone reached once a stage is done.
 */
export interface IMilestone {
  afterStage: number;
  title: string;
}

/**
 * A track groups labs across stages.
 */
export interface ITrack {
  id: string;
  title: string;
}

/**
 * The whole catalog.
 */
export interface ICatalog {
  format: number;
  stages: IStage[];
  tracks: ITrack[];
  labs: ILab[];
  /**
   * Labs planned but not released yet.
   */
  upcoming?: IUpcomingLab[];
  paths?: IPath[];
  milestones?: IMilestone[];
  /**
   * The course's advice: what matters, what to skip.
   */
  guidance?: string[];
  /**
   * Messages from the server about the set-up, e.g. a settings file it had
   * to set aside.
   */
  notices?: string[];
  /**
   * Ids of labs the course has but the server could not load (see its log).
   */
  unavailable?: string[];
}

/**
 * A learner's copy of a lab, as `GET /bytementor/copies` lists it.
 */
export interface ICopy {
  path: string;
  /**
   * The lab version the copy was released as; null when it is unreadable.
   */
  version: string | null;
}

/**
 * The reply of `POST /bytementor/labs/<id>/upgrade`.
 */
export interface IUpgradeReply {
  path: string;
  backup: string;
  from: string | null;
  to: string;
  answersKept: string[];
  addedKept: string[];
  orphaned: string[];
}

/**
 * A committed prediction as the server sends it, with the answer and the
 * reveal cells it unlocks.
 */
export interface IPredictionReply {
  exercise: string;
  given: number;
  correct: boolean;
  at: string;
  /**
   * The index of the right choice, or the number to predict.
   */
  answer: number;
  choices: string[] | null;
  tolerance: number | null;
  units: string | null;
  reveals: { id: string; cell_type: string; source: string }[];
  /**
   * False when the exercise had been committed before: the first stands.
   */
  first?: boolean;
}
