/**
 * The released cells of a lab, as the server keeps them: what locked cells
 * are restored from and answer cells are reset to.
 */

import { requestAPI } from '../request';
import { LOCKED_ROLES, roleOf, Role } from '../lab/roles';

/**
 * One released cell (`GET labs/<id>/release`).
 */
export interface IReleasedCell {
  id: string;
  cell_type: string;
  source: string;
  metadata: { [key: string]: any };
}

/**
 * A lab's released cells by id, in release order.
 */
export class Release {
  constructor(
    readonly version: string,
    cells: readonly IReleasedCell[]
  ) {
    this.cells = cells.map(cell => ({ ...cell, source: joined(cell.source) }));
    this.order = this.cells.map(cell => cell.id);
    this._byId = new Map(this.cells.map(cell => [cell.id, cell]));
  }

  readonly cells: readonly IReleasedCell[];

  /**
   * The ids of the released cells, in release order.
   */
  readonly order: readonly string[];

  /**
   * The released cell `id`, or `undefined`.
   */
  get(id: string): IReleasedCell | undefined {
    return this._byId.get(id);
  }

  /**
   * The released cell `id` if it is a locked one.
   */
  locked(id: string): IReleasedCell | undefined {
    const cell = this._byId.get(id);
    return cell && isLockedCell(cell) ? cell : undefined;
  }

  private _byId: Map<string, IReleasedCell>;
}

/**
 * Fetch the current release of lab `labId`.
 */
export async function fetchRelease(labId: string): Promise<Release> {
  const reply = await requestAPI<{ version: string; cells: IReleasedCell[] }>(
    `labs/${encodeURIComponent(labId)}/release`
  );
  return new Release(reply.version, reply.cells);
}

/**
 * The role of a released (nbformat-shaped) cell.
 */
export function releasedRole(cell: IReleasedCell): Role | null {
  return (
    roleOf({ id: cell.id, cellType: cell.cell_type, metadata: cell.metadata })
      ?.role ?? null
  );
}

function isLockedCell(cell: IReleasedCell): boolean {
  const role = releasedRole(cell);
  return role !== null && LOCKED_ROLES.has(role);
}

function joined(source: string | string[]): string {
  return Array.isArray(source) ? source.join('') : source;
}
