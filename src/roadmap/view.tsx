/**
 * The roadmap's React view: path, pace plan, next up, stages and labs.
 */

import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IPortfolio, IProject } from '../progress/portfolio';
import { ILabView, IRoadmapView, IStageView } from './model';
import { IPacePlan } from './pace';
import { Guidance, NextUp, PacePlan, PathChooser, PathSummary } from './plan';
import { PortfolioTracker } from './portfolio';

const CLASS = 'jp-bytementor-Roadmap';
const LAB_BUTTON = `${CLASS}-labButton`;

/**
 * Properties of the roadmap view.
 */
export interface IRoadmapProps {
  view: IRoadmapView | null;
  error: string | null;
  trans: TranslationBundle;
  /**
   * Labs whose copy is of an older release, by lab id.
   */
  updates: Map<string, { path: string; from: string | null; to: string }>;
  plan: IPacePlan;
  portfolio: IPortfolio;
  /**
   * True while progress could not be saved and a retry is scheduled.
   */
  saveFailed: boolean;
  formatDate: (date: string) => string;
  onOpenLab: (labId: string, title: string) => void;
  onUpgradeLab: (labId: string, path: string) => void;
  onChoosePath: (pathId: string) => void;
  onPlanChange: (plan: IPacePlan) => void;
  onSaveProject: (slot: string, project: IProject) => void;
  onRetrySave: () => void;
}

/**
 * The whole roadmap.
 */
export function Roadmap(props: IRoadmapProps): JSX.Element {
  const { view, error, trans } = props;
  const [choosing, setChoosing] = React.useState(false);
  if (error) {
    return (
      <div className={`${CLASS}-message jp-mod-error`} role="alert">
        {error}
      </div>
    );
  }
  if (!view) {
    return (
      <div className={`${CLASS}-message`}>
        {trans.__('Loading the course…')}
      </div>
    );
  }
  const saveBanner = props.saveFailed && (
    <div className={`${CLASS}-saveError`} role="alert">
      <span>
        {trans.__(
          'Your progress is not saved yet: the settings could not be written. It is kept in this page and saving is retried.'
        )}
      </span>
      <button className="jp-mod-styled" onClick={props.onRetrySave}>
        {trans.__('Retry now')}
      </button>
    </div>
  );
  const chooser = (!view.path || choosing) && view.paths.length > 0;
  return (
    <div className={`${CLASS}-body`}>
      {view.notices.map(notice => (
        <div key={notice} className={`${CLASS}-warning`} role="alert">
          {notice}
        </div>
      ))}
      {saveBanner}
      {chooser && (
        <PathChooser
          paths={view.paths}
          current={view.path}
          trans={trans}
          onChoose={id => {
            setChoosing(false);
            props.onChoosePath(id);
          }}
          onCancel={view.path ? () => setChoosing(false) : null}
        />
      )}
      {view.path && !chooser && (
        <PathSummary
          path={view.path}
          trans={trans}
          onChange={() => setChoosing(true)}
        />
      )}
      <NextUp
        next={view.nextUp}
        hasPath={view.path !== null}
        trans={trans}
        onOpenLab={props.onOpenLab}
      />
      <section
        className={`${CLASS}-course`}
        aria-label={trans.__('Course progress')}
      >
        <ProgressBar
          passed={view.passed}
          total={view.total}
          label={courseLabel(view, trans)}
        />
      </section>
      <PacePlan
        plan={props.plan}
        pace={view.pace}
        trans={trans}
        formatDate={props.formatDate}
        onPlanChange={props.onPlanChange}
      />
      <Guidance view={view} trans={trans} />
      <ol
        className={`${CLASS}-stages`}
        aria-label={trans.__('Stages')}
        onKeyDown={moveFocus}
      >
        {view.stages.map(stage => (
          <Stage key={stage.stage.id} {...props} stage={stage} />
        ))}
      </ol>
    </div>
  );
}

/**
 * Arrow keys, Home and End move between the labs of all stages.
 */
function moveFocus(event: React.KeyboardEvent<HTMLElement>): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  const target = event.target as HTMLElement;
  if (!keys.includes(event.key) || !target.classList.contains(LAB_BUTTON)) {
    return;
  }
  const buttons = Array.from(
    event.currentTarget.querySelectorAll<HTMLElement>(`.${LAB_BUTTON}`)
  );
  const index = buttons.indexOf(target);
  const next = {
    ArrowDown: Math.min(buttons.length - 1, index + 1),
    ArrowUp: Math.max(0, index - 1),
    Home: 0,
    End: buttons.length - 1
  }[event.key as 'ArrowDown' | 'ArrowUp' | 'Home' | 'End'];
  event.preventDefault();
  buttons[next]?.focus();
}

