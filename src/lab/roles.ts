/**
 * Cell roles of the lab format (DESIGN.md §3), read from plain cell data.
 *
 * Pure logic: it works on anything shaped like a cell (an id, a type and
 * metadata), so it serves the notebook plugins and jest alike.
 */

/**
 * The roles a lab cell can have.
 */
export type Role =
  | 'instructions'
  | 'setup'
  | 'learner'
  | 'test'
  | 'hint'
  | 'prediction'
  | 'reveal';

/**
 * Roles whose cells the learner cannot change.
 */
export const LOCKED_ROLES: ReadonlySet<Role> = new Set<Role>([
  'instructions',
  'setup',
  'test',
  'hint',
  'prediction',
  'reveal'
]);

const ROLES: ReadonlySet<string> = new Set([...LOCKED_ROLES, 'learner']);

/**
 * The minimal view of a cell this module needs.
 */
export interface ICellLike {
  id: string;
  cellType: string;
  metadata: { [key: string]: unknown };
}

/**
 * The ByteMentor part of a cell's metadata.
 */
export interface ICellRole {
  role: Role;
  exercise: string | null;
  name: string | null;
}

/**
 * The lab identity a notebook declares in its metadata.
 */
export interface ILabRef {
  id: string;
  version: string;
  title: string;
  exercises: { id: string; title: string }[];
}

/**
 * Read a cell's role, or `null` for a cell the learner added.
 */
export function roleOf(cell: ICellLike): ICellRole | null {
  const raw = cell.metadata['bytementor'];
  if (!raw || typeof raw !== 'object') {
    return null;
  }
  const data = raw as { [key: string]: unknown };
  const role = data['role'];
  if (typeof role !== 'string' || !ROLES.has(role)) {
    return null;
  }
  const exercise = data['exercise'];
  const name = data['name'];
  return {
    role: role as Role,
    exercise: typeof exercise === 'string' ? exercise : null,
    name: typeof name === 'string' ? name : null
  };
}

/**
 * Whether a cell belongs to a locked role.
 */
export function isLocked(cell: ICellLike): boolean {
  const role = roleOf(cell);
  return role !== null && LOCKED_ROLES.has(role.role);
}

/**
 * Read the lab a notebook belongs to from its metadata, or `null`.
 */
export function labOf(metadata: { [key: string]: unknown }): ILabRef | null {
  const raw = metadata['bytementor'];
  if (!raw || typeof raw !== 'object') {
    return null;
  }
  const lab = (raw as { [key: string]: unknown })['lab'];
  if (!lab || typeof lab !== 'object') {
    return null;
  }
  const data = lab as { [key: string]: unknown };
  if (typeof data['id'] !== 'string' || typeof data['version'] !== 'string') {
    return null;
  }
  const exercises: { id: string; title: string }[] = [];
  for (const ex of Array.isArray(data['exercises']) ? data['exercises'] : []) {
    const id = (ex as { id?: unknown })?.id;
    const title = (ex as { title?: unknown })?.title;
    if (typeof id === 'string') {
      exercises.push({ id, title: typeof title === 'string' ? title : id });
    }
  }
  const title = typeof data['title'] === 'string' ? data['title'] : data['id'];
  return { id: data['id'], version: data['version'], title, exercises };
}

/**
 * The cells a check of `exercise` runs before its tests, in notebook order:
 * shared setup cells, then the setup and answer code cells of this exercise
 * and of every exercise before it (later exercises build on earlier
 * answers, which a restarted kernel no longer holds).
 */
export function cellsToRun(
  cells: readonly ICellLike[],
  exercise: string
): number[] {
  const order = [...exerciseSpans(cells).keys()];
  const upTo = new Set(order.slice(0, order.indexOf(exercise) + 1));
  const indices: number[] = [];
  cells.forEach((cell, index) => {
    const role = roleOf(cell);
    if (!role || cell.cellType !== 'code') {
      return;
    }
    const shared = role.role === 'setup' && role.exercise === null;
    const ran =
      (role.role === 'setup' || role.role === 'learner') &&
      role.exercise !== null &&
      upTo.has(role.exercise);
    if (shared || ran) {
      indices.push(index);
    }
  });
  return indices;
}

/**
 * The exercise whose cells span the cell at `index`, or `null`.
 *
 * An exercise spans from its first to its last cell carrying its id, so an
 * instructions cell between an exercise's answer and its tests belongs to it.
 */
export function exerciseAt(
  cells: readonly ICellLike[],
  index: number
): string | null {
  const own = cells[index] ? roleOf(cells[index]) : null;
  if (own?.exercise) {
    return own.exercise;
  }
  const spans = exerciseSpans(cells);
  for (const [exercise, [first, last]] of spans) {
    if (index >= first && index <= last) {
      return exercise;
    }
  }
  return null;
}

/**
 * For each exercise, the indices of its first and last cell, in order of
 * first appearance.
 */
export function exerciseSpans(
  cells: readonly ICellLike[]
): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  cells.forEach((cell, index) => {
    const exercise = roleOf(cell)?.exercise;
    if (!exercise) {
      return;
    }
    const span = spans.get(exercise);
    if (span) {
      span[1] = index;
    } else {
      spans.set(exercise, [index, index]);
    }
  });
  return spans;
}

/**
 * The index of the last test cell of `exercise`, or `null` if it has none.
 */
export function lastTestCell(
  cells: readonly ICellLike[],
  exercise: string
): number | null {
  for (let index = cells.length - 1; index >= 0; index--) {
    const role = roleOf(cells[index]);
    if (role?.role === 'test' && role.exercise === exercise) {
      return index;
    }
  }
  return null;
}
