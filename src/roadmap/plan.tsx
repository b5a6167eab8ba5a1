/**
 * The roadmap's path chooser, pace plan, next-up card and the course's advice.
 */

import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IPath } from '../catalog/types';
import { INextUp, IRoadmapView } from './model';
import {
  clampHours,
  EARLIEST_DATE,
  EVIDENCE_DAYS,
  IPace,
  IPacePlan,
  isLocalDate,
  LATEST_DATE
} from './pace';

const CLASS = 'jp-bytementor-Roadmap';

/**
 * Choose one of the course's paths; each says who it is for.
 */
export function PathChooser(props: {
  paths: IPath[];
  current: IPath | null;
  trans: TranslationBundle;
  onChoose: (pathId: string) => void;
  onCancel: (() => void) | null;
}): JSX.Element {
  const { trans } = props;
  return (
    <section
      className={`${CLASS}-paths`}
      aria-labelledby="jp-bytementor-Roadmap-pathsTitle"
    >
      <h3 id="jp-bytementor-Roadmap-pathsTitle" className={`${CLASS}-heading`}>
        {trans.__('Choose your path')}
      </h3>
      <p className={`${CLASS}-note`}>
        {trans.__(
          'Your path decides which stages are required. You can change it later.'
        )}
      </p>
      <ul className={`${CLASS}-pathList`}>
        {props.paths.map(path => (
          <li key={path.id}>
            <button
              className={`${CLASS}-pathButton${
                path.id === props.current?.id ? ' jp-mod-selected' : ''
              }`}
              aria-pressed={path.id === props.current?.id}
              data-path={path.id}
              onClick={() => props.onChoose(path.id)}
            >
              <span className={`${CLASS}-pathTitle`}>{path.title}</span>
              <span className={`${CLASS}-pathFor`}>{path.for}</span>
            </button>
          </li>
        ))}
      </ul>
      {props.onCancel && (
        <button className="jp-mod-styled" onClick={props.onCancel}>
          {trans.__('Keep %1', props.current?.title ?? '')}
        </button>
      )}
    </section>
  );
}

/**
 * The chosen path, with a button to change it.
 */
export function PathSummary(props: {
  path: IPath;
  trans: TranslationBundle;
  onChange: () => void;
}): JSX.Element {
  const { trans } = props;
  return (
    <div className={`${CLASS}-pathSummary`}>
      <span>
        {trans.__('Path:')} <strong>{props.path.title}</strong>
      </span>
      <button
        className={`${CLASS}-linkButton`}
        onClick={props.onChange}
        aria-label={trans.__('Change your path')}
      >
        {trans.__('Change')}
      </button>
    </div>
  );
}

/**
 * The one lab to do next, and why.
 */
export function NextUp(props: {
  next: INextUp | null;
  /**
   * False before a path is chosen: every lab then counts, in course order.
   */
  hasPath: boolean;
  trans: TranslationBundle;
  onOpenLab: (labId: string, title: string) => void;
}): JSX.Element {
  const { next, trans } = props;
  if (!next) {
    return (
      <section className={`${CLASS}-next`} aria-label={trans.__('Next up')}>
        <div className={`${CLASS}-nextTitle`}>
          {trans.__('Every lab on your path is done. Well done!')}
        </div>
      </section>
    );
  }
  const reasons = {
    continue: trans.__(
      'You have passed %1 of its %2 exercises: finish it before starting another.',
      next.lab.passed,
      next.lab.total
    ),
    next: props.hasPath
      ? trans.__(
          'The next lab your path requires, in Stage %1.',
          next.lab.stage
        )
      : trans.__(
          'The next lab in course order, in Stage %1. Choose a path above to see what yours requires.',
          next.lab.stage
        ),
    placement: trans.__(
      'A placement check: try its first exercises. If they come easily, move on; "%1" is next on your path once released.',
      next.waitingFor?.title ?? ''
    ),
    'while-waiting': trans.__(
      '"%1", next on your path, is not released yet; this optional lab is worth doing meanwhile.',
      next.waitingFor?.title ?? ''
    ),
    planned: props.hasPath
      ? trans.__(
          'The next lab your path requires is not released yet. It will appear here.'
        )
      : trans.__(
          'The next lab in course order is not released yet. Choose a path above to see what yours requires.'
        )
  };
  return (
    <section className={`${CLASS}-next`} aria-label={trans.__('Next up')}>
      <div className={`${CLASS}-nextLabel`}>{trans.__('Next up')}</div>
      <div className={`${CLASS}-nextTitle`}>{next.lab.title}</div>
      <p className={`${CLASS}-nextWhy`}>{reasons[next.reason]}</p>
      {next.lab.available && next.lab.kind === 'notebook' && (
        <button
          className={`${CLASS}-nextButton jp-mod-styled jp-mod-accept`}
          onClick={() => props.onOpenLab(next.lab.id, next.lab.title)}
          aria-label={trans.__('Open %1', next.lab.title)}
        >
          {trans.__('Open lab')}
        </button>
      )}
    </section>
  );
}