function Stage(props: IRoadmapProps & { stage: IStageView }): JSX.Element {
  const { stage, trans } = props;
  const [min, max] = stage.stage.weeks;
  const titleId = `jp-bytementor-Roadmap-stage${stage.stage.number}`;
  const [openPortfolio, setOpenPortfolio] = React.useState(false);
  return (
    <li
      className={`${CLASS}-stage${stage.optional ? ' jp-mod-optional' : ''}`}
      data-stage={stage.stage.number}
      aria-labelledby={titleId}
    >
      <h3 id={titleId} className={`${CLASS}-stageTitle`}>
        {trans.__('Stage %1: %2', stage.stage.number, stage.stage.title)}
        {stage.optional && (
          <span className={`${CLASS}-tag`}>{trans.__('optional')}</span>
        )}
      </h3>
      <div className={`${CLASS}-budget`}>
        {trans.__('Budget: %1–%2 weeks', min, max)}
        {stage.pace?.planFit && (
          <span data-plan-fit={stage.pace.planFit}>
            {' · '}
            {trans._n(
              'your plan: %1 day',
              'your plan: %1 days',
              Math.round(stage.pace.plannedDays),
              Math.round(stage.pace.plannedDays)
            )}
          </span>
        )}
        {stage.pace?.status && (
          <span
            className={`${CLASS}-status jp-mod-${stage.pace.status}`}
            data-status={stage.pace.status}
          >
            {' · '}
            {stageStatus(stage, trans, props.formatDate)}
          </span>
        )}
      </div>
      {stage.placement && (
        <p className={`${CLASS}-note`}>
          {trans.__(
            'Optional on your path, offered as a placement check: try the first exercises of a lab, and move on if they come easily.'
          )}
        </p>
      )}
      <details className={`${CLASS}-topics`}>
        <summary>{trans.__('What it covers')}</summary>
        <ul>
          {stage.stage.topics.map(topic => (
            <li key={topic}>{topic}</li>
          ))}
        </ul>
      </details>
      {stage.total > 0 && (
        <ProgressBar
          passed={stage.passed}
          total={stage.total}
          label={
            hasPortfolio(stage)
              ? trans.__(
                  'Stage %1: %2 of %3 exercises and portfolio items done',
                  stage.stage.number,
                  stage.passed,
                  stage.total
                )
              : trans.__(
                  'Stage %1: %2 of %3 exercises passed',
                  stage.stage.number,
                  stage.passed,
                  stage.total
                )
          }
        />
      )}
      {stage.predictions.made > 0 && (
        <div className={`${CLASS}-calibration`}>
          {trans.__(
            'Predictions: %1 of %2 right',
            stage.predictions.right,
            stage.predictions.made
          )}
        </div>
      )}
      <ul
        className={`${CLASS}-labs`}
        aria-label={trans.__('Labs of stage %1', stage.stage.number)}
      >
        {stage.labs.map(lab => (
          <Lab
            key={lab.id}
            {...props}
            lab={lab}
            stageOptional={stage.optional}
            expanded={openPortfolio}
            onToggle={() => setOpenPortfolio(!openPortfolio)}
          />
        ))}
      </ul>
      {stage.milestones.map(milestone => (
        <div
          key={milestone.title}
          className={`${CLASS}-milestone${milestone.reached ? ' jp-mod-reached' : ''}`}
          role="note"
        >
          <span aria-hidden="true">★ </span>
          {milestone.reached
            ? trans.__('Milestone reached: %1', milestone.title)
            : milestone.projected
              ? trans.__(
                  'Milestone: %1, after Stage %2 (projected %3)',
                  milestone.title,
                  milestone.afterStage,
                  props.formatDate(milestone.projected)
                )
              : trans.__(
                  'Milestone: %1, after Stage %2',
                  milestone.title,
                  milestone.afterStage
                )}
        </div>
      ))}
    </li>
  );
}

/**
 * The course bar's label: what the path requires, or the whole course before
 * a path is chosen.
 */
function courseLabel(view: IRoadmapView, trans: TranslationBundle): string {
  const portfolio = view.stages.some(hasPortfolio);
  if (!view.path) {
    return portfolio
      ? trans.__(
          'Whole course: %1 of %2 exercises and portfolio items done',
          view.passed,
          view.total
        )
      : trans.__(
          'Whole course: %1 of %2 exercises passed',
          view.passed,
          view.total
        );
  }
  return portfolio
    ? trans.__(
        'Your path: %1 of %2 required exercises and portfolio items done',
        view.passed,
        view.total
      )
    : trans.__(
        'Your path: %1 of %2 required exercises passed',
        view.passed,
        view.total
      );
}

