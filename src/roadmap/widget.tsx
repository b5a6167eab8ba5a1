/**
 * The roadmap widget: keeps the view in step with catalog, settings and
 * progress.
 */

import { Notification } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import { ICatalog, ICopy } from '../catalog/types';
import { outdatedCopies } from '../lab/versions';
import { ICatalogService, IProgressStore } from '../tokens';
import { buildRoadmap, IRoadmapView } from './model';
import {
  clampHours,
  IPacePlan,
  isLocalDate,
  REFERENCE_HOURS_PER_DAY
} from './pace';
import { Roadmap } from './view';

/**
 * Options of the roadmap widget.
 */
export interface IRoadmapWidgetOptions {
  catalog: ICatalogService;
  progress: IProgressStore;
  trans: TranslationBundle;
  onOpenLab: (labId: string, title: string) => void;
  onUpgradeLab: (labId: string, path: string) => void;
}

/**
 * The roadmap's content inside the sidebar panel.
 */
export class RoadmapWidget extends ReactWidget {
  constructor(private readonly _options: IRoadmapWidgetOptions) {
    super();
    this.addClass('jp-bytementor-Roadmap');
    _options.progress.changed.connect(() => this.update(), this);
    _options.catalog.copiesChanged.connect(
      () => void this.refreshCopies(),
      this
    );
    void this.refresh();
  }

  /**
   * The roadmap settings (path and pace plan), once loaded.
   */
  set settings(settings: ISettingRegistry.ISettings | null) {
    this._settings?.changed.disconnect(this.update, this);
    this._settings = settings;
    settings?.changed.connect(this.update, this);
    this.update();
  }

  /**
   * The view model as last rendered, for commands such as "open next lab".
   */
  get view(): IRoadmapView | null {
    return this._catalog ? this._build(this._catalog) : null;
  }

  /**
   * Fetch the catalog again and re-render.
   */
  async refresh(): Promise<void> {
    try {
      this._catalog = await this._options.catalog.catalog;
      this._error = null;
    } catch (error) {
      console.error('ByteMentor: cannot load the catalog.', error);
      this._error = this._options.trans.__(
        'The course could not be loaded: %1. Is the jupyterlab-bytementor server extension enabled? Reload the page to try again.',
        (error as Error).message
      );
    }
    await Promise.all([this._options.progress.ready, this.refreshCopies()]);
    this.update();
  }

  /**
   * Look again at which labs the learner has copies of, and their versions.
   */
  async refreshCopies(): Promise<void> {
    try {
      this._copies = await this._options.catalog.copies();
    } catch (error) {
      // Upgrades are offered in the notebook too; the roadmap still works.
      console.error('ByteMentor: cannot list the lab copies.', error);
    }
    this.update();
  }

  /**
   * Choose the learner's path (saved in the roadmap settings).
   */
  async choosePath(pathId: string): Promise<void> {
    await this._setSetting('path', pathId);
  }

  protected render(): JSX.Element {
    const { progress, trans } = this._options;
    const updates = this._catalog
      ? outdatedCopies(this._catalog, this._copies)
      : new Map();
    return (
      <Roadmap
        view={this.view}
        error={this._error}
        trans={trans}
        updates={updates}
        plan={this._plan()}
        portfolio={progress.portfolio}
        saveFailed={progress.saveFailed}
        formatDate={formatDate}
        onOpenLab={this._options.onOpenLab}
        onUpgradeLab={this._options.onUpgradeLab}
        onChoosePath={id => void this.choosePath(id)}
        onPlanChange={plan => void this._setPlan(plan)}
        onSaveProject={(slot, project) =>
          void progress.saveProject(slot, project)
        }
        onRetrySave={() => void progress.retryNow()}
      />
    );
  }

  private _build(catalog: ICatalog): IRoadmapView {
    return buildRoadmap(catalog, this._options.progress.progress, {
      pathId: this._string('path'),
      portfolio: this._options.progress.portfolio,
      plan: this._plan()
    });
  }

  /**
   * The pace plan from the settings; wrong values fall back to defaults.
   */
  private _plan(): IPacePlan {
    const hours = this._get('hoursPerDay');
    const start = this._string('startDate');
    return {
      hoursPerDay:
        typeof hours === 'number' && hours > 0
          ? clampHours(hours)
          : REFERENCE_HOURS_PER_DAY,
      startDate: isLocalDate(start) ? start : null
    };
  }

  /**
   * Save what changed of the plan: each setting written is one request.
   */
  private async _setPlan(plan: IPacePlan): Promise<void> {
    const current = this._plan();
    if (plan.hoursPerDay !== current.hoursPerDay) {
      await this._setSetting('hoursPerDay', plan.hoursPerDay);
    }
    if (plan.startDate !== current.startDate) {
      await this._setSetting('startDate', plan.startDate ?? '');
    }
  }

  /**
   * A roadmap setting; kept in this page only when the settings could not
   * be loaded.
   */
  private _get(key: string): unknown {
    return this._settings
      ? this._settings.get(key).composite
      : this._local[key];
  }

  private _string(key: string): string | null {
    const value = this._get(key);
    return typeof value === 'string' && value !== '' ? value : null;
  }

  private async _setSetting(
    key: string,
    value: string | number
  ): Promise<void> {
    if (!this._settings) {
      this._local[key] = value;
      this.update();
      return;
    }
    try {
      await this._settings.set(key, value);
    } catch (error) {
      console.error(
        `ByteMentor: cannot save the roadmap setting ${key}.`,
        error
      );
      Notification.error(
        this._options.trans.__(
          'Your roadmap choice could not be saved: %1',
          (error as Error).message
        )
      );
    }
  }

  private _catalog: ICatalog | null = null;
  private _error: string | null = null;
  private _copies: { [labId: string]: ICopy } = {};
  private _settings: ISettingRegistry.ISettings | null = null;
  private _local: { [key: string]: string | number } = {};
}

/**
 * A local date `YYYY-MM-DD` in the learner's locale, e.g. "11 Jul 2027".
 */
function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric'
  });
}
