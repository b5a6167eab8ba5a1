/**
 * The roadmap widget: keeps the view in step with catalog and progress.
 */

import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import { ICatalog, ICopy } from '../catalog/types';
import { outdatedCopies } from '../lab/versions';
import { ICatalogService, IProgressStore } from '../tokens';
import { buildRoadmap } from './model';
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

  protected render(): JSX.Element {
    const view = this._catalog
      ? buildRoadmap(this._catalog, this._options.progress.progress)
      : null;
    const updates = this._catalog
      ? outdatedCopies(this._catalog, this._copies)
      : new Map();
    return (
      <Roadmap
        view={view}
        error={this._error}
        trans={this._options.trans}
        updates={updates}
        onOpenLab={this._options.onOpenLab}
        onUpgradeLab={this._options.onUpgradeLab}
      />
    );
  }

  private _catalog: ICatalog | null = null;
  private _error: string | null = null;
  private _copies: { [labId: string]: ICopy } = {};
}
