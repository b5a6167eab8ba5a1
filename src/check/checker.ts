/**
 * Running a check in the learner's live kernel (DESIGN.md §5).
 */

import { CodeCell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { KernelMessage } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';

import { cellsToRun, ICellLike, ILabRef, roleOf } from '../lab/roles';
import { requestAPI } from '../request';
import {
  buildCheckCode,
  CHECK_MIME,
  ICheckResult,
  ILabTests,
  parseCheckResult
} from './protocol';

/**
 * What a check ends with: a verdict to show and record, or a problem that
 * kept the check from judging the learner's code (nothing is recorded).
 */
export type CheckOutcome =
  | { kind: 'verdict'; result: ICheckResult }
  | { kind: 'problem'; message: string };

/**
 * Options of a checker.
 */
export interface ICheckerOptions {
  trans: TranslationBundle;
  /**
   * The time limit of one check in milliseconds.
   */
  timeoutMs: () => number;
}

/**
 * Checks exercises of a lab notebook against its live kernel.
 */
export class Checker {
  constructor(private readonly _options: ICheckerOptions) {}

  /**
   * Check one exercise: run its setup and answer cells as normal cells, then
   * its pristine tests silently through the kernel library's runner.
   */
  async check(
    panel: NotebookPanel,
    lab: ILabRef,
    exercise: string
  ): Promise<CheckOutcome> {
    const trans = this._options.trans;
    const problem = await this._kernelProblem(panel);
    if (problem) {
      return { kind: 'problem', message: problem };
    }
    let tests: ILabTests;
    try {
      tests = await requestAPI<ILabTests>(
        `labs/${encodeURIComponent(lab.id)}/tests`
      );
    } catch (error) {
      console.error('ByteMentor: cannot fetch tests.', error);
      return {
        kind: 'problem',
        message: trans.__(
          'The tests of this lab could not be loaded from the server: %1',
          (error as Error).message
        )
      };
    }
    const exerciseTests = tests.exercises[exercise]?.tests;
    if (!exerciseTests || exerciseTests.length === 0) {
      return {
        kind: 'problem',
        message: trans.__(
          'The course has no tests for exercise "%1" of this lab.',
          exercise
        )
      };
    }
    const ranCells = await this._runCells(panel, exercise);
    if (ranCells.kind !== 'ok') {
      return ranCells.outcome;
    }
    return this._runTests(
      panel,
      exercise,
      buildCheckCode(exercise, exerciseTests)
    );
  }

  private async _kernelProblem(panel: NotebookPanel): Promise<string | null> {
    const trans = this._options.trans;
    await panel.sessionContext.ready;
    const kernel = panel.sessionContext.session?.kernel;
    if (!kernel) {
      return trans.__(
        'This notebook has no kernel. Choose a Python kernel (Kernel → Change Kernel…) and check again.'
      );
    }
    if (
      kernel.status === 'dead' ||
      kernel.connectionStatus === 'disconnected'
    ) {
      return trans.__(
        'The kernel is not running (it is %1). Restart it (Kernel → Restart Kernel…) and check again.',
        kernel.status === 'dead' ? trans.__('dead') : kernel.connectionStatus
      );
    }
    const info = await kernel.info;
    if (info.language_info.name !== 'python') {
      return trans.__(
        'The labs run in Python, but this notebook uses a %1 kernel. Switch to a Python kernel (Kernel → Change Kernel…) and check again.',
        info.language_info.name
      );
    }
    return null;
  }

  /**
   * Run the exercise's setup and answer cells as normal cells.
   */
  private async _runCells(
    panel: NotebookPanel,
    exercise: string
  ): Promise<{ kind: 'ok' } | { kind: 'stop'; outcome: CheckOutcome }> {
    const trans = this._options.trans;
    const notebook = panel.content;
    const cells: ICellLike[] = notebook.widgets.map(cell => ({
      id: cell.model.id,
      cellType: cell.model.type,
      metadata: cell.model.metadata
    }));
    for (const index of cellsToRun(cells, exercise)) {
      const cell = notebook.widgets[index] as CodeCell;
      const reply = await CodeCell.execute(cell, panel.sessionContext, {
        deletedCells: notebook.model?.deletedCells ?? [],
        recordTiming: notebook.notebookConfig.recordTiming
      });
      if (!reply) {
        return {
          kind: 'stop',
          outcome: {
            kind: 'problem',
            message: trans.__(
              'The kernel did not run the cells of this exercise (was it restarted?). Check again.'
            )
          }
        };
      }
      if (reply.content.status !== 'error') {
        continue;
      }
      const { ename, evalue } = reply.content;
      const role = roleOf(cells[index]);
      if (
        role?.exercise &&
        role.exercise !== exercise &&
        role.role === 'learner'
      ) {
        return {
          kind: 'stop',
          outcome: {
            kind: 'problem',
            message: trans.__(
              'This exercise builds on your answer to exercise "%1", whose cell raised %2: %3. Fix that answer first, then check again.',
              role.exercise,
              ename,
              evalue
            )
          }
        };
      }
      if (role?.role === 'setup') {
        return {
          kind: 'stop',
          outcome: {
            kind: 'problem',
            message: trans.__(
              'A setup cell of this lab failed with %1: %2. Restart the kernel (Kernel → Restart Kernel…) and check again.',
              ename,
              evalue
            )
          }
        };
      }
      const message =
        ename === 'NotImplementedError'
          ? trans.__(
              'Not written yet: replace `raise NotImplementedError(...)` in your answer cell with your code.'
            )
          : trans.__(
              'Your answer cell raised %1: %2. The error is shown under the cell; fix it and check again.',
              ename,
              evalue
            );
      return {
        kind: 'stop',
        outcome: {
          kind: 'verdict',
          result: {
            exercise,
            passed: false,
            ms: 0,
            tests: [
              {
                name: trans.__('Your answer cell runs'),
                passed: false,
                message
              }
            ]
          }
        }
      };
    }
    return { kind: 'ok' };
  }

  /**
   * Send the silent execute request and read the runner's verdict.
   */
  private async _runTests(
    panel: NotebookPanel,
    exercise: string,
    code: string
  ): Promise<CheckOutcome> {
    const trans = this._options.trans;
    const kernel = panel.sessionContext.session?.kernel;
    if (!kernel) {
      return {
        kind: 'problem',
        message: trans.__('The kernel went away before the tests could run.')
      };
    }
    const future = kernel.requestExecute({
      code,
      silent: true,
      store_history: false,
      allow_stdin: false,
      stop_on_error: false
    });
    let result: ICheckResult | null = null;
    let error: string | null = null;
    let startTimer: () => void = () => undefined;
    const started = new Promise<void>(resolve => (startTimer = resolve));
    future.onIOPub = (msg: KernelMessage.IIOPubMessage) => {
      if (
        KernelMessage.isStatusMsg(msg) &&
        msg.content.execution_state === 'busy'
      ) {
        startTimer();
      } else if (KernelMessage.isDisplayDataMsg(msg)) {
        result = parseCheckResult(msg.content.data[CHECK_MIME]) ?? result;
      } else if (KernelMessage.isErrorMsg(msg)) {
        error = `${msg.content.ename}: ${msg.content.evalue}`;
      }
    };
    const limit = this._options.timeoutMs();
    const expired = started.then(
      () =>
        new Promise<'timeout'>(resolve =>
          setTimeout(() => resolve('timeout'), limit)
        )
    );
    let ended: 'done' | 'timeout' | 'dead';
    try {
      ended = await Promise.race([
        future.done.then(() => 'done' as const),
        expired
      ]);
    } catch {
      ended = 'dead';
    }
    if (ended === 'timeout') {
      await kernel.interrupt();
      return {
        kind: 'problem',
        message: trans.__(
          'The check took longer than %1 seconds and was stopped. Look for an endless loop in your answer.',
          Math.round(limit / 1000)
        )
      };
    }
    if (ended === 'dead') {
      return {
        kind: 'problem',
        message: trans.__(
          'The kernel stopped or restarted during the check, so nothing was judged or recorded. Run your cells again and check again.'
        )
      };
    }
    if (result) {
      return { kind: 'verdict', result };
    }
    return {
      kind: 'problem',
      message: error
        ? trans.__(
            "The checker could not run in this kernel (%1). Is the jupyterlab-bytementor package installed in the kernel's environment?",
            error
          )
        : trans.__('The checker sent no verdict. Check again.')
    };
  }
}