/**
 * Hours per day and a start date; the planned and projected finish.
 */
export function PacePlan(props: {
  plan: IPacePlan;
  pace: IPace | null;
  trans: TranslationBundle;
  formatDate: (date: string) => string;
  onPlanChange: (plan: IPacePlan) => void;
}): JSX.Element {
  const { plan, pace, trans, formatDate } = props;
  return (
    <details className={`${CLASS}-pace`} open>
      <summary className={`${CLASS}-heading`}>{trans.__('Pace plan')}</summary>
      <div className={`${CLASS}-paceInputs`}>
        <label>
          {trans.__('Hours per day')}
          <input
            type="number"
            min={0.25}
            max={16}
            step={0.25}
            value={plan.hoursPerDay}
            onChange={event => {
              const hours = Number(event.currentTarget.value);
              if (hours > 0) {
                props.onPlanChange({ ...plan, hoursPerDay: clampHours(hours) });
              }
            }}
          />
        </label>
        <label>
          {trans.__('Start date')}
          <input
            type="date"
            min={EARLIEST_DATE}
            max={LATEST_DATE}
            value={plan.startDate ?? ''}
            onChange={event => {
              const value = event.currentTarget.value;
              // A half-typed or far-off date is not a plan: keep the last one.
              if (!value || isLocalDate(value)) {
                props.onPlanChange({ ...plan, startDate: value || null });
              }
            }}
          />
          {!plan.startDate && pace && (
            <span className={`${CLASS}-paceHint`} data-fact="start">
              {pace.observed
                ? trans.__('from your first pass, %1', formatDate(pace.start))
                : trans.__('from today')}
            </span>
          )}
        </label>
      </div>
      {pace && (
        <dl className={`${CLASS}-paceFacts`}>
          <dt>{trans.__('Planned finish')}</dt>
          <dd data-fact="planned">{formatDate(pace.plannedFinish)}</dd>
          <dt>{trans.__('At your pace')}</dt>
          <dd data-fact="projected">
            {pace.measuring ? (
              trans._n(
                'shown after %1 active day',
                'shown after %1 active days',
                EVIDENCE_DAYS,
                EVIDENCE_DAYS
              )
            ) : (
              <>
                {formatDate(pace.projectedFinish)}{' '}
                <span className={`${CLASS}-paceDelta`}>
                  {paceDelta(pace.daysAheadOfPlan, trans)}
                </span>
              </>
            )}
          </dd>
          <dt>{trans.__('Your pace')}</dt>
          <dd data-fact="observed">{observedPace(pace, trans)}</dd>
        </dl>
      )}
      {pace?.stages.some(stage => stage.planFit === 'over') && (
        <p className={`${CLASS}-note`} data-fact="plan-fit">
          {trans.__(
            'At %1 h a day your plan takes longer than some stage budgets, which assume 2–3 h a day. That is fine: the budgets are a guide, and ahead or behind is measured against your own plan.',
            plan.hoursPerDay
          )}
        </p>
      )}
      {pace?.foundations && (
        <p className={`${CLASS}-warning`} role="status">
          {pace.foundations === 'over'
            ? trans.__(
                'You have spent more than 6 weeks on Foundations. The course advises moving on: Stage 2 practises much of it again.'
              )
            : trans.__(
                'At this pace Foundations will take more than 6 weeks. The course advises no more than 6: consider moving on sooner.'
              )}
        </p>
      )}
    </details>
  );
}

/**
 * The course's advice and what to skip, folded away once read.
 */
export function Guidance(props: {
  view: IRoadmapView;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { view, trans } = props;
  if (view.guidance.length === 0) {
    return null;
  }
  return (
    <details className={`${CLASS}-guidance`}>
      <summary className={`${CLASS}-heading`}>
        {trans.__('The course’s advice')}
      </summary>
      <ul>
        {view.guidance.map(item => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The observed pace, or how far it still is from being measured.
 */
function observedPace(pace: IPace, trans: TranslationBundle): string {
  if (!pace.observed) {
    return trans.__('measured from your first passes');
  }
  const { activeDays, hoursPerActiveDay } = pace.observed;
  return trans._n(
    '%2 h of course work per active day, over %1 active day',
    '%2 h of course work per active day, over %1 active days',
    activeDays,
    activeDays,
    hoursPerActiveDay.toFixed(1)
  );
}

function paceDelta(days: number, trans: TranslationBundle): string {
  if (days > 0) {
    return trans._n(
      '(%1 day ahead of your plan)',
      '(%1 days ahead of your plan)',
      days,
      days
    );
  }
  if (days < 0) {
    return trans._n(
      '(%1 day behind your plan)',
      '(%1 days behind your plan)',
      -days,
      -days
    );
  }
  return trans.__('(on plan)');
}
