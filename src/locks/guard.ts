/**
 * Keeps the locked cells of one lab notebook as released, whatever path
 * changed them.
 *
 * JupyterLab refuses some changes to cells with `editable`/`deletable`
 * false, not all (moves, metadata, the kernel's `set_next_input`, undo).
 * Rather than patch every command, the guard looks at the result: after
 * each local change of the shared notebook it compares the locked cells
 * with the release and puts back what differs, in one transaction that is
 * not undoable and carries the guard's own origin, so the restore neither
 * enters the undo history nor wakes the guard again. It repairs only
 * what differs, so a notebook as released costs no transaction.
 *
 * With real-time collaboration every open view of the notebook has a
 * guard, and JupyterLab answers each remote update with local
 * transactions of its own: were every guard to repair, two "replace the
 * whole text" repairs would merge into doubled text and wake each other
 * forever. So exactly one client repairs, local and remote changes alike:
 * the lowest Yjs client id among the live JupyterLab views (awareness
 * states with a `user`; the server's own state has none, and it never
 * repairs). When that view leaves, the next one takes over and repairs
 * what is left.
 */

import { INotebookModel } from '@jupyterlab/notebook';
import { JSONExt, UUID } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { IReleasedCell, Release, releasedRole } from './release';

type SharedNotebook = INotebookModel['sharedModel'];
type SharedCell = SharedNotebook['cells'][number];

/**
 * What the guard saw wrong with a cell and put right.
 */
export type Problem =
  'changed' | 'missing' | 'retyped' | 'role' | 'moved' | 'unlocked' | 'copy';

/**
 * One repair: the cell (its id) and what was wrong.
 */
export interface IRepair {
  id: string;
  problem: Problem;
}

/**
 * The origin of the guard's own transactions.
 */
export const LOCK_ORIGIN = 'bytementor-lock';

/**
 * Metadata keys a locked cell keeps as released; the others (collapsed
 * outputs, scroll state...) are the learner's.
 */
const GUARDED_KEYS = ['bytementor', 'editable', 'deletable'] as const;

interface ITransaction {
  local: boolean;
  origin: unknown;
}

interface IYDocLike {
  on(name: 'afterTransaction', f: (txn: ITransaction) => void): void;
  off(name: 'afterTransaction', f: (txn: ITransaction) => void): void;
}

/**
 * The part of a Yjs awareness (y-protocols) the election reads.
 */
export interface IAwarenessLike {
  clientID: number;
  getStates(): Map<number, { [key: string]: unknown }>;
  on(name: 'change', f: () => void): void;
  off(name: 'change', f: () => void): void;
}

/**
 * The order of the cells and the shared cell object of each id, as last seen.
 */
interface ISnapshot {
  index: Map<string, number>;
  objects: Map<string, SharedCell>;
}

export class LockGuard implements IDisposable {
  /**
   * Guard the locked cells of `release` in `shared`.
   */
  constructor(
    private _shared: SharedNotebook,
    private _release: Release
  ) {
    this._snapshot = this._take();
    this._ydoc = (_shared as unknown as { ydoc: IYDocLike }).ydoc;
    this._ydoc.on('afterTransaction', this._onTransaction);
    this._awareness =
      (_shared as unknown as { awareness?: IAwarenessLike }).awareness ?? null;
    this._awareness?.on('change', this._onAwareness);
    this._wasRepairer = this.isRepairer;
  }

  /**
   * Whether this client is the one that repairs: the lowest client id
   * among itself and the live JupyterLab views of the document.
   */
  get isRepairer(): boolean {
    if (!this._awareness) {
      return true;
    }
    const own = this._awareness.clientID;
    for (const [id, state] of this._awareness.getStates()) {
      if (id < own && state?.user !== undefined) {
        return false;
      }
    }
    return true;
  }

  /**
   * Emitted with the repairs of each restore that changed something.
   */
  get repaired(): ISignal<this, IRepair[]> {
    return this._repaired;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._ydoc.off('afterTransaction', this._onTransaction);
    this._awareness?.off('change', this._onAwareness);
    Signal.clearData(this);
  }

