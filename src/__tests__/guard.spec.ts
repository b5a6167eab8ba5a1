/**
 * The lock guard on real shared notebooks (@jupyter/ydoc).
 */
import { YNotebook } from '@jupyter/ydoc';
import {
  applyAwarenessUpdate,
  encodeAwarenessUpdate
} from 'y-protocols/awareness';
import * as Y from 'yjs';

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

  it('puts locked cells back in order, though no move of theirs was seen', async () => {
    // The intro pushed below the test, as a moved selection leaves it.
    nb.transact(() => nb.moveCell(0, 2), false, 'bytementor-lock');
    expect(nb.cells.map(c => c.id)).toEqual(['answer', 'test', 'intro']);
    nb.cells[0].setSource('def f(): return 1');
    await settle();
    const ids = nb.cells.map(c => c.id);
    expect(ids.indexOf('intro')).toBeLessThan(ids.indexOf('test'));
    expect(nb.cells.find(c => c.id === 'answer')!.getSource()).toBe(
      'def f(): return 1'
    );
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

/**
 * Two views of one collaborative notebook, synced in memory as the
 * websocket provider would: document updates (a moment later) and
 * awareness both ways, and,
 * like JupyterLab, a local transaction of each view's own after every
 * remote update.
 */
describe('LockGuard with two views of one notebook', () => {
  let views: YNotebook[];
  let guards: LockGuard[];
  let changes: number[];
  let repairs: number[];

  function sync(from: YNotebook, to: YNotebook): void {
    // What each view did before it was connected (its own set-up).
    Y.applyUpdate(to.ydoc, Y.encodeStateAsUpdate(from.ydoc), from);
    from.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== to) {
        // Over a network: the other view sees the change a moment later.
        setTimeout(() => Y.applyUpdate(to.ydoc, update, from), 0);
      }
    });
    from.awareness.on('update', ({ added, updated, removed }: any) => {
      const ids = [...added, ...updated, ...removed];
      applyAwarenessUpdate(
        to.awareness,
        encodeAwarenessUpdate(from.awareness, ids),
        from
      );
    });
  }

  function view(nb: YNotebook): YNotebook {
    nb.ydoc.on('afterTransaction', (txn: Y.Transaction) => {
      if (!txn.local) {
        void Promise.resolve().then(() => nb.transact(() => undefined));
      }
    });
    return nb;
  }

  async function quiet(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      await settle();
    }
  }

  beforeEach(async () => {
    // The first view holds the lab; the second joins it empty.
    views = [
      view(notebook()),
      view(new YNotebook({ disableDocumentWideUndoRedo: true }))
    ];
    sync(views[0], views[1]);
    sync(views[1], views[0]);
    views.forEach((nb, i) => nb.awareness.setLocalStateField('user', { i }));
    changes = [0, 0];
    repairs = [0, 0];
    views.forEach((nb, i) =>
      nb.ydoc.on('afterTransaction', () => (changes[i] += 1))
    );
    guards = views.map(
      nb => new LockGuard(nb, new Release('1.0.0', released()))
    );
    guards.forEach((g, i) => g.repaired.connect(() => (repairs[i] += 1)));
    await quiet();
  });

  afterEach(() => {
    guards.forEach(g => g.dispose());
    views.forEach(nb => nb.dispose());
  });

  it('elects exactly one repairer: the lowest client id', () => {
    const lowest = views[0].ydoc.clientID < views[1].ydoc.clientID ? 0 : 1;
    expect(guards.map(g => g.isRepairer)).toEqual([lowest === 0, lowest === 1]);
  });

  it.each([0, 1])(
    'puts back a test view %i changed, once, and the changes settle',
    async changer => {
      const pristine = state(views[0]);
      views[changer].cells[2].setSource('pass');
      await quiet();
      expect(views.map(state)).toEqual([pristine, pristine]);
      expect(repairs[0] + repairs[1]).toBe(1);
      const settled = [...changes];
      await quiet();
      expect(changes).toEqual(settled);
    }
  );

  it('hands the repairs on when the repairer leaves', async () => {
    const repairer = guards.findIndex(g => g.isRepairer);
    const stays = 1 - repairer;
    guards[repairer].dispose();
    views[repairer].awareness.setLocalState(null);
    expect(guards[stays].isRepairer).toBe(true);
    views[stays].cells[2].setSource('pass');
    await quiet();
    expect(views[stays].cells[2].getSource()).toBe('assert f() == 1');
  });
});
