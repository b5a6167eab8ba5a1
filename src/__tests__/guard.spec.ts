/**
 * The lock guard on real shared notebooks (@jupyter/ydoc).
 */
import { YNotebook } from '@jupyter/ydoc';

import { LockGuard } from '../locks/guard';
import { IReleasedCell, Release } from '../locks/release';

const LAB = { bytementor: { lab: { id: 'l', version: '1.0.0' } } };

function released(): IReleasedCell[] {
  const locked = { editable: false, deletable: false };
  return [
    {
      id: 'intro',
      cell_type: 'markdown',
      source: '# Intro',
      metadata: { ...locked, bytementor: { role: 'instructions' } }
    },
    {
      id: 'answer',
      cell_type: 'code',
      source: 'def f(): ...',
      metadata: {
        editable: true,
        deletable: false,
        bytementor: { role: 'learner', exercise: 'e' }
      }
    },
    {
      id: 'test',
      cell_type: 'code',
      source: 'assert f() == 1',
      metadata: { ...locked, bytementor: { role: 'test', exercise: 'e' } }
    }
  ];
}

function notebook(): YNotebook {
  const nb = YNotebook.create({ disableDocumentWideUndoRedo: true });
  nb.setMetadata(LAB as any);
  nb.insertCells(
    0,
    released().map(cell => ({ ...cell, metadata: { ...cell.metadata } }))
  );
  return nb;
}

function state(nb: YNotebook): string[] {
  return nb.cells.map(
    c =>
      `${c.id}:${c.cell_type}:${c.getSource()}:${JSON.stringify(c.getMetadata('bytementor') ?? null)}`
  );
}

/** Let the guard's repair (queued after the transaction) run. */
const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('LockGuard', () => {
  let nb: YNotebook;
  let guard: LockGuard;
  let pristine: string[];

  beforeEach(() => {
    nb = notebook();
    pristine = state(nb);
    guard = new LockGuard(nb, new Release('1.0.0', released()));
  });

  afterEach(() => {
    guard.dispose();
    nb.dispose();
  });

  it('puts back a changed test, outside the undo history', async () => {
    nb.cells[2].setSource('pass');
    await settle();
    expect(state(nb)).toEqual(pristine);
  });

  it('moves a moved test back where it was', async () => {
    nb.moveCell(2, 0);
    await settle();
    expect(nb.cells.map(c => c.id)).toEqual(['intro', 'answer', 'test']);
  });

  it('inserts a deleted test again, with its id', async () => {
    nb.deleteCell(2);
    await settle();
    expect(state(nb)).toEqual(pristine);
  });

  it('restores the flags and role a metadata edit removed', async () => {
    nb.cells[2].setMetadata('editable', true);
    nb.cells[2].deleteMetadata('bytementor');
    await settle();
    expect(nb.cells[2].getMetadata('editable')).toBe(false);
    expect(state(nb)).toEqual(pristine);
  });

  it('turns a copy of a test into a cell of the learner', async () => {
    nb.insertCell(3, { ...released()[2], id: 'test' } as any);
    await settle();
    expect(nb.cells).toHaveLength(4);
    expect(nb.cells[3].id).not.toBe('test');
    expect(nb.cells[3].getMetadata('bytementor')).toBeUndefined();
    expect(nb.cells[3].getSource()).toBe('assert f() == 1');
    expect(state(nb).slice(0, 3)).toEqual(pristine);
  });

  it('leaves the answer and the learner’s own cells alone', async () => {
    nb.cells[1].setSource('def f(): return 1');
    nb.insertCell(3, { cell_type: 'code', source: 'mine = 1' });
    await settle();
    expect(nb.cells[1].getSource()).toBe('def f(): return 1');
    expect(nb.cells[3].getSource()).toBe('mine = 1');
  });
});
