/**
 * Running a check in the learner's live kernel (DESIGN.md §5).
 */

import { Cell, CodeCell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { Kernel, KernelMessage } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { JSONObject } from '@lumino/coreutils';

import { cellsToRun, ICellLike, ILabRef, roleOf } from '../lab/roles';
import { requestAPI } from '../request';
import { CheckClock, KernelWatch } from './kernelwatch';
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
  /**
   * How long an interrupted check may take to stop before the kernel is
   * restarted, in milliseconds.
   */
  graceMs?: number;
}

/**
 * How one of the check's requests ended.
 */
type Ended<T> =
  { kind: 'done'; reply: T } | { kind: 'timeout' } | { kind: 'lost' };

/**
 * One check in flight: its kernel, its clock and what watches the kernel.
 */
interface IRun {
  panel: NotebookPanel;
  exercise: string;
  kernel: Kernel.IKernelConnection;
  clock: CheckClock;
  watch: KernelWatch;
}

/**
 * A cell's execute request, sent.
 */
interface ISentCell {
  cell: CodeCell;
  future: Kernel.IShellFuture<
    KernelMessage.IExecuteRequestMsg,
    KernelMessage.IExecuteReplyMsg
  >;
}

/**
 * The tests' request, sent, and what the runner published so far.
 */
interface ISentTests {
  future: Kernel.IShellFuture<
    KernelMessage.IExecuteRequestMsg,
    KernelMessage.IExecuteReplyMsg
  >;
  result: ICheckResult | null;
  /**
   * How many check verdicts the request published: the runner publishes
   * exactly one, so any other count means something else published one.
   */
  verdicts: number;
  error: string | null;
}

/**
 * Checks exercises of a lab notebook against its live kernel.
 */
export class Checker {
  constructor(private readonly _options: ICheckerOptions) {}

