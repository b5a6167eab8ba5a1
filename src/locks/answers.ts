/**
 * Resetting answer cells to the released stub, keeping the learner's answer.
 */

import { INotebookModel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';

import { roleOf } from '../lab/roles';
import { Release } from './release';

type SharedNotebook = INotebookModel['sharedModel'];

/**
 * The ids of the answer cells of `exercise`, in notebook order.
 */
export function answerCells(
  shared: SharedNotebook,
  exercise: string
): string[] {
  return shared.cells
    .filter(cell => {
      const role = roleOf({
        id: cell.id,
        cellType: cell.cell_type,
        metadata: cell.getMetadata() as { [key: string]: unknown }
      });
      return role?.role === 'learner' && role.exercise === exercise;
    })
    .map(cell => cell.id);
}

/**
 * Reset answer cells `ids` to their released stubs. Each changed answer is
 * kept in a new cell of the learner's own right below it (no role: checks
 * never run it), and the whole reset is one undoable step.
 *
 * Returns how many answers were reset.
 */
export function resetAnswers(
  shared: SharedNotebook,
  release: Release,
  ids: readonly string[],
  trans: TranslationBundle
): number {
  let count = 0;
  shared.transact(() => {
    for (const id of ids) {
      const released = release.get(id);
      const index = shared.cells.findIndex(cell => cell.id === id);
      if (!released || index < 0) {
        continue;
      }
      const cell = shared.cells[index];
      const old = cell.getSource();
      if (old === released.source) {
        continue;
      }
      cell.setSource(released.source);
      shared.insertCell(index + 1, keptCopy(cell.cell_type, old, trans));
      count++;
    }
  });
  return count;
}

function keptCopy(
  cellType: string,
  source: string,
  trans: TranslationBundle
): any {
  const note = trans.__(
    'Your answer before the reset (your own cell: checks do not run it)'
  );
  if (cellType === 'markdown') {
    return { cell_type: 'markdown', source: `<!-- ${note} -->\n${source}` };
  }
  return {
    cell_type: 'code',
    source: `# ${note}\n${source}`,
    metadata: { trusted: false }
  };
}
