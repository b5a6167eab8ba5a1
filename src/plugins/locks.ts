/**
 * The locks plugin: locked lab cells stay as released, tampering is
 * reported and put right, and the learner can reset cells.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';

import { CommandIDs } from '../commands';
import { requestAPI } from '../request';
import { exerciseAt, ICellLike, isLocked, labOf, roleOf } from '../lab/roles';
import { answerCells, resetAnswers } from '../locks/answers';
import { IRepair, LockGuard } from '../locks/guard';
import { fetchRelease, IReleasedCell, Release } from '../locks/release';

/**
 * A finding of `POST labs/<id>/verify`.
 */
interface IFinding {
  id: string;
  problem: 'changed' | 'missing' | 'retyped' | 'role' | 'moved';
  index: number;
}

/**
 * The least time between two "put it back" notices, in milliseconds.
 */
const NOTICE_MS = 5000;

interface IGuarded {
  guard: LockGuard;
  release: Release;
}

export const locksPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bytementor:locks',
  description: 'Keeps the locked cells of lab notebooks as released.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_bytementor');
    const guarded = new WeakMap<NotebookPanel, IGuarded>();

    const guard = async (panel: NotebookPanel): Promise<void> => {
      const model = panel.model;
      const lab = model ? labOf(model.metadata) : null;
      const current = guarded.get(panel);
      if (!model || !lab || current?.release.version === lab.version) {
        return;
      }
      current?.guard.dispose();
      guarded.delete(panel);
      let release: Release;
      let findings: IFinding[] = [];
      try {
        release = await fetchRelease(lab.id);
        if (release.version === lab.version) {
          findings = await verify(lab.id, lab.version, notebookCells(model));
        } else {
          // A copy of another version: keep its locked cells as opened
          // (the version banner offers the upgrade).
          release = ownRelease(lab.version, notebookCells(model));
        }
      } catch (error) {
        console.warn('ByteMentor: cannot read the lab release.', error);
        release = ownRelease(lab.version, notebookCells(model));
      }
      if (panel.isDisposed || guarded.has(panel)) {
        return;
      }
      const lock = new LockGuard(model.sharedModel, release);
      guarded.set(panel, { guard: lock, release });
      panel.disposed.connect(() => lock.dispose());
      const moved = new Map<string, null>(
        findings.filter(f => f.problem === 'moved').map(f => [f.id, null])
      );
      const repairs = lock.enforce(moved);
      // A mark for whoever needs to know the locks hold (the UI tests).
      panel.addClass('jp-mod-locksGuarded');
      const reported = findings.length > 0 ? findings : repairs;
      const tampered = reported.filter(r => r.problem !== 'copy');
      if (tampered.length > 0) {
        Notification.warning(
          trans.__(
            "This notebook's locked cells had been altered: %1. ByteMentor put them back as released; checks always run the original tests.",
            tampered.map(r => describe(trans, release, r)).join('; ')
          ),
          { autoClose: false }
        );
      }
      // One notice per few seconds, however many repairs a burst of edits
      // (or a collaborator's) takes.
      let noticeAt = -Infinity;
      lock.repaired.connect((_, live) => {
        const now = Date.now();
        if (
          live.some(r => r.problem !== 'copy') &&
          now - noticeAt > NOTICE_MS
        ) {
          noticeAt = now;
          Notification.info(
            trans.__('Locked cells cannot be changed: ByteMentor put it back.'),
            { autoClose: 5000 }
          );
        }
      });
    };

    tracker.widgetAdded.connect((_, panel) => {
      void panel.context.ready.then(async () => {
        await guard(panel);
        // An upgrade reloads the notebook as another version.
        panel.context.fileChanged.connect(() => void guard(panel));
      });
    });

    const activeLabCell = () => {
      const panel = tracker.currentWidget;
      const cell = panel?.content.activeCell;
      const entry = panel ? guarded.get(panel) : undefined;
      if (!panel || !cell || !entry || !entry.release.get(cell.model.id)) {
        return null;
      }
      return { panel, cell, ...entry };
    };

    app.commands.addCommand(CommandIDs.resetCell, {
      label: trans.__('Reset Cell to Original'),
      caption: trans.__('Put this lab cell back as the lab released it'),
      isEnabled: () => activeLabCell() !== null,
      execute: async () => {
        const target = activeLabCell();
        if (!target) {
          return;
        }
        const data = cellLike(target.cell.model);
        if (isLocked(data)) {
          target.guard.resetCell(data.id);
          return;
        }
        await confirmAndReset(target.panel, target.release, [data.id], trans);
      }
    });

    app.commands.addCommand(CommandIDs.resetExercise, {
      label: trans.__('Reset Exercise Answers to Original'),
      caption: trans.__(
        'Put the answer cells of this exercise back as released, keeping your answers in cells below'
      ),
      isEnabled: () => activeExercise() !== null,
      execute: async () => {
        const target = activeLabCell();
        const exercise = activeExercise();
        if (!target || !exercise) {
          return;
        }
        const ids = answerCells(target.panel.model!.sharedModel, exercise);
        await confirmAndReset(target.panel, target.release, ids, trans);
      }
    });

    const activeExercise = (): string | null => {
      const target = activeLabCell();
      if (!target) {
        return null;
      }
      const cells = target.panel.content.widgets.map(c => cellLike(c.model));
      return exerciseAt(cells, target.panel.content.activeCellIndex);
    };

    app.contextMenu.addItem({
      command: CommandIDs.resetCell,
      selector: '.jp-bytementor-Cell',
      rank: 20
    });
    app.contextMenu.addItem({
      command: CommandIDs.resetExercise,
      selector: '.jp-bytementor-Cell',
      rank: 21
    });
  }
};