  /**
   * Put every locked cell back as released now. `moved` names the cells
   * known to be out of place with the index they go back to, or `null` for
   * right after the released cell before them (the server's verdict on a
   * notebook just opened, where no earlier index is known).
   */
  enforce(moved: ReadonlyMap<string, number | null> = new Map()): IRepair[] {
    const repairs: IRepair[] = [];
    if (!this.isRepairer) {
      this._snapshot = this._take();
      return repairs;
    }
    this._stripCopies(repairs);
    this._putBackMoved(moved, repairs);
    this._restoreOrder(repairs);
    this._insertMissing(repairs);
    this._restoreCells(repairs);
    this._snapshot = this._take();
    if (repairs.length > 0) {
      this._repaired.emit(repairs);
    }
    return repairs;
  }

  /**
   * Reset locked cell `id` to its release, outputs cleared.
   */
  resetCell(id: string): void {
    const index = this._indexOf(id);
    const cell = this._release.locked(id);
    if (index < 0 || !cell) {
      return;
    }
    this._step(() => {
      this._shared.deleteCell(index);
      this._shared.insertCell(index, fresh(cell));
    });
    this._snapshot = this._take();
  }

  /**
   * Run one repair in a transaction of its own, not undoable and of the
   * guard's origin. One change per transaction: the notebook's cell list
   * is brought up to date only when a transaction ends.
   */
  private _step(change: () => void): void {
    this._shared.transact(change, false, LOCK_ORIGIN);
  }

  private _onTransaction = (txn: ITransaction): void => {
    if (this._disposed) {
      return;
    }
    if (txn.origin === LOCK_ORIGIN || !this.isRepairer) {
      this._snapshot = this._take();
      return;
    }
    this._schedule();
  };

  /**
   * On a change of who is live: the view that becomes the repairer
   * repairs what its predecessor left.
   */
  private _onAwareness = (): void => {
    const now = this.isRepairer;
    if (now && !this._wasRepairer && !this._disposed) {
      this._schedule();
    }
    this._wasRepairer = now;
  };

  /**
   * Enforce once, after the current transaction.
   */
  private _schedule(): void {
    if (!this._pending && this._isCurrent()) {
      this._pending = true;
      // After the transaction, when JupyterLab's own observers are done.
      void Promise.resolve().then(() => {
        this._pending = false;
        if (!this._disposed) {
          this.enforce(this._movedSinceSnapshot());
        }
      });
    }
  }

  /**
   * Locked cells that were deleted and inserted again elsewhere (a move,
   * a drag, an undone move): new shared objects at a new index.
   */
  private _movedSinceSnapshot(): Map<string, number> {
    const moved = new Map<string, number>();
    this._shared.cells.forEach((cell, index) => {
      const before = this._snapshot.index.get(cell.id);
      if (
        this._release.locked(cell.id) &&
        before !== undefined &&
        before !== index &&
        this._snapshot.objects.get(cell.id) !== cell
      ) {
        moved.set(cell.id, before);
      }
    });
    return moved;
  }

  /**
   * A copy of a lab cell (pasted, duplicated) is the learner's own cell:
   * no role, so it is never run as a test nor taken for its original.
   */
  private _stripCopies(repairs: IRepair[]): void {
    // Each round fixes one copy; bounded, should a repair not take.
    for (let round = this._shared.cells.length; round > 0; round--) {
      const index = this._firstCopy();
      if (index < 0) {
        return;
      }
      const cell = this._shared.cells[index];
      repairs.push({ id: cell.id, problem: 'copy' });
      if (this._indexOf(cell.id) !== index) {
        // A pasted cut keeps the id of the cell it copies: give it its own.
        const copy = cell.toJSON() as any;
        this._step(() => {
          this._shared.deleteCell(index);
          this._shared.insertCell(index, {
            ...copy,
            id: UUID.uuid4(),
            metadata: learnersMetadata(copy.metadata)
          });
        });
      } else {
        this._step(() => {
          for (const key of GUARDED_KEYS) {
            cell.deleteMetadata(key);
          }
        });
      }
    }
  }