  /**
   * Check one exercise: run its setup and answer cells as normal cells, then
   * its pristine tests silently through the kernel library's runner.
   *
   * One time limit covers the whole check, from the kernel's `busy` for the
   * check's first request; a kernel that dies or restarts on the way ends
   * the check with a problem, never a hang.
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
      tests = await this._testsOf(lab);
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
    const kernel = panel.sessionContext.session?.kernel;
    if (!kernel) {
      return this._lost();
    }
    const run: IRun = {
      panel,
      exercise,
      kernel,
      clock: new CheckClock(this._options.timeoutMs()),
      watch: new KernelWatch(panel.sessionContext, kernel)
    };
    try {
      // Every request is sent at once and queues in the kernel, as "Run
      // All" does: a round trip per cell would add up. A cell that raises
      // makes the kernel abort the requests queued after it.
      const cells = this._sendCells(run, exercise);
      const tests = this._sendTests(
        run,
        buildCheckCode(exercise, exerciseTests)
      );
      const ranCells = await this._runCells(run, exercise, cells);
      if (ranCells) {
        return ranCells;
      }
      return await this._runTests(run, tests);
    } finally {
      run.clock.dispose();
      run.watch.dispose();
    }
  }

  /**
   * The pristine tests of a lab release, fetched once per version: they
   * never change within a release, and a fetch per click costs a round trip.
   */
  private _testsOf(lab: ILabRef): Promise<ILabTests> {
    const key = `${lab.id}@${lab.version}`;
    let tests = this._tests.get(key);
    if (!tests) {
      tests = requestAPI<ILabTests>(`labs/${encodeURIComponent(lab.id)}/tests`);
      this._tests.set(key, tests);
      // A failed fetch is tried again on the next check.
      tests.catch(() => this._tests.delete(key));
    }
    return tests;
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
   * Send the execute requests of the exercise's setup and answer cells, run
   * as normal cells.
   */
  private _sendCells(run: IRun, exercise: string): ISentCell[] {
    const notebook = run.panel.content;
    const sent: ISentCell[] = [];
    for (const index of cellsToRun(cellsOf(notebook.widgets), exercise)) {
      const cell = notebook.widgets[index] as CodeCell;
      const future = executeCell(cell, run.kernel, {
        deletedCells: notebook.model?.deletedCells ?? []
      });
      if (future) {
        sent.push({ cell, future });
      }
    }
    return sent;
  }

  /**
   * Wait for the cells' replies in order; `null` once they all ran, else
   * how the check ends.
   */
  private async _runCells(
    run: IRun,
    exercise: string,
    sent: ISentCell[]
  ): Promise<CheckOutcome | null> {
    for (const [position, { cell, future }] of sent.entries()) {
      const ended = await this._await(run, future);
      if (ended.kind === 'done') {
        cell.model.executionCount = ended.reply.content.execution_count;
      }
      cell.model.executionState = 'idle';
      const stop =
        ended.kind === 'timeout'
          ? await this._timedOut(run, future)
          : ended.kind === 'lost'
            ? this._lost()
            : ended.reply.content.status === 'error'
              ? this._cellFailed(
                  cellsOf([cell])[0],
                  exercise,
                  ended.reply.content.ename,
                  ended.reply.content.evalue
                )
              : null;
      if (stop) {
        // The kernel aborts, or has lost, the requests queued after this one.
        for (const later of sent.slice(position + 1)) {
          void later.future.done
            .catch(() => undefined)
            .then(() => (later.cell.model.executionState = 'idle'));
        }
        return stop;
      }
    }
    return null;
  }

  /**
   * How a check ends when a cell it ran raised `ename`.
   */
  private _cellFailed(
    cell: ICellLike,
    exercise: string,
    ename: string,
    evalue: string
  ): CheckOutcome {
    const trans = this._options.trans;
    const role = roleOf(cell);
    if (
      role?.exercise &&
      role.exercise !== exercise &&
      role.role === 'learner'
    ) {
      return {
        kind: 'problem',
        message: trans.__(
          'This exercise builds on your answer to exercise "%1", whose cell raised %2: %3. Fix that answer first, then check again.',
          role.exercise,
          ename,
          evalue
        )
      };
    }
    if (role?.role === 'setup') {
      return {
        kind: 'problem',
        message: trans.__(
          'A setup cell of this lab failed with %1: %2. Restart the kernel (Kernel → Restart Kernel…) and check again.',
          ename,
          evalue
        )
      };
    }
    return failure(
      exercise,
      trans.__('Your answer cell runs'),
      this._answerError(ename, evalue)
    );
  }

  private _answerError(ename: string, evalue: string): string {
    const trans = this._options.trans;
    switch (ename) {
      case 'NotImplementedError':
        return trans.__(
          'Not written yet: replace `raise NotImplementedError(...)` in your answer cell with your code.'
        );
      case 'StdinNotImplementedError':
        return trans.__(
          'Your answer cell calls input(), but a check runs your cells with nobody to type: put the value in your code instead.'
        );
      case 'SystemExit':
        return trans.__(
          'Your answer cell stops the program (sys.exit() or raise SystemExit), so the tests cannot run: remove that line.'
        );
      default:
        return trans.__(
          'Your answer cell raised %1: %2. The error is shown under the cell; fix it and check again.',
          ename,
          evalue
        );
    }
  }

  /**
   * Send the silent execute request that runs the pristine tests, and
   * collect what the runner publishes.
   */
  private _sendTests(run: IRun, code: string): ISentTests {
    const future = run.kernel.requestExecute({
      code,
      silent: true,
      store_history: false,
      allow_stdin: false,
      stop_on_error: false
    });
    const sent: ISentTests = {
      future,
      result: null,
      verdicts: 0,
      error: null
    };
    future.onIOPub = (msg: KernelMessage.IIOPubMessage) => {
      if (
        KernelMessage.isDisplayDataMsg(msg) &&
        CHECK_MIME in msg.content.data
      ) {
        sent.verdicts += 1;
        sent.result = parseCheckResult(msg.content.data[CHECK_MIME]);
      } else if (KernelMessage.isErrorMsg(msg)) {
        sent.error = `${msg.content.ename}: ${msg.content.evalue}`;
      }
    };
    return sent;
  }

  /**
   * Wait for the tests' request and read the runner's verdict.
   */
  private async _runTests(run: IRun, sent: ISentTests): Promise<CheckOutcome> {
    const trans = this._options.trans;
    const ended = await this._await(run, sent.future);
    if (ended.kind === 'timeout') {
      return this._timedOut(run, sent.future);
    }
    if (ended.kind === 'lost') {
      return this._lost();
    }
    if (
      sent.verdicts > 1 ||
      (sent.result && sent.result.exercise !== run.exercise)
    ) {
      // A hook or a display in the learner's code publishing verdicts of
      // its own: judge nothing rather than trust any of them.
      return {
        kind: 'problem',
        message: trans.__(
          'This check received a verdict that the checker did not send (is something in your notebook displaying check results, from a hook or an event?). Nothing was judged or recorded. Remove that code, restart the kernel and check again.'
        )
      };
    }
    if (sent.result) {
      return { kind: 'verdict', result: sent.result };
    }
    return {
      kind: 'problem',
      message: sent.error
        ? trans.__(
            "The checker could not run in this kernel (%1). Is the jupyterlab-bytementor package installed in the kernel's environment?",
            sent.error
          )
        : trans.__('The checker sent no verdict. Check again.')
    };
  }

  /**
   * Wait for one of the check's requests: its reply, the time limit, or the
   * kernel going away (whose pending requests are never answered).
   */
  private async _await<T extends KernelMessage.IShellMessage>(
    run: IRun,
    future: Kernel.IFuture<any, T>
  ): Promise<Ended<T>> {
    run.clock.watch(future);
    const done = future.done.then(
      reply => ({ kind: 'done', reply }) as const,
      () => ({ kind: 'lost' }) as const
    );
    const timeout = run.clock.expired.then(
      () => ({ kind: 'timeout' }) as const
    );
    const lost = run.watch.lost.then(() => ({ kind: 'lost' }) as const);
    return Promise.race([done, timeout, lost]);
  }

  /**
   * Stop a check over its time limit: interrupt, and restart the kernel if
   * the interrupt does not take within the grace period (code that swallows
   * `KeyboardInterrupt`, say). Timing out is the answer's failure: a verdict.
   */
  private async _timedOut(
    run: IRun,
    future: Kernel.IFuture<any, any>
  ): Promise<CheckOutcome> {
    const trans = this._options.trans;
    const seconds = Math.round(run.clock.limitMs / 1000);
    const grace = this._options.graceMs ?? 3000;
    const stopped = future.done.then(
      () => true,
      () => true
    );
    let restarted = false;
    try {
      await run.kernel.interrupt();
      const took = await Promise.race([
        stopped,
        new Promise<false>(resolve => setTimeout(() => resolve(false), grace))
      ]);
      if (!took) {
        restarted = true;
        await run.kernel.restart();
      }
    } catch (error) {
      console.error('ByteMentor: cannot stop a check that timed out.', error);
      return {
        kind: 'problem',
        message: trans.__(
          'The check timed out after %1 seconds and the kernel could not be stopped. Restart it (Kernel → Restart Kernel…) and check again.',
          seconds
        )
      };
    }
    const message = restarted
      ? trans.__(
          'Timed out: the check took longer than %1 seconds and did not stop when interrupted, so the kernel was restarted and your variables are gone. Look for an endless loop in your answer; the next check runs your cells again.',
          seconds
        )
      : trans.__(
          'Timed out: the check took longer than %1 seconds and was interrupted. Look for an endless loop in your answer.',
          seconds
        );
    return failure(
      run.exercise,
      trans.__('Finishes within %1 seconds', seconds),
      message
    );
  }

  private _lost(): CheckOutcome {
    return {
      kind: 'problem',
      message: this._options.trans.__(
        'The kernel stopped or restarted during the check, so nothing was judged or recorded. Your variables are gone: check again to run your cells anew.'
      )
    };
  }

  private _tests = new Map<string, Promise<ILabTests>>();
}

/**
 * Cell widgets as the lab-format logic reads them.
 */
function cellsOf(cells: readonly Cell[]): ICellLike[] {
  return cells.map(cell => ({
    id: cell.model.id,
    cellType: cell.model.type,
    metadata: cell.model.metadata
  }));
}

/**
 * A failed verdict made of one test that did not pass.
 */
function failure(
  exercise: string,
  name: string,
  message: string
): CheckOutcome {
  return {
    kind: 'verdict',
    result: {
      exercise,
      passed: false,
      ms: 0,
      tests: [{ name, passed: false, message }]
    }
  };
}

/**
 * Run a code cell as JupyterLab's `CodeCell.execute` does (its outputs
 * appear under it as usual), but with `allow_stdin: false`: `input()` then
 * raises at once instead of opening a prompt that would block the check.
 * Returns the request's future, or `null` for an empty cell.
 */
export function executeCell(
  cell: CodeCell,
  kernel: Kernel.IKernelConnection,
  metadata: JSONObject
): Kernel.IShellFuture<
  KernelMessage.IExecuteRequestMsg,
  KernelMessage.IExecuteReplyMsg
> | null {
  const model = cell.model;
  const code = model.sharedModel.getSource();
  if (!code.trim()) {
    model.sharedModel.transact(() => model.clearExecution(), false);
    return null;
  }
  model.sharedModel.transact(
    () => {
      model.clearExecution();
      cell.outputHidden = false;
    },
    false,
    'silent-change'
  );
  model.executionState = 'running';
  model.trusted = true;
  const future = kernel.requestExecute(
    { code, stop_on_error: true, allow_stdin: false },
    false,
    { ...model.metadata, ...metadata, cellId: model.sharedModel.getId() }
  );
  cell.outputArea.future = future;
  return future;
}
