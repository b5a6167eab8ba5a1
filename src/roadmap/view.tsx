/**
 * The roadmap's React view: stages, their labs and progress.
 */

import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { ILabView, IRoadmapView, IStageView } from './model';

const CLASS = 'jp-bytementor-Roadmap';

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
  onOpenLab: (labId: string, title: string) => void;
  onUpgradeLab: (labId: string, path: string) => void;
}

/**
 * The whole roadmap.
 */
export function Roadmap(props: IRoadmapProps): JSX.Element {
  const { view, error, trans } = props;
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
  return (
    <div className={`${CLASS}-body`}>
      <section
        className={`${CLASS}-course`}
        aria-label={trans.__('Course progress')}
      >
        <ProgressBar
          passed={view.passed}
          total={view.total}
          label={trans.__(
            'Course: %1 of %2 exercises passed',
            view.passed,
            view.total
          )}
        />
      </section>
      <ol className={`${CLASS}-stages`} aria-label={trans.__('Stages')}>
        {view.stages.map(stage => (
          <Stage key={stage.stage.id} {...props} stage={stage} />
        ))}
      </ol>
    </div>
  );
}

function Stage(props: IRoadmapProps & { stage: IStageView }): JSX.Element {
  const { stage, trans } = props;
  const [min, max] = stage.stage.weeks;
  return (
    <li className={`${CLASS}-stage`} data-stage={stage.stage.number}>
      <h3 className={`${CLASS}-stageTitle`}>
        {trans.__('Stage %1: %2', stage.stage.number, stage.stage.title)}
      </h3>
      <div className={`${CLASS}-budget`}>
        {trans.__('%1–%2 weeks', min, max)}
      </div>
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
          label={trans.__(
            'Stage %1: %2 of %3 exercises passed',
            stage.stage.number,
            stage.passed,
            stage.total
          )}
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
      {stage.labs.length === 0 ? (
        <p className={`${CLASS}-empty`}>
          {trans.__('Labs for this stage are on their way.')}
        </p>
      ) : (
        <ul
          className={`${CLASS}-labs`}
          aria-label={trans.__('Labs of stage %1', stage.stage.number)}
        >
          {stage.labs.map(lab => (
            <Lab key={lab.lab.id} {...props} lab={lab} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Lab(props: IRoadmapProps & { lab: ILabView }): JSX.Element {
  const { lab, trans, onOpenLab, onUpgradeLab } = props;
  const update = props.updates.get(lab.lab.id);
  const states = {
    'not-started': trans.__('not started'),
    'in-progress': trans.__('in progress'),
    done: trans.__('done')
  };
  return (
    <li className={`${CLASS}-lab jp-mod-${lab.state}`} data-lab={lab.lab.id}>
      <button
        className={`${CLASS}-labButton`}
        onClick={() => onOpenLab(lab.lab.id, lab.lab.title)}
        title={trans.__('Open your copy of "%1"', lab.lab.title)}
      >
        <span className={`${CLASS}-labState`} aria-hidden="true">
          {lab.state === 'done' ? '✓' : lab.state === 'in-progress' ? '◐' : '○'}
        </span>
        <span className={`${CLASS}-labTitle`}>{lab.lab.title}</span>
        <span className={`${CLASS}-labMeta`}>
          {trans.__(
            '%1/%2 exercises · %3 min · %4',
            lab.passed,
            lab.total,
            lab.lab.minutes,
            states[lab.state]
          )}
        </span>
      </button>
      {update && (
        <div className={`${CLASS}-update`}>
          <span>{trans.__('New version %1 of this lab', update.to)}</span>
          <button
            className={`${CLASS}-upgradeButton jp-mod-styled`}
            onClick={() => onUpgradeLab(lab.lab.id, update.path)}
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
