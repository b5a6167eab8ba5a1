/**
 * Keeps one footer per exercise attached below the exercise's last cell.
 */

import { Cell, ICellModel } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';
import { PanelLayout } from '@lumino/widgets';

import {
  exerciseSpans,
  ICellLike,
  labOf,
  lastTestCell,
  roleOf
} from '../lab/roles';
import { ExerciseFooter } from './footer';

/**
 * The exercise footers of one lab notebook.
 */
export class ExerciseFooters implements IDisposable {
  constructor(
    private readonly _panel: NotebookPanel,
    private readonly _trans: TranslationBundle,
    private readonly _onCheck: (exercise: string) => void,
    private readonly _passedAt: (exercise: string) => string | undefined,
    private readonly _onHintsShown: (exercise: string, shown: number) => void
  ) {
    const model = _panel.content.model;
    model?.cells.changed.connect(this._schedule, this);
    this.update();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * The footer of an exercise, if the notebook shows it.
   */
  footer(exercise: string): ExerciseFooter | undefined {
    return this._footers.get(exercise);
  }

  /**
   * Place every exercise's footer below its last cell.
   */
  update(): void {
    const notebook = this._panel.content;
    const lab = notebook.model ? labOf(notebook.model.metadata) : null;
    if (!lab) {
      return;
    }
    const cells: ICellLike[] = notebook.widgets.map(cell => ({
      id: cell.model.id,
      cellType: cell.model.type,
      metadata: cell.model.metadata
    }));
    const titles = new Map(lab.exercises.map(ex => [ex.id, ex.title]));
    for (const exercise of exerciseSpans(cells).keys()) {
      // Below the exercise's last test, above its hints. An exercise with no
      // test (a prediction only) has nothing to check.
      const last = lastTestCell(cells, exercise);
      if (last === null) {
        continue;
      }
      let footer = this._footers.get(exercise);
      if (!footer) {
        footer = new ExerciseFooter(
          exercise,
          titles.get(exercise) ?? exercise,
          this._trans,
          () => this._onCheck(exercise),
          () => this.showNextHint(exercise)
        );
        this._footers.set(exercise, footer);
        const passed = this._passedAt(exercise);
        if (passed) {
          footer.showPassedBefore(passed);
        }
      }
      const cell = notebook.widgets[last];
      if (footer.parent !== cell) {
        const placed = footer;
        // A cell builds its input and outputs when first rendered: wait, so
        // the footer goes below them.
        void cell.ready.then(() => {
          if (!placed.isDisposed && !cell.isDisposed) {
            (cell.layout as PanelLayout).addWidget(placed);
          }
        });
      }
    }
    this._watchCells(cells);
  }

  /**
   * Open the exercise's next closed hint, in notebook order, and scroll to it.
   */
  showNextHint(exercise: string): void {
    const next = this._hintCells(exercise).find(cell => cell.inputHidden);
    if (!next) {
      return;
    }
    next.inputHidden = false;
    next.saveCollapseState();
    next.node.scrollIntoView({ block: 'nearest' });
    this._hintsChanged(exercise);
  }

  /**
   * The hint cells of an exercise, in notebook order.
   */
  private _hintCells(exercise: string): Cell[] {
    return this._panel.content.widgets.filter(cell => {
      const role = roleOf({
        id: cell.model.id,
        cellType: cell.model.type,
        metadata: cell.model.metadata
      });
      return role?.role === 'hint' && role.exercise === exercise;
    });
  }

  /**
   * Refresh an exercise's hint button and report how many hints are open
   * (however they were opened: the button or a click on the hint itself).
   */
  private _hintsChanged(exercise: string): void {
    const hints = this._hintCells(exercise);
    const shown = hints.filter(cell => !cell.inputHidden).length;
    this._footers.get(exercise)?.setHints(shown, hints.length);
    if (shown > (this._hintsShown.get(exercise) ?? 0)) {
      this._hintsShown.set(exercise, shown);
      this._onHintsShown(exercise, shown);
    }
  }

  /**
   * Follow answer edits (a verdict goes stale) and hint openings.
   */
  private _watchCells(cells: ICellLike[]): void {
    const widgets = this._panel.content.widgets;
    const hinted = new Set<string>();
    cells.forEach((cell, index) => {
      const role = roleOf(cell);
      const exercise = role?.exercise;
      if (!exercise) {
        return;
      }
      const model = widgets[index].model;
      if (role.role === 'learner' && !this._watched.has(model)) {
        this._watched.add(model);
        model.sharedModel.changed.connect((_, change) => {
          if (change.sourceChange) {
            this._footers.get(exercise)?.markStale();
          }
        });
      } else if (role.role === 'hint') {
        hinted.add(exercise);
        if (!this._watched.has(model)) {
          this._watched.add(model);
          // Opening a hint saves its collapse state in the cell's metadata.
          model.metadataChanged.connect(() => this._hintsChanged(exercise));
        }
      }
    });
    for (const exercise of hinted) {
      this._hintsChanged(exercise);
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const footer of this._footers.values()) {
      footer.dispose();
    }
    this._footers.clear();
  }

  private _schedule(): void {
    if (this._pending) {
      return;
    }
    this._pending = true;
    requestAnimationFrame(() => {
      this._pending = false;
      if (!this._isDisposed) {
        this.update();
      }
    });
  }

  private _footers = new Map<string, ExerciseFooter>();
  private _hintsShown = new Map<string, number>();
  private _watched = new WeakSet<ICellModel>();
  private _pending = false;
  private _isDisposed = false;
}