/**
 * Whether the stage's bar counts portfolio checklist items too.
 */
function hasPortfolio(stage: IStageView): boolean {
  return stage.labs.some(lab => lab.kind === 'portfolio');
}

/**
 * The stage's progress against the learner's plan, by the dates the plan and
 * the projection give its end.
 */
function stageStatus(
  stage: IStageView,
  trans: TranslationBundle,
  formatDate: (date: string) => string
): string {
  const pace = stage.pace!;
  const planned = formatDate(pace.plannedEnd);
  const projected = formatDate(pace.projectedEnd);
  if (pace.done) {
    return {
      ahead: trans.__('done %1, ahead of your plan (%2)', projected, planned),
      'on-pace': trans.__('done %1, as your plan had it', projected),
      behind: trans.__('done %1, after your plan (%2)', projected, planned)
    }[pace.status!];
  }
  return {
    ahead: trans.__(
      'ahead of your plan: done by %1, planned %2',
      projected,
      planned
    ),
    'on-pace': trans.__('on your plan: done by %1', projected),
    behind: trans.__(
      'behind your plan: done by %1, planned %2',
      projected,
      planned
    )
  }[pace.status!];
}

function Lab(
  props: IRoadmapProps & {
    lab: ILabView;
    stageOptional: boolean;
    expanded: boolean;
    onToggle: () => void;
  }
): JSX.Element {
  const { lab, trans, onOpenLab, onUpgradeLab } = props;
  const update = props.updates.get(lab.id);
  const states = {
    'not-started': trans.__('not started'),
    'in-progress': trans.__('in progress'),
    done: trans.__('done'),
    planned: trans.__('planned')
  };
  const icon = {
    done: '✓',
    'in-progress': '◐',
    'not-started': '○',
    planned: '◌'
  };
  const tracker = lab.kind === 'portfolio';
  const meta =
    lab.state === 'planned'
      ? trans.__('coming soon · about %1 min', lab.minutes)
      : tracker
        ? trans.__(
            '%1/%2 checklist items · %3',
            lab.passed,
            lab.total,
            states[lab.state]
          )
        : trans.__(
            '%1/%2 exercises · %3 min · %4',
            lab.passed,
            lab.total,
            lab.minutes,
            states[lab.state]
          );
  const classes = [`${CLASS}-lab`, `jp-mod-${lab.state}`];
  if (lab.optional) {
    classes.push('jp-mod-optional');
  }
  const open = () => {
    if (tracker) {
      props.onToggle();
    } else if (lab.available) {
      onOpenLab(lab.id, lab.title);
    }
  };
  return (
    <li className={classes.join(' ')} data-lab={lab.id}>
      <button
        className={LAB_BUTTON}
        onClick={open}
        aria-disabled={!lab.available}
        aria-expanded={tracker ? props.expanded : undefined}
        title={
          lab.available
            ? tracker
              ? trans.__('Show or hide your portfolio projects')
              : trans.__('Open your copy of "%1"', lab.title)
            : trans.__('"%1" is not released yet', lab.title)
        }
      >
        <span className={`${CLASS}-labState`} aria-hidden="true">
          {icon[lab.state]}
        </span>
        <span className={`${CLASS}-labTitle`}>
          {lab.title}
          {lab.optional && !props.stageOptional && (
            <span className={`${CLASS}-tag`}>{trans.__('optional')}</span>
          )}
        </span>
        <span className={`${CLASS}-labMeta`}>{meta}</span>
      </button>
      {tracker && props.expanded && (
        <PortfolioTracker
          portfolio={props.portfolio}
          trans={trans}
          onSaveProject={props.onSaveProject}
        />
      )}
      {update && (
        <div className={`${CLASS}-update`}>
          <span>{trans.__('New version %1 of this lab', update.to)}</span>
          <button
            className={`${CLASS}-upgradeButton jp-mod-styled`}
            onClick={() => onUpgradeLab(lab.id, update.path)}
            title={trans.__(
              'Upgrade your copy: your answers and your own cells are kept'
            )}
          >
            {trans.__('Upgrade')}
          </button>
        </div>
      )}
    </li>
  );
}

function ProgressBar(props: {
  passed: number;
  total: number;
  label: string;
}): JSX.Element {
  const percent =
    props.total > 0 ? Math.round((100 * props.passed) / props.total) : 0;
  return (
    <div className={`${CLASS}-progress`}>
      <div
        className={`${CLASS}-bar`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={props.total}
        aria-valuenow={props.passed}
        aria-label={props.label}
      >
        <div className={`${CLASS}-barFill`} style={{ width: `${percent}%` }} />
      </div>
      <span className={`${CLASS}-progressLabel`}>{props.label}</span>
    </div>
  );
}
