/**
 * Gives lab cells a visible role: classes, a badge and an accessible label.
 */

import { Cell, MarkdownCell } from '@jupyterlab/cells';
import { TranslationBundle } from '@jupyterlab/translation';
import { lockIcon } from '@jupyterlab/ui-components';

import { isLocked, roleOf, Role } from './roles';

const CELL_CLASS = 'jp-bytementor-Cell';
const LOCKED_CLASS = 'jp-mod-locked';
const ROLE_PREFIX = 'jp-mod-role-';
const WITHHELD_CLASS = 'jp-mod-withheld';
const LOCK_ICON_CLASS = 'jp-bytementor-Cell-lock';

/**
 * The badge text of each role.
 */
function roleLabel(
  trans: TranslationBundle,
  role: Role,
  exercise: string | null
): string {
  switch (role) {
    case 'instructions':
      return trans.__('Instructions · locked');
    case 'setup':
      return trans.__('Setup · locked');
    case 'learner':
      return trans.__('Your answer');
    case 'test':
      return exercise
        ? trans.__('Tests for %1 · locked', exercise)
        : trans.__('Tests · locked');
    case 'hint':
      return trans.__('Hint · click to open');
    case 'prediction':
      return trans.__('Predict first');
    case 'reveal':
      return trans.__('Answer · locked');
  }
}

/**
 * Mark a cell widget with its role, or clear the marks of a cell without one.
 */
export function decorateCell(cell: Cell, trans: TranslationBundle): void {
  const data = {
    id: cell.model.id,
    cellType: cell.model.type,
    metadata: cell.model.metadata
  };
  const role = roleOf(data);
  for (const name of [...cell.node.classList]) {
    if (name.startsWith(ROLE_PREFIX)) {
      cell.node.classList.remove(name);
    }
  }
  if (!role) {
    cell.removeClass(CELL_CLASS);
    cell.removeClass(LOCKED_CLASS);
    cell.removeClass(WITHHELD_CLASS);
    delete cell.node.dataset.bytementorLabel;
    showLock(cell, null);
    return;
  }
  const label = roleLabel(trans, role.role, role.exercise);
  cell.addClass(CELL_CLASS);
  cell.addClass(`${ROLE_PREFIX}${role.role}`);
  cell.toggleClass(LOCKED_CLASS, isLocked(data));
  // A reveal cell is released empty and filled in once its exercise's
  // prediction is committed: until then there is nothing to see or run.
  const withheld =
    role.role === 'reveal' && cell.model.sharedModel.getSource() === '';
  cell.toggleClass(WITHHELD_CLASS, withheld);
  cell.node.setAttribute('aria-hidden', withheld ? 'true' : 'false');
  cell.node.dataset.bytementorLabel = label;
  cell.node.setAttribute('aria-description', label);
  showLock(cell, isLocked(data) ? label : null);
  if (cell instanceof MarkdownCell && isLocked(data)) {
    keepRendered(cell);
  }
}

/**
 * Show a lock icon on a locked cell, named `label` for screen readers; no
 * icon for a `null` label.
 */
function showLock(cell: Cell, label: string | null): void {
  let icon = cell.node.querySelector<HTMLElement>(
    `:scope > .${LOCK_ICON_CLASS}`
  );
  if (label === null) {
    icon?.remove();
    return;
  }
  if (!icon) {
    icon = lockIcon.element({ tag: 'span', className: LOCK_ICON_CLASS });
    icon.setAttribute('role', 'img');
    cell.node.appendChild(icon);
  }
  icon.setAttribute('aria-label', label);
  icon.title = label;
}

const kept = new WeakSet<MarkdownCell>();

/**
 * Keep a locked markdown cell rendered: double-clicking it would otherwise
 * show its raw source in a read-only editor that stays until it is run.
 */
function keepRendered(cell: MarkdownCell): void {
  cell.rendered = true;
  if (kept.has(cell)) {
    return;
  }
  kept.add(cell);
  cell.renderedChanged.connect((_, rendered) => {
    const locked = isLocked({
      id: cell.model.id,
      cellType: cell.model.type,
      metadata: cell.model.metadata
    });
    if (!rendered && locked) {
      cell.rendered = true;
    }
  });
}
