/**
 * The Stage 5 portfolio: 2–3 projects, stored with the progress records.
 *
 * Pure logic. A project is edited as a whole, so unlike exercise records it
 * is merged by "last edit wins", per project slot; clearing a project is an
 * edit like any other, so two tabs still end up agreeing.
 */

/**
 * The checklist of a portfolio project, in the order it is shown.
 */
export const PORTFOLIO_CHECKS = [
  'readme',
  'evaluation',
  'tests',
  'api'
] as const;

/**
 * One item of the checklist.
 */
export type PortfolioCheck = (typeof PORTFOLIO_CHECKS)[number];

/**
 * The project slots: the course asks for 2–3 projects.
 */
export const PORTFOLIO_SLOTS = ['project-1', 'project-2', 'project-3'];

/**
 * Projects the course requires before the portfolio counts as done.
 */
export const PORTFOLIO_REQUIRED_PROJECTS = 2;

/**
 * One project.
 */
export interface IProject {
  name: string;
  repository: string;
  deployed: string;
  checks: Partial<Record<PortfolioCheck, boolean>>;
  /**
   * ISO time of the last edit.
   */
  updated: string;
}

/**
 * The portfolio: projects by slot.
 */
export interface IPortfolio {
  [slot: string]: IProject;
}

/**
 * Merge two portfolios: per slot, the later edit wins.
 */
export function mergePortfolio(a: IPortfolio, b: IPortfolio): IPortfolio {
  const merged: IPortfolio = { ...a };
  for (const [slot, project] of Object.entries(b)) {
    const other = merged[slot];
    if (!other || Date.parse(project.updated) > Date.parse(other.updated)) {
      merged[slot] = project;
    }
  }
  return merged;
}

/**
 * The projects of `known` that `stored` lacks or holds an older edit of.
 */
export function missingProjects(
  stored: IPortfolio,
  known: IPortfolio
): IPortfolio {
  return Object.fromEntries(
    Object.entries(known).filter(
      ([slot, project]) =>
        !stored[slot] ||
        Date.parse(stored[slot].updated) < Date.parse(project.updated)
    )
  );
}

/**
 * Read a portfolio from untrusted settings data, dropping what is malformed.
 */
export function readPortfolio(value: unknown): IPortfolio {
  const portfolio: IPortfolio = {};
  if (!value || typeof value !== 'object') {
    return portfolio;
  }
  for (const [slot, raw] of Object.entries(value)) {
    const data = (raw ?? {}) as { [key: string]: unknown };
    if (
      !PORTFOLIO_SLOTS.includes(slot) ||
      typeof data.updated !== 'string' ||
      Number.isNaN(Date.parse(data.updated))
    ) {
      continue;
    }
    const rawChecks = (data.checks ?? {}) as { [key: string]: unknown };
    const checks: Partial<Record<PortfolioCheck, boolean>> = {};
    for (const check of PORTFOLIO_CHECKS) {
      if (rawChecks[check] === true) {
        checks[check] = true;
      }
    }
    portfolio[slot] = {
      name: text(data.name),
      repository: text(data.repository),
      deployed: text(data.deployed),
      checks,
      updated: data.updated
    };
  }
  return portfolio;
}

/**
 * Checklist items done in the most complete required projects, of how many.
 */
export function portfolioProgress(portfolio: IPortfolio): {
  done: number;
  total: number;
} {
  const counts = Object.values(portfolio)
    .filter(project => project.name.trim() !== '')
    .map(project => PORTFOLIO_CHECKS.filter(c => project.checks[c]).length)
    .sort((a, b) => b - a)
    .slice(0, PORTFOLIO_REQUIRED_PROJECTS);
  return {
    done: counts.reduce((a, b) => a + b, 0),
    total: PORTFOLIO_REQUIRED_PROJECTS * PORTFOLIO_CHECKS.length
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
