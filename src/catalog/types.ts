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
