/**
 * "Verify in a clean kernel": the server runs the saved notebook top to
 * bottom in a fresh kernel with the course's pristine tests.
 */

import { requestAPI } from '../request';

/**
 * How one exercise fared in the clean kernel.
 */
export interface ICleanResult {
  exercise: string;
  passed: boolean;
  seconds: number;
  /**
   * One line per failing test: "name: message".
   */
  messages: string[];
  /**
   * Why the exercise could not be judged (a time-out, a dead kernel).
   */
  problem: string | null;
}

/**
 * The reply of `POST labs/<id>/verify-clean`.
 */
export interface ICleanRun {
  lab: string;
  version: string;
  exercises: ICleanResult[];
}

/**
 * Ask the server to run the saved notebook at `path`, a copy of lab `labId`.
 */
export function verifyClean(labId: string, path: string): Promise<ICleanRun> {
  return requestAPI<ICleanRun>(
    `labs/${encodeURIComponent(labId)}/verify-clean`,
    { method: 'POST', body: JSON.stringify({ path }) }
  );
}
