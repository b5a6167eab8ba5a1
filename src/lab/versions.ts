/**
 * Where a learner's copy of a lab stands against the course: current,
 * outdated (an upgrade is offered) or removed from the course.
 *
 * Pure logic: no JupyterLab imports.
 */

import { ICatalog, ICopy } from '../catalog/types';

/**
 * The status of a copy of a lab.
 */
export type CopyStatus =
  | { kind: 'current' }
  | { kind: 'outdated'; from: string | null; to: string }
  | { kind: 'removed' };

/**
 * The status of a copy of lab `labId` at `version` in `catalog`.
 */
export function copyStatus(
  catalog: ICatalog,
  labId: string,
  version: string | null
): CopyStatus {
  const lab = catalog.labs.find(candidate => candidate.id === labId);
  if (!lab) {
    return { kind: 'removed' };
  }
  if (version !== lab.version) {
    return { kind: 'outdated', from: version, to: lab.version };
  }
  return { kind: 'current' };
}

/**
 * The labs whose copies are outdated, by lab id, with the versions.
 */
export function outdatedCopies(
  catalog: ICatalog,
  copies: { [labId: string]: ICopy }
): Map<string, { path: string; from: string | null; to: string }> {
  const found = new Map<
    string,
    { path: string; from: string | null; to: string }
  >();
  for (const [labId, copy] of Object.entries(copies)) {
    const status = copyStatus(catalog, labId, copy.version);
    if (status.kind === 'outdated') {
      found.set(labId, { path: copy.path, from: status.from, to: status.to });
    }
  }
  return found;
}
