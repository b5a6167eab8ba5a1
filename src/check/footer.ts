/**
 * The per-exercise footer: a "Check answer" button and the verdict.
 */

import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { CheckOutcome } from './checker';

const FOOTER_CLASS = 'jp-bytementor-Verdict';
const HEADER_CLASS = 'jp-bytementor-Verdict-header';
const TITLE_CLASS = 'jp-bytementor-Verdict-title';
const BUTTON_CLASS = 'jp-bytementor-Verdict-check';
const HINT_CLASS = 'jp-bytementor-Verdict-hint';
const STALE_CLASS = 'jp-bytementor-Verdict-stale';
const STALE_STATE = 'jp-mod-stale';
const SUMMARY_CLASS = 'jp-bytementor-Verdict-summary';
const LIST_CLASS = 'jp-bytementor-Verdict-tests';
const TEST_CLASS = 'jp-bytementor-Verdict-test';
const STATES = [
  'jp-mod-running',
  'jp-mod-passed',
  'jp-mod-failed',
  'jp-mod-problem'
];

/**
 * Shows one exercise's verdict below its last cell.
 */
export class ExerciseFooter extends Widget {
  constructor(
    readonly exercise: string,
    title: string,
    private readonly _trans: TranslationBundle,
    onCheck: () => void,
    onHint: () => void
  ) {
    super();
    this.addClass(FOOTER_CLASS);
    this.node.dataset.exercise = exercise;
    this.node.setAttribute('role', 'region');
    this.node.setAttribute(
      'aria-label',
      _trans.__('Exercise "%1": check', title)
    );

    const header = document.createElement('div');
    header.className = HEADER_CLASS;
    const heading = document.createElement('span');
    heading.className = TITLE_CLASS;
    heading.textContent = _trans.__('Exercise: %1', title);
    this._button = document.createElement('button');
    this._button.className = `jp-Button jp-mod-styled jp-mod-accept ${BUTTON_CLASS}`;
    this._button.textContent = _trans.__('Check answer');
    this._button.addEventListener('click', onCheck);
    this._hint = document.createElement('button');
    this._hint.className = `jp-Button jp-mod-styled jp-mod-reject ${HINT_CLASS}`;
    this._hint.addEventListener('click', onHint);
    this._hint.hidden = true;
    header.append(heading, this._hint, this._button);

    this._stale = document.createElement('div');
    this._stale.className = STALE_CLASS;
    this._stale.textContent = _trans.__(
      'You changed your answer since this verdict: check again.'
    );

    this._summary = document.createElement('div');
    this._summary.className = SUMMARY_CLASS;
    this._summary.setAttribute('aria-live', 'polite');
    this._list = document.createElement('ul');
    this._list.className = LIST_CLASS;
    this.node.append(header, this._stale, this._summary, this._list);
  }

  /**
   * Show how many of the exercise's hints are open: the button opens the
   * next one, in order, and is gone once every hint is open.
   */
  setHints(shown: number, total: number): void {
    this._hint.hidden = total === 0 || shown >= total;
    this._hint.textContent = this._trans.__(
      'Show hint %1 of %2',
      shown + 1,
      total
    );
  }

  /**
   * Mark the verdict shown as out of date: the answer changed since.
   */
  markStale(): void {
    if (this.node.classList.contains('jp-mod-running') || !this._hasVerdict) {
      return;
    }
    this.addClass(STALE_STATE);
  }

  /**
   * Whether the verdict shown is out of date.
   */
  get isStale(): boolean {
    return this.hasClass(STALE_STATE);
  }

  /**
   * Show that the exercise was passed before, e.g. after a page reload.
   */
  showPassedBefore(when: string): void {
    this._setState('jp-mod-passed');
    this._summary.textContent = this._trans.__(
      'You passed this exercise on %1. Check again any time.',
      new Date(when).toLocaleString()
    );
    this._list.replaceChildren();
    this._hasVerdict = true;
  }

  /**
   * Show that a check is running.
   */
  showRunning(): void {
    this._setState('jp-mod-running');
    this._button.disabled = true;
    this._summary.textContent = this._trans.__('Checking…');
    this._list.replaceChildren();
  }

  /**
   * Show the outcome of a check.
   */
  showOutcome(outcome: CheckOutcome): void {
    this._button.disabled = false;
    this._list.replaceChildren();
    this._hasVerdict = true;
    if (outcome.kind === 'problem') {
      this._setState('jp-mod-problem');
      this._summary.textContent = outcome.message;
      return;
    }
    const { result } = outcome;
    const failed = result.tests.filter(t => !t.passed).length;
    this._setState(result.passed ? 'jp-mod-passed' : 'jp-mod-failed');
    this._summary.textContent = result.passed
      ? this._trans._n(
          'Passed: the %1 test passes.',
          'Passed: all %1 tests pass.',
          result.tests.length
        )
      : failed === result.tests.length
        ? this._trans._n(
            'Not yet: the test fails.',
            'Not yet: all %1 tests fail.',
            failed
          )
        : this._trans._n(
            'Not yet: %1 of %2 tests fails.',
            'Not yet: %1 of %2 tests fail.',
            failed,
            result.tests.length
          );
    // Several tests failing for one reason (an unwritten answer, say): say
    // it once, after the last of them.
    const failures = result.tests.filter(t => !t.passed);
    const shared =
      failures.length > 1 &&
      failures.every(t => t.message === failures[0].message)
        ? failures[failures.length - 1]
        : null;
    for (const test of result.tests) {
      const item = document.createElement('li');
      item.className = `${TEST_CLASS} ${test.passed ? 'jp-mod-passed' : 'jp-mod-failed'}`;
      const mark = document.createElement('span');
      mark.className = `${TEST_CLASS}-mark`;
      mark.textContent = test.passed ? '✓' : '✗';
      mark.setAttribute(
        'aria-label',
        test.passed ? this._trans.__('passed') : this._trans.__('failed')
      );
      const name = document.createElement('span');
      name.className = `${TEST_CLASS}-name`;
      name.textContent = test.name;
      item.append(mark, name);
      if (!test.passed && test.message && (!shared || test === shared)) {
        const message = document.createElement('pre');
        message.className = `${TEST_CLASS}-message`;
        message.textContent = test.message;
        item.append(message);
      }
      if (test.output) {
        const output = document.createElement('pre');
        output.className = `${TEST_CLASS}-output`;
        output.setAttribute(
          'aria-label',
          this._trans.__('What the test printed')
        );
        output.textContent = test.output;
        item.append(output);
      }
      this._list.append(item);
    }
  }

  private _setState(state: string): void {
    this.node.classList.remove(...STATES, STALE_STATE);
    this.node.classList.add(state);
  }

  private _button: HTMLButtonElement;
  private _hint: HTMLButtonElement;
  private _stale: HTMLElement;
  private _hasVerdict = false;
  private _summary: HTMLElement;
  private _list: HTMLElement;
}
