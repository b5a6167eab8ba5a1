/**
 * The Stage 5 portfolio tracker: 2–3 projects with a short checklist.
 */

import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import {
  IPortfolio,
  IProject,
  PORTFOLIO_CHECKS,
  PORTFOLIO_SLOTS,
  PortfolioCheck
} from '../progress/portfolio';

const CLASS = 'jp-bytementor-Portfolio';

/**
 * Properties of the tracker.
 */
export interface IPortfolioProps {
  portfolio: IPortfolio;
  trans: TranslationBundle;
  onSaveProject: (slot: string, project: IProject) => void;
}

/**
 * Every project slot, each saved with the progress records.
 */
export function PortfolioTracker(props: IPortfolioProps): JSX.Element {
  const { trans } = props;
  return (
    <div className={CLASS} role="group" aria-label={trans.__('Portfolio')}>
      <p className={`${CLASS}-note`}>
        {trans.__(
          'Two or three real projects, at least one deployed behind an API. They are saved with your progress.'
        )}
      </p>
      {PORTFOLIO_SLOTS.map((slot, index) => (
        <Project
          key={slot}
          slot={slot}
          index={index + 1}
          project={props.portfolio[slot] ?? null}
          trans={trans}
          onSave={project => props.onSaveProject(slot, project)}
        />
      ))}
    </div>
  );
}

function Project(props: {
  slot: string;
  index: number;
  project: IProject | null;
  trans: TranslationBundle;
  onSave: (project: IProject) => void;
}): JSX.Element {
  const { trans } = props;
  const stored = props.project ?? {
    name: '',
    repository: '',
    deployed: '',
    checks: {},
    updated: ''
  };
  const [draft, setDraft] = React.useState(stored);
  // A newer edit from another tab replaces what is shown; this tab's own
  // saves come back with the draft's time and leave unsaved typing alone.
  React.useEffect(
    () =>
      setDraft(current =>
        editTime(stored) > editTime(current) ? stored : current
      ),
    [stored.updated]
  );
  const save = (change: Partial<IProject>) => {
    const project = {
      ...draft,
      ...change,
      updated: new Date().toISOString()
    };
    setDraft(project);
    props.onSave(project);
  };
  const labels: Record<PortfolioCheck, string> = {
    readme: trans.__('README'),
    evaluation: trans.__('Evaluation'),
    tests: trans.__('Tests'),
    api: trans.__('Deployed behind an API')
  };
  const field = (key: 'name' | 'repository' | 'deployed', label: string) => (
    <label className={`${CLASS}-field`}>
      <span>{label}</span>
      <input
        type={key === 'name' ? 'text' : 'url'}
        value={draft[key]}
        data-field={key}
        onChange={event =>
          setDraft({ ...draft, [key]: event.currentTarget.value })
        }
        onBlur={() => {
          if (draft[key] !== stored[key]) {
            save({});
          }
        }}
      />
    </label>
  );
  return (
    <fieldset className={`${CLASS}-project`} data-slot={props.slot}>
      <legend>{trans.__('Project %1', props.index)}</legend>
      {field('name', trans.__('Name'))}
      {field('repository', trans.__('Repository link'))}
      {field('deployed', trans.__('Deployed link'))}
      <div className={`${CLASS}-checks`}>
        {PORTFOLIO_CHECKS.map(check => (
          <label key={check} className={`${CLASS}-check`}>
            <input
              type="checkbox"
              checked={!!draft.checks[check]}
              data-check={check}
              onChange={event =>
                save({
                  checks: {
                    ...draft.checks,
                    [check]: event.currentTarget.checked
                  }
                })
              }
            />
            {labels[check]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function editTime(project: IProject): number {
  return Date.parse(project.updated) || 0;
}