  /**
   * The index of the first copy of a lab cell that still looks like one: a
   * second cell with a lab cell's id, or a cell with a role and an id the
   * release does not have.
   */
  private _firstCopy(): number {
    const seen = new Set<string>();
    return this._shared.cells.findIndex(cell => {
      const duplicate = seen.has(cell.id);
      seen.add(cell.id);
      return (
        duplicate ||
        (!this._release.get(cell.id) &&
          cell.getMetadata('bytementor') !== undefined)
      );
    });
  }

  /**
   * The locked cells that are not in the release's order, as the server's
   * verify finds them: the fewest to move (those outside a longest common
   * subsequence). A move the snapshot cannot tell (a cell pushed aside by
   * a moved selection) still shows here.
   */
  private _outOfOrder(): string[] {
    const seen = this._shared.cells
      .map(cell => cell.id)
      .filter(id => this._release.locked(id));
    const present = new Set(seen);
    const wanted = this._release.order.filter(id => present.has(id));
    return outsideCommonOrder(seen, wanted);
  }

  /**
   * Move each locked cell that is out of order right after the locked
   * cell the release has before it (or right before the one after it).
   */
  private _restoreOrder(repairs: IRepair[]): void {
    const outOfPlace = new Set(this._outOfOrder());
    const locked = this._release.order.filter(
      id => this._release.locked(id) && this._indexOf(id) >= 0
    );
    locked.forEach((id, k) => {
      if (!outOfPlace.has(id)) {
        return;
      }
      const from = this._indexOf(id);
      const previous = k > 0 ? this._indexOf(locked[k - 1]) : -1;
      const next = k + 1 < locked.length ? this._indexOf(locked[k + 1]) : -1;
      let target = from;
      if (previous >= 0) {
        target = previous > from ? previous : previous + 1;
      } else if (next >= 0) {
        target = next < from ? next : next - 1;
      }
      if (target !== from) {
        this._step(() => this._shared.moveCell(from, target));
      }
      repairs.push({ id, problem: 'moved' });
    });
  }

  private _putBackMoved(
    moved: ReadonlyMap<string, number | null>,
    repairs: IRepair[]
  ): void {
    const byRelease = this._release.order.filter(id => moved.has(id));
    for (const id of byRelease) {
      const from = this._indexOf(id);
      if (from < 0) {
        continue;
      }
      const before = moved.get(id) ?? null;
      const target =
        before === null
          ? this._homeIndex(id, from)
          : Math.min(before, this._shared.cells.length - 1);
      if (target !== from) {
        this._step(() => this._shared.moveCell(from, target));
      }
      repairs.push({ id, problem: 'moved' });
    }
  }

  private _insertMissing(repairs: IRepair[]): void {
    for (const cell of this._release.cells) {
      if (this._release.locked(cell.id) && this._indexOf(cell.id) < 0) {
        const at = this._homeIndex(cell.id, -1);
        this._step(() => this._shared.insertCell(at, fresh(cell)));
        repairs.push({ id: cell.id, problem: 'missing' });
      }
    }
  }

  private _restoreCells(repairs: IRepair[]): void {
    for (const released of this._release.cells) {
      const index = this._indexOf(released.id);
      if (index < 0 || !this._release.locked(released.id)) {
        continue;
      }
      const cell = this._shared.cells[index];
      if (cell.cell_type !== released.cell_type) {
        this._step(() => {
          this._shared.deleteCell(index);
          this._shared.insertCell(index, fresh(released));
        });
        repairs.push({ id: released.id, problem: 'retyped' });
        continue;
      }
      const keys = GUARDED_KEYS.filter(
        key => !hasReleased(cell, released, key)
      );
      // A reveal cell is released empty and filled in by its prediction.
      const changed =
        releasedRole(released) !== 'reveal' &&
        normalised(cell.getSource()) !== normalised(released.source);
      if (keys.length === 0 && !changed) {
        continue;
      }
      this._step(() => {
        for (const key of keys) {
          restoreKey(cell, released, key);
        }
        if (changed) {
          cell.setSource(released.source);
        }
      });
      const problem: Problem = changed
        ? 'changed'
        : keys.includes('bytementor')
          ? 'role'
          : 'unlocked';
      repairs.push({ id: released.id, problem });
    }
  }

