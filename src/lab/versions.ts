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
  | { kind: 'newer'; version: string; course: string }
  | { kind: 'removed' }
  | { kind: 'unavailable' };

/**
 * Compare two MAJOR.MINOR.PATCH versions: negative, zero or positive; null
 * when either is not one.
 */
export function compareVersions(a: string, b: string): number | null {
  const parse = (v: string) =>
    /^\d+\.\d+\.\d+$/.test(v) ? v.split('.').map(Number) : null;
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) {
    return null;
  }
  for (let i = 0; i < 3; i++) {
    if (x[i] !== y[i]) {
      return x[i] - y[i];
    }
  }
  return 0;
}

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
    return catalog.unavailable?.includes(labId)
      ? { kind: 'unavailable' }
      : { kind: 'removed' };
  }
  if (version !== lab.version) {
    // A copy newer than the course (a server with an older course): an
    // "upgrade" would be a downgrade, so none is offered.
    const order = version ? compareVersions(version, lab.version) : null;
    if (version && order !== null && order > 0) {
      return { kind: 'newer', version, course: lab.version };
    }
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
