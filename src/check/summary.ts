/**
 * A summary of several verdicts at the top of a lab notebook: "Check all"
 * and "Verify in a clean kernel" judge every exercise, most of them off
 * screen, so the learner sees how each one went in one place.
 */

import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

const SUMMARY_CLASS = 'jp-bytementor-CheckSummary';
const HEADING_CLASS = 'jp-bytementor-CheckSummary-heading';
const CLOSE_CLASS = 'jp-bytementor-CheckSummary-close';
const LIST_CLASS = 'jp-bytementor-CheckSummary-list';
const ROW_CLASS = 'jp-bytementor-CheckSummary-row';

/**
 * How one exercise fared, as a summary row shows it.
 */
export type RowState = 'pending' | 'running' | 'passed' | 'failed' | 'problem';

/**
 * One exercise's row.
 */
export interface ISummaryRow {
  exercise: string;
  title: string;
  state: RowState;
  /**
   * A short explanation: the failing tests, or why it could not be judged.
   */
  detail: string;
}

/**
 * A failing test as a summary row tells it.
 */
export interface IFailure {
  name: string;
  message: string;
}

const MAX_DETAIL = 240;

/**
 * One line on an exercise's failing tests: the first failure's reason, not
 * one sentence per test (a stub fails every test with the same message).
 */
export function failureDetail(
  failures: readonly IFailure[],
  trans: TranslationBundle
): string {
  if (failures.length === 0) {
    return '';
  }
  const [first] = failures;
  const message = shorten(first.message);
  if (failures.length === 1) {
    return trans.__('%1: %2', first.name, message);
  }
  if (failures.every(failure => failure.message === first.message)) {
    return trans.__('all %1 tests: %2', failures.length, message);
  }
  return trans._n(
    '%2: %3 (and %1 more failing test)',
    '%2: %3 (and %1 more failing tests)',
    failures.length - 1,
    first.name,
    message
  );
}

/**
 * Failures from the server's "name: message" lines.
 */
export function failuresOf(lines: readonly string[]): IFailure[] {
  return lines.map(line => {
    const colon = line.indexOf(': ');
    return colon < 0
      ? { name: line, message: '' }
      : { name: line.slice(0, colon), message: line.slice(colon + 2) };
  });
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

/**
 * The summary bar; hidden until something is to be summarised.
 */
export class CheckSummary extends Widget {
  constructor(
    private readonly _trans: TranslationBundle,
    private readonly _onGoTo: (exercise: string) => void
  ) {
    super();
    this.addClass(SUMMARY_CLASS);
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', _trans.__('Summary of the checks'));
    const header = document.createElement('div');
    header.className = `${SUMMARY_CLASS}-header`;
    this._heading = document.createElement('span');
    this._heading.className = HEADING_CLASS;
    this._heading.setAttribute('aria-live', 'polite');
    const close = document.createElement('button');
    close.className = `jp-Button jp-mod-minimal ${CLOSE_CLASS}`;
    close.textContent = '×';
    close.title = _trans.__('Close the summary');
    close.setAttribute('aria-label', close.title);
    close.addEventListener('click', () => this.hide());
    header.append(this._heading, close);
    this._list = document.createElement('ul');
    this._list.className = LIST_CLASS;
    this.node.append(header, this._list);
    this.hide();
  }

  /**
   * Show `heading` over one row per exercise.
   */
  render(heading: string, rows: readonly ISummaryRow[]): void {
    this._heading.textContent = heading;
    this._list.replaceChildren(...rows.map(row => this._row(row)));
    this.show();
    this._fitToContent();
  }

  /**
   * The notebook's content header is a Lumino box layout, which sizes each
   * child by its CSS minimum height: make that the height of what is shown.
   */
  private _fitToContent(): void {
    // The children's own heights: the layout fixes the node's height.
    const node = this.node;
    const box = getComputedStyle(node);
    const frame =
      parseFloat(box.paddingTop) +
      parseFloat(box.paddingBottom) +
      parseFloat(box.borderTopWidth) +
      parseFloat(box.borderBottomWidth);
    const content = [...node.children].reduce(
      (sum, child) => sum + (child as HTMLElement).offsetHeight,
      0
    );
    const height = Math.min(content + frame, window.innerHeight * 0.4);
    node.style.minHeight = `${Math.ceil(height)}px`;
    this.parent?.fit();
  }

  private _row(row: ISummaryRow): HTMLElement {
    const item = document.createElement('li');
    item.className = `${ROW_CLASS} jp-mod-${row.state}`;
    item.dataset.exercise = row.exercise;
    const mark = document.createElement('span');
    mark.className = `${ROW_CLASS}-mark`;
    mark.textContent = MARKS[row.state];
    mark.setAttribute('aria-label', this._stateLabel(row.state));
    const title = document.createElement('button');
    title.className = `${ROW_CLASS}-title`;
    title.textContent = row.title;
    title.title = this._trans.__('Go to this exercise');
    title.addEventListener('click', () => this._onGoTo(row.exercise));
    const detail = document.createElement('span');
    detail.className = `${ROW_CLASS}-detail`;
    detail.textContent = row.detail;
    detail.title = row.detail;
    item.append(mark, title, detail);
    return item;
  }

  private _stateLabel(state: RowState): string {
    switch (state) {
      case 'pending':
        return this._trans.__('waiting');
      case 'running':
        return this._trans.__('checking');
      case 'passed':
        return this._trans.__('passed');
      case 'failed':
        return this._trans.__('failed');
      case 'problem':
        return this._trans.__('not judged');
    }
  }

  private _heading: HTMLElement;
  private _list: HTMLElement;
}

const MARKS: { [state in RowState]: string } = {
  pending: '·',
  running: '…',
  passed: '✓',
  failed: '✗',
  problem: '!'
};