/**
 * Ask, then reset answer cells `ids` of `panel`, keeping the old answers.
 */
async function confirmAndReset(
  panel: NotebookPanel,
  release: Release,
  ids: string[],
  trans: TranslationBundle
): Promise<void> {
  const answer = await showDialog({
    title: trans.__('Reset to the original?'),
    body: trans.__(
      'The answer cells go back to how the lab started. Each answer you had is kept in a cell of your own right below it, and Undo brings it back.'
    ),
    buttons: [
      Dialog.cancelButton(),
      Dialog.warnButton({ label: trans.__('Reset') })
    ]
  });
  if (!answer.button.accept || !panel.model) {
    return;
  }
  const count = resetAnswers(panel.model.sharedModel, release, ids, trans);
  Notification.info(
    count > 0
      ? trans.__(
          '%1 answer cells reset; your answers are kept below them.',
          count
        )
      : trans.__('The answer cells were already as released.'),
    { autoClose: 5000 }
  );
}

/**
 * Ask the server which locked cells of `cells` are not as released.
 */
async function verify(
  labId: string,
  version: string,
  cells: unknown[]
): Promise<IFinding[]> {
  const reply = await requestAPI<{ tampered: IFinding[] }>(
    `labs/${encodeURIComponent(labId)}/verify`,
    { method: 'POST', body: JSON.stringify({ version, cells }) }
  );
  return reply.tampered;
}

/**
 * The lab cells of a notebook as their own release: the reference for a
 * copy of another version than the server's.
 */
function ownRelease(version: string, cells: any[]): Release {
  const own: IReleasedCell[] = cells
    .filter(cell => cell.metadata?.bytementor)
    .map(cell => ({
      id: cell.id,
      cell_type: cell.cell_type,
      source: cell.source,
      metadata: cell.metadata
    }));
  return new Release(version, own);
}

/**
 * A finding in words: the cell's role, exercise and name, and the problem.
 */
function describe(
  trans: TranslationBundle,
  release: Release,
  finding: IRepair | IFinding
): string {
  const cell = release.get(finding.id);
  const role = cell
    ? roleOf({ id: cell.id, cellType: cell.cell_type, metadata: cell.metadata })
    : null;
  const what = role?.name ?? role?.exercise ?? finding.id;
  const kind = role?.role === 'test' ? trans.__('test') : (role?.role ?? '');
  const problems: { [key: string]: string } = {
    changed: trans.__('changed'),
    missing: trans.__('deleted'),
    retyped: trans.__('of another cell type'),
    role: trans.__('no longer marked as a lab cell'),
    moved: trans.__('moved'),
    unlocked: trans.__('unlocked')
  };
  return `${kind} “${what}” ${problems[finding.problem] ?? finding.problem}`;
}

/**
 * The cells of a notebook model, nbformat-shaped.
 */
function notebookCells(model: {
  sharedModel: { toJSON(): { cells: any[] } };
}): any[] {
  return model.sharedModel.toJSON().cells;
}

function cellLike(model: {
  id: string;
  type: string;
  metadata: { [key: string]: unknown };
}): ICellLike {
  return { id: model.id, cellType: model.type, metadata: model.metadata };
}