  /**
   * Where cell `id` belongs: where it was before the change, else right
   * after the nearest released cell before it that is in the notebook.
   */
  private _homeIndex(id: string, current: number): number {
    const last = this._shared.cells.length - (current < 0 ? 0 : 1);
    const order = this._release.order;
    for (let i = order.indexOf(id) - 1; i >= 0; i--) {
      const at = this._indexOf(order[i]);
      if (at >= 0) {
        const after = current >= 0 && at > current ? at : at + 1;
        return Math.min(after, last);
      }
    }
    return 0;
  }

  /**
   * Whether the notebook is still of the guarded release (an upgrade
   * reloads it as another version, which gets a guard of its own).
   */
  private _isCurrent(): boolean {
    const meta = this._shared.getMetadata('bytementor') as any;
    return meta?.lab?.version === this._release.version;
  }

  private _indexOf(id: string): number {
    return this._shared.cells.findIndex(cell => cell.id === id);
  }

  private _take(): ISnapshot {
    const index = new Map<string, number>();
    const objects = new Map<string, SharedCell>();
    this._shared.cells.forEach((cell, i) => {
      if (!index.has(cell.id)) {
        index.set(cell.id, i);
        objects.set(cell.id, cell);
      }
    });
    return { index, objects };
  }

  private _disposed = false;
  private _pending = false;
  private _snapshot: ISnapshot;
  private _ydoc: IYDocLike;
  private _awareness: IAwarenessLike | null;
  private _wasRepairer: boolean;
  private _repaired = new Signal<this, IRepair[]>(this);
}

/**
 * A released cell as a new shared cell, with its released id.
 */
function fresh(cell: IReleasedCell): any {
  return {
    id: cell.id,
    cell_type: cell.cell_type,
    source: cell.source,
    metadata: JSONExt.deepCopy(cell.metadata),
    ...(cell.cell_type === 'code' ? { outputs: [], execution_count: null } : {})
  };
}

/**
 * The metadata of a copied lab cell as the learner's own: no role, no lock.
 */
function learnersMetadata(metadata: { [key: string]: any }): any {
  const own = { ...metadata };
  delete own.bytementor;
  delete own.deletable;
  delete own.editable;
  return own;
}

/**
 * The ids of `seen` outside a longest common subsequence with `wanted`.
 */
function outsideCommonOrder(seen: string[], wanted: string[]): string[] {
  const n = seen.length;
  const m = wanted.length;
  const table = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] =
        seen[i] === wanted[j]
          ? table[i + 1][j + 1] + 1
          : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const keep = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (seen[i] === wanted[j]) {
      keep.add(seen[i]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return seen.filter(id => !keep.has(id));
}

type GuardedKey = (typeof GUARDED_KEYS)[number];

/**
 * Whether metadata `key` of `cell` is as released.
 */
function hasReleased(
  cell: SharedCell,
  released: IReleasedCell,
  key: GuardedKey
): boolean {
  const want = released.metadata[key];
  return JSONExt.deepEqual(cell.getMetadata(key) ?? null, want ?? null);
}

function restoreKey(
  cell: SharedCell,
  released: IReleasedCell,
  key: GuardedKey
): void {
  const want = released.metadata[key];
  if (want === undefined) {
    cell.deleteMetadata(key);
  } else {
    cell.setMetadata(key, JSONExt.deepCopy(want));
  }
}

function normalised(source: string): string {
  return source.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
}
