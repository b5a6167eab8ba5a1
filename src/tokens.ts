/**
 * Tokens through which ByteMentor's features reach each other.
 */

import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';

import {
  ICatalog,
  ICopy,
  IPredictionReply,
  IUpgradeReply
} from './catalog/types';
import { IPredictionRecord, IProgress } from './progress/merge';
import { IPortfolio, IProject } from './progress/portfolio';

/**
 * The course catalog, fetched once from the server.
 */
export interface ICatalogService {
  /**
   * The catalog; rejects with a learner-readable error if the server
   * extension cannot be reached.
   */
  readonly catalog: Promise<ICatalog>;
  /**
   * Materialise the learner's copy of a lab and return its path.
   */
  openLab(labId: string): Promise<string>;
  /**
   * The learner's copies of the course's labs, by lab id.
   */
  copies(): Promise<{ [labId: string]: ICopy }>;
  /**
   * Upgrade the copy at `path` of lab `labId` to the current release (the
   * server keeps a backup of the old file).
   */
  upgradeLab(labId: string, path: string): Promise<IUpgradeReply>;
  /**
   * The committed predictions of a lab, with their answers and reveals.
   */
  predictions(labId: string): Promise<{ [exercise: string]: IPredictionReply }>;
  /**
   * Commit a prediction: a choice index or a number. The server keeps the
   * first commit; a later one gets it back unchanged.
   */
  commitPrediction(
    labId: string,
    exercise: string,
    given: number
  ): Promise<IPredictionReply>;
  /**
   * Emitted when a copy was created or upgraded.
   */
  readonly copiesChanged: ISignal<ICatalogService, void>;
}

/**
 * The catalog service token.
 */
export const ICatalogService = new Token<ICatalogService>(
  'jupyterlab-bytementor:ICatalogService',
  'The ByteMentor course catalog and the learner copies of its labs.'
);

/**
 * The learner's progress records.
 */
export interface IProgressStore {
  /**
   * Resolves once the stored records are loaded.
   */
  readonly ready: Promise<void>;
  /**
   * The records as known to this tab.
   */
  readonly progress: IProgress;
  /**
   * Emitted whenever the records change.
   */
  readonly changed: ISignal<IProgressStore, IProgress>;
  /**
   * Record one check of an exercise; a passing check records the pass.
   * Resolves once the record is saved (retrying on failure).
   */
  recordCheck(lab: string, exercise: string, passed: boolean): Promise<void>;
  /**
   * Record a committed prediction (the first one recorded stays).
   */
  recordPrediction(
    lab: string,
    exercise: string,
    prediction: IPredictionRecord
  ): Promise<void>;
  /**
   * Record that `shown` hints of an exercise are open; the count only grows.
   */
  recordHint(lab: string, exercise: string, shown: number): Promise<void>;
  /**
   * The Stage 5 portfolio projects, by slot.
   */
  readonly portfolio: IPortfolio;
  /**
   * Save one portfolio project (the later edit of a slot wins).
   */
  saveProject(slot: string, project: IProject): Promise<void>;
  /**
   * True while the last write failed and a retry is scheduled; `changed` is
   * emitted when it turns true and when saving works again.
   */
  readonly saveFailed: boolean;
  /**
   * Try the failed write again now instead of waiting for the next retry.
   */
  retryNow(): Promise<void>;
}

/**
 * The progress store token.
 */
export const IProgressStore = new Token<IProgressStore>(
  'jupyterlab-bytementor:IProgressStore',
  'The learner progress records kept in JupyterLab settings.'
);
